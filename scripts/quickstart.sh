#!/usr/bin/env bash
# One command from a fresh clone to a running single-node Enclave: embedded database,
# a local Redis (started if none answers), build, start. Prints the URL and admin login.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Enclave needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
if [ -z "${REDIS_URL:-}" ] && ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing Redis (apt-get install redis-server)…"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    else
      echo "Enclave needs Redis. Install it (e.g. 'sudo apt-get install redis-server') or set REDIS_URL." >&2
      exit 1
    fi
  fi
  echo "Starting a local Redis on 127.0.0.1:6379…"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
fi
export REDIS_URL="$redis_url"

echo "Installing dependencies…"
npm install --no-audit --no-fund --loglevel=error
echo "Building…"
npm run build --silent
exec npm start --silent
