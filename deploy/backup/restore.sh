#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY database, then verifies the audit chain.
# Usage: restore.sh <backup-dir>   (DATABASE_URL must point at the empty target database)
set -euo pipefail
dir=${1:?usage: restore.sh <backup-dir>}
: "${DATABASE_URL:?DATABASE_URL is not set}"
( cd "$dir" && sha256sum --check --quiet SHA256SUMS )
pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$dir/database.dump"
cd "$(dirname "$0")/../.."
npm run --silent audit -- verify
echo "restored from $dir; audit chain verified"
