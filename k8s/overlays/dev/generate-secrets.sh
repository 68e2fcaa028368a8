#!/usr/bin/env bash
# Creates the dev overlay's secrets in k8s/overlays/dev/generated/ (gitignored) unless they exist: a random
# service key and MongoDB password, the MongoDB URIs that carry it, and a dev RSA key pair. Needs openssl.
# PostgreSQL's credentials are not here: CloudNativePG generates them (Secret thriftstore-pg-app).
set -euo pipefail
cd "$(dirname "$0")"
out=generated
mkdir -p "$out/dev-keys"
umask 077

if [ ! -s "$out/service-key.env" ]; then
  printf 'service-key=%s\n' "$(openssl rand -hex 32)" >"$out/service-key.env"
fi
if [ ! -s "$out/mongo-password.env" ]; then
  printf 'password=%s\n' "$(openssl rand -hex 24)" >"$out/mongo-password.env"
fi
password="$(sed -n 's/^password=//p' "$out/mongo-password.env")"
# The replica set's Service (the operator names it <resource>-svc); the driver discovers the members from it.
base="mongodb://thriftstore:${password}@thriftstore-mongo-svc:27017"
options="replicaSet=thriftstore-mongo&authSource=admin"
{
  printf 'products-uri=%s/products?%s\n' "$base" "$options"
  printf 'chat-uri=%s/chat?%s\n' "$base" "$options"
  printf 'notifications-uri=%s/notifications?%s\n' "$base" "$options"
} >"$out/mongodb-uris.env"

# The dev key pair in the launcher's formats (PKCS#8 private, X.509 public), as docker/dev-keys makes it.
if [ ! -s "$out/dev-keys/private.pem" ]; then
  openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/dev-keys/private.pem"
  rm -f "$out/dev-keys/public.pem"
fi
if [ ! -s "$out/dev-keys/public.pem" ]; then
  openssl pkey -in "$out/dev-keys/private.pem" -pubout -out "$out/dev-keys/public.pem"
fi
echo "dev overlay secrets are in $(pwd)/$out"
