#!/bin/sh
# `make demo`: load the demo Kota Pontianak (once), print its logins, then serve it at
# http://127.0.0.1:$PORT together with a background-task worker. Ctrl-C stops both.
#
#   PORT=8000 HOST=127.0.0.1 DEMO_ARGS="--employees 20000" sh scripts/demo.sh
set -eu
cd "$(dirname "$0")/.."

BIN="${UV_PROJECT_ENVIRONMENT:-.venv}/bin"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-pembina.config.settings.local}"

if [ ! -x "$BIN/pembina" ]; then
  echo "Tidak menemukan $BIN/pembina: jalankan \`make demo\` (membuat venv dan migrasi)." >&2
  exit 1
fi

# Builds the city on the first run; afterwards only prints the logins again. DEMO_ARGS is split on
# purpose (e.g. "--employees 20000 --seed 7").
# shellcheck disable=SC2086
"$BIN/pembina" demo ${DEMO_ARGS:-}

worker_pid=""
server_pid=""
stop() {
  trap - INT TERM EXIT
  for pid in $server_pid $worker_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $server_pid $worker_pid; do
    wait "$pid" 2>/dev/null || true
  done
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# Background jobs (imports, exports, recalculations) run in this worker; --no-reload keeps it one
# process, so stopping it is one signal.
"$BIN/pembina" db_worker --no-reload --no-startup-delay &
worker_pid=$!

echo ""
echo "Pembina demo berjalan di http://$HOST:$PORT/  (Ctrl-C untuk berhenti)"
echo ""
# runserver with the local (DEBUG) settings serves the static files itself.
"$BIN/pembina" runserver "$HOST:$PORT" --noreload &
server_pid=$!

# Returns when the server stops, or when Ctrl-C/SIGTERM runs the trap; either way both go down.
wait "$server_pid"
