#!/usr/bin/env bash
# The rpcboot demo in one command: builds catalog-service, inventory-service and order-service,
# starts each as its own process on free local ports, places a sample order (and one that is out of
# stock), prints the results, and keeps the services running until Ctrl-C stops all three.
#
# Usage: ./demo.sh [--skip-build]
# Needs Java 17 or later and curl; Maven comes with the wrapper. Logs: target/demo/*.log
set -euo pipefail

cd "$(dirname "$0")"
root="$(pwd)"
logs="$root/target/demo"

if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '\n%s%s%s\n' "$bold" "$*" "$plain"; }
fail() { printf '\ndemo.sh: %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null || fail "java is not on the PATH (Java 17 or later is needed)"
command -v curl >/dev/null || fail "curl is not on the PATH"

if [[ "${1:-}" != "--skip-build" ]]; then
    say "Building the demo services (./mvnw package, tests skipped)..."
    ./mvnw -q -B -DskipTests package \
        -pl demo-services/catalog-service,demo-services/inventory-service,demo-services/order-service -am
fi

# Sets the named variable to a free local port: a random one below Linux's ephemeral range that
# nothing answers on and that this script has not handed out yet.
taken=" "
free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 12000))
        if [[ "$taken" != *" $port "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            taken="$taken$port "
            printf -v "$1" '%s' "$port"
            return
        fi
    done
    fail "found no free local port"
}

free_port catalog_port
free_port inventory_port
free_port order_port
free_port catalog_web_port     # Actuator (health, prometheus, rpc) of catalog-service
free_port inventory_web_port   # Actuator of inventory-service

names=()
pids=()
stop_all() {
    trap - INT TERM EXIT
    local pid
    if ((${#pids[@]} > 0)); then
        say "Stopping the services..."
        for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
        for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
        echo "Stopped. Logs are in ${logs#"$root"/}/"
    fi
}
pid_of() { local i; for i in "${!names[@]}"; do [[ "${names[$i]}" == "$1" ]] && echo "${pids[$i]}"; done; return 0; }
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

start() { # name, then the service's arguments
    local name=$1
    shift
    local jar="$root/demo-services/$name-service/target/$name-service-0.1.0-SNAPSHOT-exec.jar"
    [[ -f "$jar" ]] || fail "$jar is missing: run ./demo.sh without --skip-build"
    java -jar "$jar" --spring.main.banner-mode=off "$@" >"$logs/$name.log" 2>&1 &
    names+=("$name")
    pids+=($!)
}

await_started() { # name, application class
    local name=$1 deadline=$((SECONDS + 90))
    until grep -q "Started $2" "$logs/$name.log" 2>/dev/null; do
        if ! kill -0 "$(pid_of "$name")" 2>/dev/null; then
            tail -n 30 "$logs/$name.log" >&2
            fail "$name-service exited during start-up (log: ${logs#"$root"/}/$name.log)"
        fi
        ((SECONDS < deadline)) || fail "$name-service did not start within 90s (log: ${logs#"$root"/}/$name.log)"
        sleep 0.2
    done
    echo "  $name-service started ($(grep -o "Started $2 in [0-9.]* seconds" "$logs/$name.log"))"
}

mkdir -p "$logs"
rm -f "$logs"/*.log
say "Starting the services (logs in ${logs#"$root"/}/)..."
start catalog --rpc.server.address=127.0.0.1 --rpc.server.port="$catalog_port" \
    --server.address=127.0.0.1 --server.port="$catalog_web_port"
start inventory --rpc.server.address=127.0.0.1 --rpc.server.port="$inventory_port" \
    --server.address=127.0.0.1 --server.port="$inventory_web_port"
start order --server.address=127.0.0.1 --server.port="$order_port" \
    --rpc.client.services.catalog.urls="rpc://127.0.0.1:$catalog_port" \
    --rpc.client.services.inventory.urls="rpc://127.0.0.1:$inventory_port"
await_started catalog CatalogApplication
await_started inventory InventoryApplication
await_started order OrderApplication

api="http://127.0.0.1:$order_port"
pretty() { if command -v jq >/dev/null; then jq . 2>/dev/null || cat; else cat; echo; fi; }
call() { # method, path, optional JSON body: prints the request, the status and the body
    local body=${3:-}
    printf '\n$ curl -X %s %s%s\n' "$1" "$api$2" "${body:+ -H 'Content-Type: application/json' -d '$body'}"
    local response status
    if [[ -n "$body" ]]; then
        response=$(curl -sS -X "$1" "$api$2" -H 'Content-Type: application/json' -d "$body" -w '\n%{http_code}')
    else
        response=$(curl -sS -X "$1" "$api$2" -w '\n%{http_code}')
    fi
    status=${response##*$'\n'}
    echo "HTTP $status"
    printf '%s' "${response%$'\n'*}" | pretty
}

say "The catalog, through order-service (GET /products calls catalog-service over rpcboot):"
call GET /products
say "A sample order: order-service calls catalog-service (product, price) and inventory-service (reserve, asynchronous):"
call POST /orders '{"sku": "COFFEE-1KG", "quantity": 2}'
say "An order the inventory cannot serve: OutOfStockException, declared by InventoryService.reserve, crosses the wire and becomes 409:"
call POST /orders '{"sku": "GRINDER", "quantity": 50}'
say "An unknown product: ProductNotFoundException from catalog-service becomes 404:"
call POST /orders '{"sku": "TEAPOT", "quantity": 1}'

say "The services are running:"
echo "  order-service      $api  (REST: POST /orders, GET /orders/{id}, GET /products)"
echo "  catalog-service    rpc://127.0.0.1:$catalog_port  (Actuator: http://127.0.0.1:$catalog_web_port/actuator)"
echo "  inventory-service  rpc://127.0.0.1:$inventory_port  (Actuator: http://127.0.0.1:$inventory_web_port/actuator)"
echo "  Metrics: curl http://127.0.0.1:$order_port/actuator/prometheus | grep rpc_"
echo "  Try:  curl -X POST $api/orders -H 'Content-Type: application/json' -d '{\"sku\": \"MUG\", \"quantity\": 3}'"
echo "  The rpcboot ports answer HTTP/JSON too:"
echo "        curl http://127.0.0.1:$catalog_port/io.rpcboot.demo.api.CatalogService/price --json '[\"MUG\", 3]'"
echo "        curl http://127.0.0.1:$catalog_port/    (describes the exported services)"
echo "  Stop inventory-service (kill $(pid_of inventory)) and order again to see 503 Service Unavailable."
say "Press Ctrl-C to stop all three."
# Wait for Ctrl-C; report a service that stops on its own (its log says why).
while true; do
    for i in "${!pids[@]}"; do
        if ! kill -0 "${pids[$i]}" 2>/dev/null; then
            echo "${names[$i]}-service stopped (log: ${logs#"$root"/}/${names[$i]}.log)"
            unset "pids[$i]"
        fi
    done
    ((${#pids[@]} > 0)) || exit 1
    sleep 1
done
