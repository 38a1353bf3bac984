#!/usr/bin/env bash
# The rpcboot demo in one command: builds catalog-service, inventory-service and order-service,
# starts each as its own process on free local ports, places a sample order (and one that is out of
# stock), prints the results and the commands to try next with the ports it chose, and keeps the
# services running until Ctrl-C stops all three.
#
# Usage: ./demo.sh [--skip-build]   (--skip-build: use the jars of an earlier build, starts in seconds)
# Needs Java 17 or later and curl; Maven comes with the wrapper. Logs: target/demo/*.log
# Writes target/demo/ports.env (the ports and process ids, for `source target/demo/ports.env`) and
# target/demo/commands.txt (the commands printed at the end, with the real ports).
set -euo pipefail

cd "$(dirname "$0")"
root="$(pwd)"
logs="$root/target/demo"

if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '\n%s%s%s\n' "$bold" "$*" "$plain"; }
fail() { printf '\ndemo.sh: %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null || fail "java is not on the PATH (Java 17 or later is needed)"
command -v curl >/dev/null || fail "curl is not on the PATH"

case "${1:-}" in
    ''|--skip-build) ;;
    *) fail "unknown argument '$1' (usage: ./demo.sh [--skip-build])" ;;
esac
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
commands=()   # each service's command line, as the user can run it from this directory
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
    local jar="demo-services/$name-service/target/$name-service-0.1.0-SNAPSHOT-exec.jar"
    [[ -f "$jar" ]] || fail "$jar is missing: run ./demo.sh without --skip-build"
    java -jar "$jar" --spring.main.banner-mode=off "$@" >"$logs/$name.log" 2>&1 &
    names+=("$name")
    pids+=($!)
    commands+=("java -jar $jar --spring.main.banner-mode=off $*")
}
command_of() { local i; for i in "${!names[@]}"; do [[ "${names[$i]}" == "$1" ]] && echo "${commands[$i]}"; done; return 0; }

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

cat >"$logs/ports.env" <<EOF
# The demo's ports and process ids, written by ./demo.sh: source target/demo/ports.env
ORDER_WEB=$order_port          # order-service's REST API and Actuator
CATALOG_RPC=$catalog_port        # catalog-service's rpcboot port (binary protocol, and HTTP/JSON for curl)
CATALOG_WEB=$catalog_web_port        # catalog-service's Actuator
INVENTORY_RPC=$inventory_port      # inventory-service's rpcboot port
INVENTORY_WEB=$inventory_web_port      # inventory-service's Actuator
ORDER_PID=$(pid_of order)
CATALOG_PID=$(pid_of catalog)
INVENTORY_PID=$(pid_of inventory)
EOF

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
echo "  order-service      $api  (REST: POST /orders, GET /orders/{id}, GET /products, GET /stock/{sku}/events)"
echo "  catalog-service    rpc://127.0.0.1:$catalog_port  (Actuator: http://127.0.0.1:$catalog_web_port/actuator)"
echo "  inventory-service  rpc://127.0.0.1:$inventory_port  (Actuator: http://127.0.0.1:$inventory_web_port/actuator)"
echo "Their ports, for 'source ${logs#"$root"/}/ports.env' (then the README's commands work as written):"
echo "  $(sed -n 's/^\([A-Z_]*=[0-9]*\).*/\1/p' "$logs/ports.env" | paste -sd ' ')"

# The commands the README suggests, with this run's ports: printed, and kept in commands.txt.
{
    echo "# Place an order:"
    echo "curl -X POST localhost:$order_port/orders -H 'Content-Type: application/json' -d '{\"sku\": \"MUG\", \"quantity\": 3}'"
    echo "# Call catalog-service directly: its rpcboot port answers HTTP/JSON too (a declared exception is 422):"
    echo "curl localhost:$catalog_port/io.rpcboot.demo.api.CatalogService/price --json '[\"MUG\", 3]'"
    echo "curl -i localhost:$catalog_port/io.rpcboot.demo.api.CatalogService/product --json '[\"TEAPOT\"]'"
    echo "curl -i localhost:$catalog_port/io.rpcboot.demo.api.CatalogService/price --json '[\"MUG\", 0]'    # undeclared: 500"
    echo "curl localhost:$catalog_port/    # describes the exported services"
    echo "# Watch a product's stock level as server-sent events (order in another terminal to see it change; Ctrl-C stops):"
    echo "curl -N localhost:$order_port/stock/MUG/events"
    echo "# The same stream straight from inventory-service's rpcboot port, as NDJSON (one StockLevel per line):"
    echo "curl -N localhost:$inventory_port/io.rpcboot.demo.api.InventoryService/watch -H 'Content-Type: application/json' -d '[\"MUG\"]'"
    echo "# Metrics and the rpc Actuator endpoint of order-service (the client side) and catalog-service (the server side):"
    echo "curl -s localhost:$order_port/actuator/prometheus | grep '^rpc_client_requests_seconds_count'"
    echo "curl -s localhost:$order_port/actuator/rpc"
    echo "curl -s localhost:$catalog_web_port/actuator/prometheus | grep '^rpc_server_requests_seconds_count'"
    echo "# Stop inventory-service, and order again: 503 Service Unavailable at once:"
    echo "kill $(pid_of inventory)"
    echo "curl -X POST localhost:$order_port/orders -H 'Content-Type: application/json' -d '{\"sku\": \"MUG\", \"quantity\": 1}'"
    echo "# Start it again on its ports (in another terminal; Ctrl-C stops it), and the next order succeeds:"
    echo "$(command_of inventory)"
} >"$logs/commands.txt"
say "Try these (also in ${logs#"$root"/}/commands.txt):"
sed 's/^/  /' "$logs/commands.txt"
say "Press Ctrl-C to stop the services that this script started."
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
