#!/usr/bin/env bash
# Fails when the drizzle schema (src/db/schema/) and migrations/ disagree, e.g. a
# column added without `npm run db:generate`. drizzle-kit generates against a
# copy of migrations/ in a temporary folder, so the real one is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sello-db-check-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cp -R migrations "$tmp/migrations"

# The project's own config, with only the output folder moved to the copy
# (relative: drizzle-kit mangles an absolute \`out\`).
out="$(realpath --relative-to=. "$tmp/migrations")"
cat >"$tmp/drizzle.config.ts" <<CONFIG
import config from '$PWD/drizzle.config.ts';
export default { ...config, out: '$out' };
CONFIG

before="$(cd "$tmp/migrations" && find . -type f | sort)"
# No terminal: a change that needs an answer (a rename?) fails instead of waiting.
status=0
output="$(npx --no-install drizzle-kit generate --config "$tmp/drizzle.config.ts" </dev/null 2>&1)" || status=$?
after="$(cd "$tmp/migrations" && find . -type f | sort)"
# drizzle-kit exits 0 on some errors, so a pass needs its own words for "nothing to do".
if [ "$before" = "$after" ] && { [ "$status" -ne 0 ] || ! grep -q 'No schema changes' <<<"$output"; }; then
  echo "$output" >&2
  echo "db:check: drizzle-kit no pudo comparar el esquema con migrations/ (¿un cambio que pide una respuesta, como un renombre?)." >&2
  exit 1
fi

if [ "$before" != "$after" ] || ! cmp -s migrations/meta/_journal.json "$tmp/migrations/meta/_journal.json"; then
  echo "db:check: el esquema (src/db/schema/) no coincide con migrations/. Migración que faltaría:" >&2
  for file in $(comm -13 <(echo "$before") <(echo "$after") | grep '\.sql$'); do
    echo "--- $file" >&2
    cat "$tmp/migrations/$file" >&2
    echo >&2
  done
  echo "Genere la migración con 'npm run db:generate' y revísela." >&2
  exit 1
fi
echo "db:check: el esquema y migrations/ coinciden."
