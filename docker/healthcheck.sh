#!/usr/bin/env bash
# Docker HEALTHCHECK for a ThriftStore service: healthy once the readiness group says UP.
# The JRE image has no curl; bash's /dev/tcp is enough for one HTTP/1.0 request to ourselves.
set -euo pipefail
path="${HEALTHCHECK_PATH:-/actuator/health/readiness}"
exec 3<>"/dev/tcp/127.0.0.1/${PORT:?PORT is not set}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
# HTTP/1.0: the server closes the connection after the response, so cat ends; timeout guards a stuck peer.
response="$(timeout 4 cat <&3)"
exec 3<&-
[[ "$response" == "HTTP/1."?" 200"* ]] && [[ "$response" == *'"status":"UP"'* ]]
