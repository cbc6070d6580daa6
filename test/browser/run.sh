#!/bin/sh
# `npm run test:browser`: the browser tier inside its own network namespace in which only
# loopback exists. Chromium then offers 127.0.0.1 as its only host candidate (STACK.md, Meetings),
# and what the tests start (Redis, coturn, the server with its embedded database and SFU) is
# reachable by nobody else, nor can it reach anything: the host's PostgreSQL and Redis are out of
# reach too, which is why the harness starts its own Redis and uses the embedded database.
#
# Re-executes itself under `unshare -n` (as root) or `unshare -rn` (a user namespace otherwise),
# brings `lo` up, then runs Jest's `browser` project. Arguments go to Jest.
set -eu
cd "$(dirname "$0")/../.."

if [ "${ENCLAVE_BROWSER_NETNS:-}" != "1" ]; then
  for tool in unshare ip; do
    command -v "$tool" >/dev/null 2>&1 || { echo "test:browser needs '$tool' (util-linux, iproute2)" >&2; exit 1; }
  done
  if [ "$(id -u)" -eq 0 ]; then ns_flags="-n"; else ns_flags="-rn"; fi
  ENCLAVE_BROWSER_NETNS=1 exec unshare $ns_flags -- sh "$0" "$@"
fi

ip link set lo up
exec node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects browser --runInBand "$@"
