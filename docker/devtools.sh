#!/usr/bin/env bash
# Entry point of the thriftstore/devtools image: the launcher's developer commands, without a JDK or Maven on
# the host. The compose dev key pair is mounted read-only at /data/dev-keys (docker-compose.yml, service devtools):
#   docker compose run --rm devtools token user_alice Alice [--ttl 1h]
set -euo pipefail
case "${1:-help}" in
  token)
    shift
    [ -r /data/dev-keys/private.pem ] || {
      echo "devtools: /data/dev-keys/private.pem is missing or unreadable; the dev-keys service creates it (docker compose up)" >&2
      exit 1
    }
    # The token's azp is the dashboard's origin at offset 0, http://localhost:3000: the front door's address,
    # which is in ALLOWED_ORIGINS. The token alone on the last line, as with ./thriftstore token.
    exec java -XX:TieredStopAtLevel=1 -Xshare:auto -cp '/devtools/lib/*' io.thriftstore.launcher.Launcher \
      token --data /data "$@"
    ;;
  help | -h | --help)
    echo "usage: docker compose run --rm devtools token <userId> [display name] [--ttl 1h]"
    ;;
  *)
    echo "devtools: unknown command '$1'" >&2
    echo "usage: docker compose run --rm devtools token <userId> [display name] [--ttl 1h]" >&2
    exit 2
    ;;
esac
