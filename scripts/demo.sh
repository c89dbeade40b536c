#!/usr/bin/env bash
# Install credreg into .venv, create a SQLite database with the demo hospital, and serve
# it with GraphiQL at http://127.0.0.1:8000/graphql. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
export CREDREG_DATABASE_URL="${CREDREG_DATABASE_URL:-sqlite://credreg-demo.sqlite3}"
export CREDREG_GRAPHIQL="${CREDREG_GRAPHIQL:-1}"
if [ -z "${CREDREG_ADMIN_PASSWORD:-}" ]; then
    CREDREG_ADMIN_PASSWORD="demo-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(15))')"
    export CREDREG_ADMIN_PASSWORD
    fresh_admin=1
fi
.venv/bin/credreg init
if [ -n "${fresh_admin:-}" ] && [ ! -f .credreg-demo-admin ]; then
    echo "$CREDREG_ADMIN_PASSWORD" > .credreg-demo-admin
    echo "admin password (also saved in .credreg-demo-admin): $CREDREG_ADMIN_PASSWORD"
fi
.venv/bin/credreg seed-demo
echo "GraphiQL: http://127.0.0.1:${CREDREG_PORT:-8000}/graphql"
exec .venv/bin/credreg serve --host 127.0.0.1 --port "${CREDREG_PORT:-8000}"
