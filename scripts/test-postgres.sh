#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster: initdb into a temporary folder, the server
# listening only on a Unix socket in that folder (no TCP port, no system service), a database for the
# tests, PORTAL_TEST_DATABASE naming it; the cluster is stopped and its folder removed at the end.
#   scripts/test-postgres.sh build/native/server_tests
# The cluster is thrown away, so it skips fsync: the suites test the server, not PostgreSQL's disk.
set -euo pipefail
bin=${PORTAL_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "test-postgres: PostgreSQL 15's server programs are not in $bin (Debian's postgresql-15; scripts/setup.sh installs it)" >&2
  exit 1
fi
[ $# -gt 0 ] || { echo "usage: scripts/test-postgres.sh COMMAND [ARGS...]" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/portal-pg.XXXXXX")
# PostgreSQL will not run as root: there, the cluster belongs to the package's own user.
as=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "test-postgres: running as root needs the postgres user (Debian's postgresql-15)" >&2; exit 1; }
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/cluster" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM
"${as[@]}" "$bin/initdb" -D "$dir/cluster" -U portal --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
"${as[@]}" "$bin/pg_ctl" -D "$dir/cluster" -l "$dir/server.log" -w -t 60 start \
  -o "-c listen_addresses='' -k $dir -p 5432 -c fsync=off -c full_page_writes=off -c max_connections=200" >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }
"$bin/psql" -h "$dir" -p 5432 -U portal -d postgres -qc "CREATE DATABASE portal_test" >/dev/null
export PORTAL_TEST_DATABASE="postgresql://portal@/portal_test?host=${dir//\//%2F}&port=5432"
echo "test-postgres: PostgreSQL 15 on $dir/.s.PGSQL.5432"
status=0
"$@" || status=$?
exit $status
