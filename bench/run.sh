#!/usr/bin/env bash
# The whole benchmark in one command: generate the national data set into PostgreSQL, time the engine
# against DuckDB for the country and each province, try database-side improvements, time one province
# on SQLite, time the demo build and the import, and write bench/RESULTS.md. About 1½ hours on 2 cores;
# runs at low priority.
#
#   bench/run.sh                       # everything
#   bench/run.sh --skip generate       # reuse the PostgreSQL data set already generated
#   CANBO_BENCH_PG=postgres://… bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=.venv/bin/python
if ! "$PYTHON" -c "import duckdb, pyarrow" 2>/dev/null; then
    .venv/bin/pip install --quiet -r bench/requirements.txt
fi
exec nice -n 10 "$PYTHON" -m bench all "$@"
