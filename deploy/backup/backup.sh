#!/usr/bin/env bash
# Consistent backup of an Enclave installation: a custom-format pg_dump (one snapshot, so
# the audit chain in it is consistent), the environment file and the audit signing keys.
# Usage: backup.sh <target-dir>   (reads DATABASE_URL from the environment or /etc/enclave/enclave.env)
set -euo pipefail
target=${1:?usage: backup.sh <target-dir>}
[ -z "${DATABASE_URL:-}" ] && [ -r /etc/enclave/enclave.env ] && set -a && . /etc/enclave/enclave.env && set +a
: "${DATABASE_URL:?DATABASE_URL is not set (embedded installs: stop Enclave and copy DATA_DIR instead)}"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
dir="$target/enclave-$stamp"
mkdir -p "$dir"
pg_dump --format=custom --no-owner --file="$dir/database.dump" "$DATABASE_URL"
[ -r /etc/enclave/enclave.env ] && cp /etc/enclave/enclave.env "$dir/"
[ -d /etc/enclave/audit-keys ] && cp -r /etc/enclave/audit-keys "$dir/"
( cd "$dir" && sha256sum -- * > SHA256SUMS 2>/dev/null || true )
chmod -R go-rwx "$dir"
echo "backup written to $dir"
