#!/usr/bin/env bash
# Checks of the container and cluster packaging, for CI (no Docker engine or cluster needed):
#   - docker-compose.yml renders with docker-compose 1.29 (installed from Debian when missing) and has the
#     dashboard behind the edge's one published front-door port;
#   - the edge proxy config parses (`nginx -t`; nginx-light from Debian) and routes every path of the front door
#     to the right service, with the anonymous catalog limit (docker/edge/routing-test.sh, nginx + node);
#   - k8s/base and both overlays render with `kubectl kustomize` and validate against Kubernetes' schemas and
#     the operators' (k8s/validate, npm packages); the Ingress, the dashboard, the NetworkPolicies and the
#     operators' resources are there; the base and prod keep Clerk auth; image names and tags equal compose's;
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
compose="$(docker-compose -f docker-compose.yml config)"
services="$(docker-compose -f docker-compose.yml config --services)"
for service in dashboard edge devtools; do
  grep -qx "$service" <<<"$services" || { echo "docker-compose.yml has no $service service" >&2; exit 1; }
done
# The edge's published ports: the front door 3000 (and the per-service debugging ports); nothing else publishes
# outside the observability profile.
edge_ports="$(docker-compose -f docker-compose.yml config | awk '/^  edge:/{e=1;next} /^  [a-z]/{e=0} e && /published:|- [0-9]+:[0-9]+/' )"
grep -Eq '(published: "?3000"?|3000:3000)' <<<"$edge_ports" || { echo "the edge does not publish the front door (3000)" >&2; exit 1; }
say "compose: $(wc -l <<<"$services") services, the dashboard behind the edge's front door on :3000"

# ---- Kubernetes -------------------------------------------------------------------------------------
# kubectl (with kustomize 5) comes preinstalled on this kind of machine; Debian's kubernetes-client (1.20) is too
# old for these kustomizations and no registry here ships kustomize, so it is not installed on the fly.
if command -v kubectl >/dev/null 2>&1; then
  command -v node >/dev/null 2>&1 || { echo "node is required to validate the manifests (apt-get install -y nodejs npm)" >&2; exit 1; }
  say "installing the manifest validator (k8s/validate: kubernetes-models, ajv, yaml from npm)"
  (cd k8s/validate && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  [ -s k8s/overlays/dev/generated/service-key.env ] || bash k8s/overlays/dev/generate-secrets.sh >/dev/null
  rendered_dir="$(mktemp -d)"
  trap 'rm -rf "$rendered_dir"' EXIT
  for target in base overlays/dev overlays/prod; do
    name="${target##*/}"
    say "kubectl kustomize k8s/$target | validate"
    kubectl kustomize "k8s/$target" >"$rendered_dir/$name.yaml"
    node k8s/validate/validate.mjs "$rendered_dir/$name.yaml"
  done
  count() { grep -c "^kind: $2\$" "$rendered_dir/$1.yaml" || true; }
  expect() { # expect <rendered> <kind> <count>
    local n; n="$(count "$1" "$2")"
    [ "$n" -eq "$3" ] || { echo "k8s/$1 renders $n $2(s), expected $3" >&2; exit 1; }
  }
  for name in base dev prod; do
    # The seven services and the dashboard; the front door as three Ingresses (plain, catalog, sockets).
    for kind in Deployment Service HorizontalPodAutoscaler PodDisruptionBudget; do expect "$name" "$kind" 8; done
    expect "$name" Ingress 3
    [ "$(count "$name" NetworkPolicy)" -ge 13 ] || { echo "k8s/$name lacks NetworkPolicies" >&2; exit 1; }
    grep -q 'name: dashboard$' "$rendered_dir/$name.yaml" || { echo "k8s/$name has no dashboard" >&2; exit 1; }
    grep -q 'nginx.ingress.kubernetes.io/limit-rps' "$rendered_dir/$name.yaml" \
      || { echo "k8s/$name has no anonymous catalog limit on the Ingress" >&2; exit 1; }
  done
  for kind in Kafka KafkaNodePool MongoDBCommunity Cluster; do expect dev "$kind" 1; done
  expect dev KafkaTopic 10
  expect dev Database 2
  # Issue 16: only the dev overlay may switch dev auth on.
  for name in base prod; do
    grep -q '^  THRIFTSTORE_AUTH_MODE: clerk$' "$rendered_dir/$name.yaml" \
      || { echo "k8s/$name must keep THRIFTSTORE_AUTH_MODE=clerk" >&2; exit 1; }
  done
  # Images built once, named once: compose and Kustomize agree on every name and tag.
  compose_images="$(grep -Eo 'image: thriftstore/[a-z-]+:[^ ]+' <<<"$compose" | grep -Ev 'thriftstore/(dev-keys|devtools):' | sort -u)"
  k8s_images="$(grep -Eo 'image: thriftstore/[a-z-]+:[^ ]+' "$rendered_dir/base.yaml" | sort -u)"
  if [ "$compose_images" != "$k8s_images" ]; then
    echo "image names/tags differ between docker-compose.yml and k8s/base:" >&2
    diff <(echo "$compose_images") <(echo "$k8s_images") >&2 || true
    exit 1
  fi
  say "k8s: base, dev and prod render and validate; $(wc -l <<<"$k8s_images") images named as in compose"
elif [ -n "${CI:-}" ]; then
  echo "kubectl is missing: it renders the Kustomize overlays (kubectl >= 1.27 with kustomize 5; preinstalled on" >&2
  echo "this kind of machine, not available from Debian, npm or Maven Central). Install it to validate k8s/." >&2
  exit 1
else
  say "SKIPPED k8s/: kubectl is not installed (install kubectl >= 1.27 to render and validate the overlays)"
fi

if ! command -v nginx >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  say "installing nginx-light (Debian package) to check the edge proxy's config"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
if command -v nginx >/dev/null 2>&1; then
  say "nginx -t docker/edge/nginx.conf"
  nginx -q -t -c "$PWD/docker/edge/nginx.conf"
  if command -v node >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then
    say "edge front door routing (docker/edge/routing-test.sh)"
    bash docker/edge/routing-test.sh
  else
    say "skipped the edge routing test: it needs node and curl"
  fi
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
