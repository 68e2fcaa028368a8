#!/usr/bin/env bash
# Static checks of the container and cluster packaging, for CI (no Docker engine or cluster needed):
#   - docker-compose.yml renders with docker-compose 1.29 (installed from Debian when missing);
#   - k8s/base renders with `kubectl kustomize` (skipped, saying so, when kubectl is absent);
#   - the edge proxy config parses (`nginx -t`; nginx-light is installed from Debian when missing and root);
#   - the Grafana dashboard is valid JSON.
# Exits non-zero when anything is invalid. Image builds and a real `docker compose up` are NOT checked here.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

if ! command -v docker-compose >/dev/null 2>&1; then
  say "installing docker-compose (Debian package) to validate docker-compose.yml"
  if [ "$(id -u)" -ne 0 ]; then
    echo "docker-compose is missing and this is not root: apt-get install -y docker-compose" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
fi
say "docker-compose config -q (every profile's services included)"
docker-compose -f docker-compose.yml config -q

if command -v kubectl >/dev/null 2>&1; then
  say "kubectl kustomize k8s/base"
  rendered="$(kubectl kustomize k8s/base)"
  for kind in Deployment Service HorizontalPodAutoscaler; do
    count="$(grep -c "^kind: $kind\$" <<<"$rendered" || true)"
    if [ "$count" -ne 7 ]; then
      echo "k8s/base renders $count ${kind}s, expected 7 (one per service)" >&2
      exit 1
    fi
  done
else
  say "SKIPPED k8s/base: kubectl is not installed (it does not come from Debian; install kubectl >= 1.27 to check the Kustomize base)"
fi

if ! command -v nginx >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  say "installing nginx-light (Debian package) to check the edge proxy's config"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
if command -v nginx >/dev/null 2>&1; then
  say "nginx -t docker/edge/nginx.conf"
  nginx -q -t -c "$PWD/docker/edge/nginx.conf"
else
  say "skipped nginx -t: nginx is not installed (apt-get install -y nginx-light to check the edge proxy)"
fi

say "Grafana dashboard JSON"
if command -v python3 >/dev/null 2>&1; then
  python3 -m json.tool docker/observability/grafana/dashboards/thriftstore.json >/dev/null
elif command -v node >/dev/null 2>&1; then
  node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' docker/observability/grafana/dashboards/thriftstore.json
fi

say "packaging is valid"
