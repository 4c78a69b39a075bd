#!/usr/bin/env bash
# The production shape on one machine: PostgreSQL 15 (a cluster of its own under DATA/postgresql,
# listening only on a Unix socket there), NODES portal-server nodes on the ports from PORT+10 on, every
# one stateless on that database, and HAProxy on 127.0.0.1:PORT in front of them, sending each request
# to the next node that answers its /healthz. Used by ./dev cluster and by the cluster tests.
#   scripts/cluster.sh --nodes 3 --port 8080 --data DIR [--web DIR] [-- NODE ARGS...]
# NODE ARGS go to every node (./dev cluster passes --dev and the Google stand-in's). The database is
# kept in DATA between runs, like ./dev run's SQLite file. Prints "cluster ready: URL" once HAProxy and
# every node answer; stops all it started on Ctrl+C, TERM or exit. The words of node N are in
# DATA/node-N.log, HAProxy's in DATA/haproxy.log, PostgreSQL's in DATA/postgresql.log (beside its files
# where the postgres user cannot reach DATA).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nodes=3 port=8080 data= web=$root/build/web/dist
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=${2:?--nodes needs a number}; shift 2 ;;
    --port) port=${2:?--port needs a number}; shift 2 ;;
    --data) data=${2:?--data needs a folder}; shift 2 ;;
    --web) web=${2:?--web needs a folder}; shift 2 ;;
    --) shift; break ;;
    *) echo "cluster: unknown option $1" >&2; exit 2 ;;
  esac
done
fail() { printf 'cluster: %s\n' "$*" >&2; exit 1; }
[ -n "$data" ] || fail "--data names the folder for the database and the logs."
case "$nodes" in ''|*[!0-9]*|0) fail "--nodes takes a number from 1, like --nodes 3." ;; esac
case "$port" in ''|*[!0-9]*) fail "--port takes a number, like --port 8080." ;; esac
bin=${PORTAL_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$bin/pg_ctl" ] || fail "PostgreSQL 15's server programs are not in $bin: run scripts/setup.sh cluster (Debian's postgresql-15)."
command -v haproxy >/dev/null || fail "haproxy is not installed: run scripts/setup.sh cluster (Debian's haproxy)."
server=$root/build/native/portal-server
[ -x "$server" ] || fail "$server is not built: run ./dev build first."
mkdir -p "$data" || fail "the data folder $data cannot be created: choose another with --data DIR."
data=$(cd "$data" && pwd)
pg=$data/postgresql

# PostgreSQL will not run as root: there, its folder belongs to the package's own user.
as=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || fail "running as root needs the postgres user (Debian's postgresql-15)."
  as=(runuser -u postgres --)
fi
pids=()
stop() {
  trap - EXIT INT TERM
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
  wait 2>/dev/null || true
  "${as[@]}" "$bin/pg_ctl" -D "$pg" -m fast -w stop >/dev/null 2>&1 || true
}
trap stop EXIT
trap 'exit 0' INT TERM

pg_log=$data/postgresql.log
if [ ${#as[@]} -gt 0 ]; then
  if "${as[@]}" test -x "$(dirname "$data")"; then  # its user reaches its folder and writes its log
    chmod a+x "$data"
  else
    # A folder above DATA is closed to other users (a clone in /root, say): PostgreSQL's files go where
    # Debian keeps its clusters, under the postgres user's own folder, one per DATA.
    pg=/var/lib/postgresql/portal-cluster-$(printf '%s' "$data" | sha256sum | cut -c1-12)
    pg_log=$pg.log
    echo "cluster: the postgres user cannot reach $data, so PostgreSQL's files are in $pg" >&2
  fi
  touch "$pg_log" && chown postgres "$pg_log"
fi
if [ ! -f "$pg/PG_VERSION" ]; then
  mkdir -p "$pg"
  [ ${#as[@]} -gt 0 ] && chown postgres "$pg"
  "${as[@]}" "$bin/initdb" -D "$pg" -U portal --auth=trust -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 ||
    fail "initdb failed; its words are in $data/initdb.log."
fi
"${as[@]}" "$bin/pg_ctl" -D "$pg" -l "$pg_log" -w -t 60 start \
  -o "-c listen_addresses='' -k $pg -p 5432 -c max_connections=200" >/dev/null ||
  fail "PostgreSQL did not start; its words are in $pg_log."
"$bin/psql" -h "$pg" -p 5432 -U portal -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'portal'" | grep -q 1 ||
  "$bin/psql" -h "$pg" -p 5432 -U portal -d postgres -qc "CREATE DATABASE portal" >/dev/null
database="postgresql://portal@/portal?host=${pg//\//%2F}&port=5432"

# The nodes, one after the other: the first migrates the database (and, with --dev, seeds the demo).
# Their public origin is the proxy's: sign-in redirects, links and cookies name it, never a node.
for i in $(seq 1 "$nodes"); do
  node_port=$((port + 9 + i))
  mkdir -p "$data/node-$i"
  "$server" --host 127.0.0.1 --port "$node_port" --origin "http://127.0.0.1:$port" --database "$database" \
    --data "$data/node-$i" --web "$web" "$@" \
    >"$data/node-$i.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do
    grep -q "listening on" "$data/node-$i.log" && break
    kill -0 "${pids[-1]}" 2>/dev/null || fail "node $i stopped at start; its words are in $data/node-$i.log."
    sleep 0.1
  done
  grep -q "listening on" "$data/node-$i.log" || fail "node $i did not start in 30 s; its words are in $data/node-$i.log."
  # Every node signs and checks with the same keys (identity/keys.hpp): the first's key file, made on
  # its first start, reaches the others whole through PORTAL_KEYS.
  if [ "$i" = 1 ]; then
    PORTAL_KEYS=$(cat "$data/node-1/keys.json") || fail "node 1 wrote no key file in $data/node-1."
    export PORTAL_KEYS
  fi
done

# HAProxy: round robin over the nodes, each checked on /healthz twice a second; a node that fails two
# checks is out until it passes two. A request whose connection a node refused goes to another
# (redispatch); one already sent is never sent twice by the proxy (the client retries, with its key).
# What the proxy answers itself is JSON like the nodes' errors, with a sentence a person can act on.
proxy_error() { # STATUS REASON MESSAGE
  printf 'HTTP/1.1 %s %s\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nRetry-After: 2\r\n' "$1" "$2"
  printf 'Connection: close\r\n\r\n{"error":"unavailable","message":"%s"}\n' "$3"
}
proxy_error 503 "Service Unavailable" "No node of the support portal can answer right now, so nothing was read or changed. Try again in a moment." \
  >"$data/503.http"
proxy_error 502 "Bad Gateway" "The node answering this request stopped before it replied. Try again in a moment." \
  >"$data/502.http"
proxy_error 504 "Gateway Timeout" "The node answering this request took too long to reply. Try again in a moment." \
  >"$data/504.http"
{
  printf 'global\n  maxconn 4096\n\n'
  printf 'defaults\n  mode http\n  log stdout format raw local0\n  option httplog\n'
  printf '  timeout connect 2s\n  timeout client 5m\n  timeout server 5m\n  retries 2\n  option redispatch\n'
  for status in 502 503 504; do printf '  errorfile %s %s/%s.http\n' $status "$data" $status; done
  printf '\n'
  printf 'frontend portal\n  bind 127.0.0.1:%s\n  default_backend nodes\n\n' "$port"
  printf 'backend nodes\n  balance roundrobin\n  option httpchk GET /healthz\n  http-check expect status 200\n'
  printf '  default-server inter 500ms fall 2 rise 2\n'
  for i in $(seq 1 "$nodes"); do printf '  server node%s 127.0.0.1:%s check\n' "$i" $((port + 9 + i)); done
} >"$data/haproxy.cfg"
haproxy -f "$data/haproxy.cfg" -db >"$data/haproxy.log" 2>&1 &
proxy=$!
pids+=($proxy)
for _ in $(seq 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  kill -0 $proxy 2>/dev/null || fail "HAProxy stopped at start; its words are in $data/haproxy.log."
  sleep 0.1
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" || fail "HAProxy does not answer on port $port; its words are in $data/haproxy.log."
# The node processes' ids, for whoever wants to stop one (the tests kill a node mid-load).
printf '%s\n' "${pids[@]:0:$nodes}" >"$data/node.pids"
echo "cluster ready: http://127.0.0.1:$port/ ($nodes nodes on ports $((port + 10))-$((port + 9 + nodes)), PostgreSQL in $pg)"
# A node that stops is HAProxy's to route around (the tests kill one); the cluster ends with the proxy.
wait $proxy || true
fail "HAProxy stopped; its words are in $data/haproxy.log."
