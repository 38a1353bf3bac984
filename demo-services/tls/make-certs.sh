#!/usr/bin/env sh
# Makes the certificates of the demo's mutual TLS (docker-compose.tls.yml, Spring profile "tls"):
# a demo CA, a server certificate for catalog-service and one for inventory-service (each naming
# the host the order service dials, plus localhost), and a client certificate for order-service.
# EC P-256 keys in PKCS#8 PEM files, which Spring Boot's spring.ssl.bundle.pem.* read as they are.
#
#   sh demo-services/tls/make-certs.sh [directory]     # default: demo-services/tls/certs
#
# Needs only openssl (Debian: apt-get install openssl). Certificates are valid for 90 days; run the
# script again to renew them: the services reload them without a restart (reload-on-update).
set -eu

dir="${1:-$(dirname "$0")/certs}"
days=90
mkdir -p "$dir"
cd "$dir"

key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null
}

# The CA: kept in this directory, so that renewed certificates keep the trust the services have.
if [ ! -f ca.key ]; then
    key ca
    openssl req -x509 -new -key ca.key -days 3650 -subj "/CN=rpcboot demo CA" \
        -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out ca.crt
fi

# issue NAME EXTENSIONS: a certificate for NAME signed by the CA
issue() {
    key "$1"
    openssl req -new -key "$1.key" -subj "/CN=$1" -out "$1.csr"
    printf '%s\n' "$2" >"$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days "$days" \
        -extfile "$1.ext" -out "$1.crt" 2>/dev/null
    rm -f "$1.csr" "$1.ext"
}

issue catalog "subjectAltName=DNS:catalog,DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth"
issue inventory "subjectAltName=DNS:inventory,DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth"
issue order "extendedKeyUsage=clientAuth"

# the services run as user 10001 in their containers: the keys must be readable by it
chmod 644 ./*.crt ./*.key
chmod 600 ca.key
echo "Certificates written to $dir: ca.crt; catalog, inventory (servers); order (client)"
