#!/bin/sh
# Dev auth for docker compose (no Clerk keys): an RSA key pair in /keys, a bind mount of
# ./.data/compose/dev-keys. Services trust public.pem; `THRIFTSTORE_DATA=.data/compose ./thriftstore token ...`
# signs tokens with private.pem. The formats are the launcher's (docs/PLATFORM.md, "Dev keys and tokens"):
# private.pem PKCS#8 (BEGIN PRIVATE KEY), public.pem X.509 SubjectPublicKeyInfo (BEGIN PUBLIC KEY).
set -eu
dir="${KEYS_DIR:-/keys}"
private="$dir/private.pem"
public="$dir/public.pem"

if [ ! -s "$private" ]; then
  # openssl 3 writes PKCS#8 by default; write to a temporary name so a crash never leaves half a key.
  openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$private.tmp"
  chmod 600 "$private.tmp"
  mv "$private.tmp" "$private"
  rm -f "$public"
  echo "dev-keys: created a new key pair in $dir"
fi
if [ ! -s "$public" ]; then
  openssl pkey -in "$private" -pubout -out "$public.tmp"
  mv "$public.tmp" "$public"
fi

# The files belong to whoever owns the mounted directory (you, if you created .data/compose/dev-keys
# before the first `docker compose up`), so `./thriftstore token` can read the private key on the host.
owner="$(stat -c '%u:%g' "$dir")"
chown "$owner" "$private" "$public"
chmod 0644 "$public"
if [ "${owner%%:*}" = "0" ]; then
  # Docker created the directory as root: a root-only private key would be unreadable to the host user
  # running ./thriftstore token. It only signs local dev tokens, so it is made world-readable here.
  chmod 0644 "$private"
else
  # The dashboard and devtools images run as uid/gid 10001 and sign with the key too: group 10001 may read it,
  # nobody else (the host user keeps owning it).
  chgrp 10001 "$private"
  chmod 0640 "$private"
fi
echo "dev-keys: services trust $public"
