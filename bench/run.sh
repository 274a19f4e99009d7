#!/usr/bin/env bash
# Cascade benchmarks: builds the jar, starts it on a fresh data directory, generates data into its embedded
# PostgreSQL, runs P1 to P13 several times each and prints the table of results beside the references
# measured in the same run (see docs/benchmarks.md and bench/README.md).
#
#   bench/run.sh                       smoke size (20,000 accounts, 2,000 below the big reseller), short runs
#   bench/run.sh --full                the goals' size: 1,000,000 accounts, 100,000 below the big reseller
#   bench/run.sh --accounts N [--big N] [--runs N] [--duration SECONDS] [--connections N] [--skip-build]
#                [--only p1,p4,p7,p9,p10,p11,p12,p13,...] run only these benchmarks (data are always generated)
#                [--port N]               the first port to try for Cascade (default 18080; the next free one is
#                                         taken), so that harnesses of several worktrees do not race for one
#                [--quiet-wait SECONDS]   before each benchmark, wait up to this long (default 600) for the machine's
#                                         CPUs to be idle (under 15 % busy), so that other work does not skew it
#                [--usage-records N]      P8: the usage records stored before it measures (default 1,000,000;
#                                         100,000,000 with --full: some 30 GB of disk more, see bench/README.md)
#
# Needs: a JDK 17+, Maven, and (installed with apt-get when missing, as root) curl, psql, pgbench, wrk, python3.
# Everything it writes goes to bench/.work (or $BENCH_WORK); the table also goes to bench/.work/results/<time>/.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
WORK=${BENCH_WORK:-$BENCH/.work}

ACCOUNTS=20000
BIG=""
RUNS=""
DURATION=""
CONNECTIONS=16
PGBENCH_SCALE=""
SKIP_BUILD=0
QUIET_WAIT=600
ONLY=""
SIZE_NAME=smoke
PORT_FROM=18080
ADMIN_PASSWORD='Bench-Pass-2026x'

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) ACCOUNTS=20000; SIZE_NAME=smoke ;;
    --full) ACCOUNTS=1000000; SIZE_NAME=full ;;
    --accounts) ACCOUNTS=$2; SIZE_NAME=custom; shift ;;
    --big) BIG=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --pgbench-scale) PGBENCH_SCALE=$2; shift ;;
    --skip-build) SKIP_BUILD=1 ;;
    --quiet-wait) QUIET_WAIT=$2; shift ;;
    --only) ONLY=$2; shift ;;
    --port) PORT_FROM=$2; shift ;;
    --usage-records) P8_RECORDS=$2; shift ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage 2 ;;
  esac
  shift
done
[ "$ACCOUNTS" = 1000000 ] && SIZE_NAME=full
BIG=${BIG:-$((ACCOUNTS / 10))}
GROUPS_N=$(( ACCOUNTS / 1000 > 0 ? ACCOUNTS / 1000 : 1 ))
DIRECT=$((ACCOUNTS / 100))
if [ "$ACCOUNTS" -ge 200000 ]; then
  RUNS=${RUNS:-3}; DURATION=${DURATION:-20}; PGBENCH_SCALE=${PGBENCH_SCALE:-10}
else
  RUNS=${RUNS:-2}; DURATION=${DURATION:-5}; PGBENCH_SCALE=${PGBENCH_SCALE:-1}
fi
# P8: the usage records stored before it measures; its pairs of billing runs (idle, loaded): RUNS at smoke size, one
# at the goals' size, where one pair took fifteen minutes on 2026-12-07 (P8_RUNS overrides)
P8_RECORDS=${P8_RECORDS:-$([ "$SIZE_NAME" = full ] && echo 100000000 || echo 1000000)}
P8_RUNS=${P8_RUNS:-$([ "$ACCOUNTS" -ge 200000 ] && echo 1 || echo "$RUNS")}

want() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; } # want p4: true unless --only leaves P4 out
log() { printf '\n== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

mkdir -p "$WORK"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RES="$WORK/results/$STAMP-$SIZE_NAME"
mkdir -p "$RES"
RESULTS="$RES/results.jsonl"
: > "$RESULTS"
record() { # record KEY VALUE [RUN] (a number; bc's ".5" is written as 0.5)
  local v=$2
  case "$v" in .*) v="0$v" ;; -.*) v="-0${v#-}" ;; esac
  printf '{"key":"%s","value":%s,"run":%s}\n' "$1" "$v" "${3:-0}" >> "$RESULTS"
}
note() { # note KEY TEXT
  python3 -c 'import json,sys; print(json.dumps({"key":sys.argv[1],"text":sys.argv[2]}))' "$1" "$2" >> "$RESULTS"
}

cpu_busy() { # percent of all CPUs busy over one second, from /proc/stat
  local a b
  a=$(awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat); sleep 1
  b=$(awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  echo "$a $b" | awk '{d = $4 - $2; printf "%.0f", (d > 0 ? 100 * ($3 - $1) / d : 0)}'
}
wait_quiet() { # wait_quiet PHASE: until the CPUs are idle (3 seconds in a row under 15 % busy), QUIET_WAIT at most
  local phase=$1 waited=0 quiet=0 busy
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    busy=$(cpu_busy); waited=$((waited + 1))
    if [ "$busy" -lt 15 ]; then quiet=$((quiet + 1)); [ "$quiet" -ge 3 ] && break; else quiet=0; fi
    [ $((waited % 30)) = 0 ] && echo "   waiting for the other work on this machine to end ($busy % busy)" >&2
  done
  note "quiet.$phase" "$busy % CPU busy after waiting ${waited}s"
  [ "$quiet" -ge 3 ] || echo "   machine still busy ($busy %) after ${QUIET_WAIT}s; measuring anyway" >&2
}

# ---------------------------------------------------------------------------------------------------------------
# tools
# ---------------------------------------------------------------------------------------------------------------
APT_UPDATED=0
apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "missing $*; install it (Debian: apt-get install $*)"
  if [ "$APT_UPDATED" = 0 ]; then apt-get update -qq >&2; APT_UPDATED=1; fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}
command -v java >/dev/null || die "a JDK 17+ is needed"
command -v mvn >/dev/null || die "Maven is needed"
command -v curl >/dev/null || apt_install curl
command -v python3 >/dev/null || apt_install python3
command -v wrk >/dev/null || apt_install wrk
command -v psql >/dev/null || apt_install postgresql-client
# Debian ships pgbench in the server package postgresql-NN (only a wrapper is in postgresql-client-common). To get
# pgbench without installing (and starting) a second PostgreSQL server, take the binary out of that package.
find_pgbench() {
  local p
  for p in "$WORK"/tools/usr/lib/postgresql/*/bin/pgbench /usr/lib/postgresql/*/bin/pgbench; do
    [ -x "$p" ] && { echo "$p"; return; }
  done
}
PGBENCH=$(find_pgbench)
if [ -z "$PGBENCH" ]; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "pgbench missing (Debian: package postgresql-NN)"
  major=$(psql --version | sed -E 's/.* ([0-9]+)\..*/\1/')
  log "taking pgbench out of Debian's postgresql-$major package"
  [ "$APT_UPDATED" = 0 ] && { apt-get update -qq >&2; APT_UPDATED=1; }
  (mkdir -p "$WORK/tools/deb" && cd "$WORK/tools/deb" && apt-get download -qq "postgresql-$major" >&2 \
    && dpkg-deb -x postgresql-"$major"_*.deb "$WORK/tools")
  PGBENCH=$(find_pgbench)
  [ -n "$PGBENCH" ] || die "could not get pgbench"
fi

# ---------------------------------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------------------------------
cd "$ROOT"
if [ "$SKIP_BUILD" = 0 ] || ! ls target/cascade-*.jar >/dev/null 2>&1; then
  log "building the jar (mvn -q -B package -DskipTests)"
  mvn -q -B package -DskipTests >&2
fi
JAR=$(ls target/cascade-*.jar | grep -v original | head -1)
JAR=$ROOT/$JAR
[ -f "$JAR.original" ] || die "no $JAR.original (the plain jar the JMH benchmarks compile against)"
if [ "$SKIP_BUILD" = 0 ] || [ ! -f "$BENCH/jmh/target/classpath.txt" ]; then
  log "building the JMH benchmarks (bench/jmh)"
  mvn -q -B -f bench/jmh/pom.xml package "-Dcascade.jar=$JAR.original" >&2
fi
JMH_CP="$BENCH/jmh/target/classes:$(cat "$BENCH/jmh/target/classpath.txt"):$JAR.original"

# ---------------------------------------------------------------------------------------------------------------
# Cascade from the jar
# ---------------------------------------------------------------------------------------------------------------
free_port() {
  local p
  for p in $(seq "$PORT_FROM" $((PORT_FROM + 100))); do
    (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }
  done
  die "no free port in $PORT_FROM-$((PORT_FROM + 100))"
}
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
APP_PID=""

start_app() { # start_app DATA_DIR LOG [JVM options...]: starts the jar in the background, sets APP_PID
  local data=$1 logf=$2; shift 2
  # loopback allowed as an outgoing target: P9's webhook receiver listens there (ADR 0024)
  CASCADE_ADMIN_PASSWORD=$ADMIN_PASSWORD SERVER_PORT=$PORT CASCADE_DATA_DIR=$data CASCADE_BILLING_CRON=- \
    CASCADE_OUTBOUND_ALLOWED_NETWORKS=127.0.0.0/8 \
    "${START_JAVA:-java}" "$@" -jar "${START_JAR:-$JAR}" > "$logf" 2>&1 &
  APP_PID=$!
}
wait_healthy() { # wait_healthy: until /actuator/health answers 200 (60 s at most)
  local i port=${BASE##*:}
  for i in $(seq 1 1200); do
    # our own process must be alive: another harness's Cascade on the same port would answer too
    kill -0 "$APP_PID" 2>/dev/null || return 1
    # until the port is open, a connect by bash itself (no process started): a curl every 20 ms took a fifth of two
    # cores from the start that P6 measures
    if { : > "/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
      [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/actuator/health" || true)" = 200 ] && return 0
      kill -0 "$APP_PID" 2>/dev/null || return 1
    fi
    sleep 0.05
  done
  return 1
}
restart_app() { # restart_app LOG [JVM options...]: Cascade again on the same data; its PostgreSQL's new port in PGPORT
  local logf=$1; shift
  stop_app
  start_app "$DATA" "$logf" "$@"
  wait_healthy || { tail -50 "$logf" >&2; die "Cascade did not start again ($logf)"; }
  PGPORT=$(grep -o 'Embedded PostgreSQL listening on localhost:[0-9]*' "$logf" | head -1 | grep -o '[0-9]*$')
  export PGPORT
}
stop_app() {
  [ -n "$APP_PID" ] || return 0
  if kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID" 2>/dev/null
  fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}
SAMPLER_PID=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null
  [ -f "$WORK/p8-wrk.pid" ] && kill "$(cat "$WORK/p8-wrk.pid")" 2>/dev/null && rm -f "$WORK/p8-wrk.pid"
  [ -n "${SINK_PID:-}" ] && kill "$SINK_PID" 2>/dev/null
  stop_app
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DATA="$WORK/data"
rm -rf "$DATA"
log "starting Cascade ($JAR) on port $PORT, fresh data in $DATA"
start_app "$DATA" "$RES/app.log" "-Xlog:gc:file=$RES/gc.log" # the collector's log: P4m reads the heap after each pause
wait_healthy || { tail -50 "$RES/app.log" >&2; die "Cascade did not start"; }
PGPORT=$(grep -o 'Embedded PostgreSQL listening on localhost:[0-9]*' "$RES/app.log" | head -1 | grep -o '[0-9]*$')
[ -n "$PGPORT" ] || die "no 'Embedded PostgreSQL listening on localhost:NNNN' in the log"
export PGHOST=localhost PGPORT PGUSER=postgres PGDATABASE=postgres
Q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

# CPU time used during a run by Cascade's JVM, by PostgreSQL (postmaster, its backends, and the backends that
# ended) and by the load generator: CPU per request depends much less on other work on the machine than req/s.
# What the whole machine spent besides is "other work"; a run with more than 15 % of the CPUs busy with other
# work is run again (twice at most).
TICK_US=$((1000000 / $(getconf CLK_TCK)))
NCPU=$(nproc)
jvm_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
pg_ticks() {
  local pm t=0 p; pm=$(head -1 "$DATA/postgres/postmaster.pid")
  t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
  for p in $(pgrep -P "$pm"); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "$t"
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
# transactions committed in Cascade's database: each statement the product runs is one (autocommit)
# (backends report their counts about once a second: exact to a few percent over a run)
xacts() { Q -c "SELECT xact_commit FROM pg_stat_database WHERE datname = 'postgres'"; }
LAST_OTHER=0
measured() { # measured NAME OUTFILE command...: runs it, records CPU of JVM, PostgreSQL, client and other work
  local name=$1 out=$2 j0 p0 m0 t0 x0 j1 p1 m1 t1 x1 client client_us jvm_us pg_us elapsed_us other_us; shift 2
  x0=$(xacts); j0=$(jvm_ticks); p0=$(pg_ticks); m0=$(machine_ticks); t0=$(date +%s%N)
  client=$( { TIMEFORMAT='%3U %3S'; time "$@" > "$out" 2>&1; } 2>&1 )
  t1=$(date +%s%N); m1=$(machine_ticks); j1=$(jvm_ticks); p1=$(pg_ticks); x1=$(xacts)
  client_us=$(echo "$client" | awk '{printf "%.0f", ($1 + $2) * 1000000}')
  jvm_us=$(( (j1 - j0) * TICK_US )); pg_us=$(( (p1 - p0) * TICK_US ))
  elapsed_us=$(( (t1 - t0) / 1000 ))
  other_us=$(( (m1 - m0) * TICK_US - jvm_us - pg_us - client_us ))
  [ "$other_us" -lt 0 ] && other_us=0
  LAST_OTHER=$(( 100 * other_us / (elapsed_us * NCPU) ))
  printf '{"key":"%s.cpu","jvm_us":%s,"pg_us":%s,"client_us":%s,"xacts":%s,"other_pct":%s,"run":%s}\n' "$name" \
    "$jvm_us" "$pg_us" "$client_us" $((x1 - x0 - 1)) "$LAST_OTHER" "$r" >> "$RESULTS"
}
gc_mark() { # gc_mark LOG: the lines the collector's log has so far (where the next measurement starts)
  wc -l < "$1" 2>/dev/null || echo 0
}
gc_record() { # gc_record LOG FROM_LINE KEY RUN: the pauses logged after FROM_LINE (-Xlog:gc, "... 900M->180M(6144M) ..."):
  # the heap's peak before a pause (used, garbage included), its peak after one (what the collector could not free),
  # the pauses and the full collections among them
  local s
  s=$(awk -v from="$2" 'NR > from && / Pause / && match($0, /[0-9]+M->[0-9]+M\([0-9]+M\)/) {
        split(substr($0, RSTART, RLENGTH), a, /M->|M\(|M\)/)
        if (a[1] + 0 > b) b = a[1] + 0; if (a[2] + 0 > f) f = a[2] + 0; n++; if (/Pause Full/) full++ }
      END {printf "%d %d %d %d", b, f, n, full}' "$1")
  set -- "$3" "$4" $s
  record "$1.before.mib" "$3" "$2"; record "$1.after.mib" "$4" "$2"; record "$1.pauses" "$5" "$2"
  record "$1.full" "$6" "$2"
}
disturbed() { # disturbed ATTEMPT: true (and waits for quiet) when the last run shared the machine with other work
  if [ "$LAST_OTHER" -gt 15 ] && [ "$1" -lt 3 ]; then
    echo "   other work took ${LAST_OTHER} % of the CPUs during that run; running it again" >&2
    QUIET_WAIT=$(( QUIET_WAIT < 300 ? QUIET_WAIT : 300 )) wait_quiet "retry"
    return 0
  fi
  return 1
}

# ---------------------------------------------------------------------------------------------------------------
# machine and sizes
# ---------------------------------------------------------------------------------------------------------------
note machine "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr)"
note jdk "$(java -version 2>&1 | head -2 | tail -1)"
note postgres "$(Q -c 'SHOW server_version') (embedded), shared_buffers $(Q -c 'SHOW shared_buffers'); clients: $(psql --version | head -1), $("$PGBENCH" --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
note commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml 2>/dev/null || echo ' (with uncommitted changes)')"
note load "$(cut -d' ' -f1-3 /proc/loadavg)"
note sizes "$ACCOUNTS accounts, $BIG below the big reseller, $GROUPS_N other top-level resellers, $DIRECT direct customers of the provider; $RUNS runs of ${DURATION}s; $CONNECTIONS connections; pgbench scale $PGBENCH_SCALE; P8: $P8_RECORDS usage records, $P8_RUNS runs"
note started "$(date -u '+%Y-%m-%d %H:%M UTC')"

sample_memory() { # every second: heap used, heap committed (from /actuator/prometheus), JVM RSS, PostgreSQL PSS
  local pm; pm=$(head -1 "$DATA/postgres/postmaster.pid")
  while true; do
    local prom heap committed rss pss
    prom=$(curl -s --max-time 1 "$BASE/actuator/prometheus" || true)
    heap=$(awk 'index($0, "jvm_memory_used_bytes{") == 1 && index($0, "area=\"heap\"") {s += $NF} END {printf "%.0f", s}' <<< "$prom")
    committed=$(awk 'index($0, "jvm_memory_committed_bytes{") == 1 && index($0, "area=\"heap\"") {s += $NF} END {printf "%.0f", s}' <<< "$prom")
    rss=$(awk '/^VmRSS/ {printf "%.0f\n", $2 * 1024}' "/proc/$APP_PID/status" 2>/dev/null || echo 0)
    pss=0
    for p in $pm $(pgrep -P "$pm" 2>/dev/null); do
      pss=$((pss + $(awk '/^Pss:/ {printf "%.0f\n", $2 * 1024}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
    done
    echo "$heap $committed $rss $pss"
    sleep 1
  done
}

# ---------------------------------------------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------------------------------------------
log "generating $ACCOUNTS accounts ($BIG below the big reseller), their administrators and tokens"
t0=$(date +%s.%N)
psql -X -q -v n="$ACCOUNTS" -v big="$BIG" -v groups="$GROUPS_N" -v direct="$DIRECT" \
  -f "$BENCH/sql/generate.sql" | tee "$RES/generate.txt" >&2
t1=$(date +%s.%N)
record gen.seconds "$(echo "$t1 - $t0" | bc)"
record gen.accounts "$(Q -c 'SELECT count(*) FROM account')"
record gen.users "$(Q -c 'SELECT count(*) FROM app_user')"
record gen.tokens "$(Q -c 'SELECT count(*) FROM api_token')"
record gen.maxlevel "$(Q -c 'SELECT max(level) FROM account')"
log "generating the catalog and one subscription per account (bench/sql/subscriptions.sql)"
t0=$(date +%s.%N)
psql -X -q -f "$BENCH/sql/subscriptions.sql" | tee "$RES/subscriptions.txt" >&2
t1=$(date +%s.%N)
record gen.subseconds "$(echo "$t1 - $t0" | bc)"
record gen.subscriptions "$(Q -c 'SELECT count(*) FROM subscription')"
record gen.activesubscriptions "$(Q -c "SELECT count(*) FROM subscription WHERE status = 'ACTIVE'")"
record gen.dbbytes "$(Q -c 'SELECT pg_database_size(current_database())')"

# the big reseller B (seq 2), its administrator's token, and accounts deep inside its subtree
B_SEQ=$(Q -c "SELECT min(seq) FROM account WHERE type = 'RESELLER'")
B_ID=$(Q -c "SELECT id FROM account WHERE seq = $B_SEQ")
B_PATH=$(Q -c "SELECT path FROM account WHERE seq = $B_SEQ")
B_TOKEN="cas_bench_$(printf '%037d' "$B_SEQ")"
export BENCH_TOKEN=$B_TOKEN # the wrk scripts' bearer token
record gen.bsubtree "$(Q -c "SELECT count(*) FROM account WHERE path > '$B_PATH' AND path < '$B_PATH~'")"
Q -c "SELECT id FROM account WHERE path > '$B_PATH' AND path < '$B_PATH~' AND level = 10
      ORDER BY md5(id::text) LIMIT 1000" > "$RES/deep-ids.txt"
[ -s "$RES/deep-ids.txt" ] || die "no account on level 10 below the big reseller"
DEEP_ID=$(head -1 "$RES/deep-ids.txt")
code=$(curl -s -o "$RES/p1-sample.json" -w '%{http_code}' -H "Authorization: Bearer $B_TOKEN" "$BASE/api/v1/accounts/$DEEP_ID")
[ "$code" = 200 ] || die "GET /api/v1/accounts/$DEEP_ID with the big reseller's token answered $code"

# ---------------------------------------------------------------------------------------------------------------
# shared by several benchmarks
# ---------------------------------------------------------------------------------------------------------------
usage_subscriptions() { # usage_subscriptions FILE: the 10,000 active subscriptions below B that P5 and P8 report on
  Q -c "SELECT id FROM subscription WHERE account_path > '$B_PATH' AND account_path < '$B_PATH~'
        AND purpose = 'OWN_USE' AND status = 'ACTIVE' AND start_date < current_date
        ORDER BY md5(id::text) LIMIT 10000" > "$1"
  [ -s "$1" ] || die "no active subscription below the big reseller to report usage for"
}
ADMIN_TOKEN=""
admin_token() { # sets ADMIN_TOKEN (the provider's administrator's API token) unless it is set
  [ -n "$ADMIN_TOKEN" ] && return 0
  ADMIN_TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/tokens" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@cascade.local\",\"password\":\"$ADMIN_PASSWORD\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  [ -n "$ADMIN_TOKEN" ] || die "no API token for the provider's administrator"
}
empty_ledger() { # empty_ledger: before a billing run that bills the same data from nothing (P4, P8)
  # the billing tables (balances included) and the outbox, which holds the last run's invoice mails, are emptied
  # (TRUNCATE fires no row trigger; only a benchmark may do this)
  Q -c "TRUNCATE commission_statement, payment_allocation, credit_refund, invoice_write_off,
                 buyer_balance, payment_return, online_payment_callback, online_checkout, payment, invoice_line, invoice,
                 billing_run_chunk, billing_run_failure, billing_run, outbox_message" \
    -c "UPDATE billing_issuer SET next_number = 1" -c "CHECKPOINT"
}
billed_subscriptions() { # the subscriptions the ledger holds a charge of (the ledger is on the lines, ADR 0047)
  Q -c 'SELECT count(DISTINCT subscription_id) FROM invoice_line WHERE charge IS NOT NULL'
}
billing_run() { # billing_run: POST a run for today, poll until it is COMPLETED; prints the run's final JSON
  local run id status i
  run=$(curl -s -X POST "$BASE/api/v1/billing/runs" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d '{}')
  id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$run") || { echo "$run" >&2; return 1; }
  # polled in the database (one primary-key read): the API's view counts the run's items, which costs PostgreSQL
  # real time on a million-buyer run and would slow the run it measures; every 2 s, since each poll starts a psql
  # (every 0.5 s they took a tenth of a core beside the run); the run's own duration comes from its row
  for i in $(seq 1 3600); do
    status=$(Q -c "SELECT status FROM billing_run WHERE id = '$id'")
    if [ "$status" = COMPLETED ]; then
      curl -s "$BASE/api/v1/billing/runs/$id" -H "Authorization: Bearer $ADMIN_TOKEN"; return 0
    fi
    sleep 2
  done
  curl -s "$BASE/api/v1/billing/runs/$id" -H "Authorization: Bearer $ADMIN_TOKEN" >&2; return 1
}

if want p3; then
# ---------------------------------------------------------------------------------------------------------------
# P3: first page of the big reseller's subtree, filtered by type and status
# ---------------------------------------------------------------------------------------------------------------
P3_URL="$BASE/api/v1/accounts?under=$B_ID&type=CUSTOMER&status=ACTIVE"
log "P3: $P3_URL"
code=$(curl -s -o "$RES/p3-sample.json" -w '%{http_code}' -H "Authorization: Bearer $B_TOKEN" "$P3_URL")
[ "$code" = 200 ] || die "P3 request answered $code"
record p3.items "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$RES/p3-sample.json")"
P3_COLS=$(grep -A6 'static final String COLUMNS' "$ROOT/src/main/java/io/cascade/accounts/internal/Accounts.java" \
  | sed -n '/"""/,/"""/p' | sed '1d; s/""";//' | tr -d '\n' | sed 's/  */ /g')
[ -n "$P3_COLS" ] || P3_COLS='*'
P3_SQL="SELECT $P3_COLS FROM account WHERE path > '$B_PATH' AND path < '$B_PATH~' AND type = 'CUSTOMER' AND status = 'ACTIVE' ORDER BY path LIMIT 51"
Q -c "EXPLAIN (ANALYZE, BUFFERS) $P3_SQL" > "$RES/p3-explain.txt"
cat > "$RES/p3.sql" <<EOF
SELECT $P3_COLS FROM account WHERE path > :lo AND path < :hi AND type = 'CUSTOMER' AND status = 'ACTIVE' ORDER BY path LIMIT 51;
EOF
wait_quiet p3
wrk -t1 -c1 -d3s -H "Authorization: Bearer $B_TOKEN" "$P3_URL" > /dev/null # warm-up
for r in $(seq 1 "$RUNS"); do
  for attempt in 1 2 3; do
    measured p3.wrk "$RES/p3-wrk-$r.txt" \
      wrk -t1 -c1 -d"${DURATION}s" --latency -H "Authorization: Bearer $B_TOKEN" "$P3_URL"
    disturbed "$attempt" || break
  done
  measured p3.pgbench "$RES/p3-pgbench-$r.txt" \
    "$PGBENCH" -n -M prepared -c1 -j1 -T"$DURATION" -D lo="$B_PATH" -D hi="$B_PATH~" -f "$RES/p3.sql"
done

fi

if want p2; then
# ---------------------------------------------------------------------------------------------------------------
# P2: subtree permission check with JMH (product AccountScope and plain JDBC), depth 1, 5, 10
# ---------------------------------------------------------------------------------------------------------------
log "P2: JMH, AccountScope.require at depth 1, 5, 10"
export BENCH_JDBC_URL="jdbc:postgresql://localhost:$PGPORT/postgres"
wait_quiet p2
java -cp "$JMH_CP" io.cascade.bench.RoundTrips 1 5 10 > "$RES/p2-roundtrips.txt" 2> "$RES/p2-roundtrips.err" \
  || { cat "$RES/p2-roundtrips.err" >&2; die "round-trip count failed"; }
cat "$RES/p2-roundtrips.txt" >&2
if [ "$SIZE_NAME" = smoke ]; then JMH_TIMES=(-wi 1 -w 1s -r 2s); else JMH_TIMES=(-wi 2 -w 3s -r 5s); fi
java -cp "$JMH_CP" org.openjdk.jmh.Main 'io.cascade.bench.SubtreeCheckBenchmark' -f 1 "${JMH_TIMES[@]}" \
  -i "$RUNS" -tu us -rf json -rff "$RES/p2-jmh.json" > "$RES/p2-jmh.txt" 2>&1 \
  || { tail -40 "$RES/p2-jmh.txt" >&2; die "JMH failed"; }
grep -E '^SubtreeCheck|p0.99' "$RES/p2-jmh.txt" | tail -30 >&2 || true

fi

if want p1; then
# ---------------------------------------------------------------------------------------------------------------
# P1: API read over HTTP (wrk) beside pgbench -S on the same PostgreSQL; heap and RSS sampled meanwhile
# ---------------------------------------------------------------------------------------------------------------
log "P1: pgbench -S (scale $PGBENCH_SCALE) and wrk GET /api/v1/accounts/{id}, $CONNECTIONS connections"
Q -c "DROP DATABASE IF EXISTS pgbench" -c "CREATE DATABASE pgbench"
"$PGBENCH" -i -q -s "$PGBENCH_SCALE" pgbench > "$RES/pgbench-init.txt" 2>&1
export BENCH_TOKEN=$B_TOKEN BENCH_IDS="$RES/deep-ids.txt"
WRK_P1=(wrk -t2 -c"$CONNECTIONS" -s "$BENCH/wrk/accounts.lua" "$BASE")
wait_quiet p1
# warm-up until the rate settles: under this load on 2 cores the JIT's compiler threads share the cores with the
# requests, and a read went from 2,000 us of JVM CPU to about 330 us only after 100-120 s (docs/benchmarks.md).
# Rounds of 15 s until one is within 5 % of the one before (at least 3, at most 16 rounds); the rates are recorded.
warm_rates=""; prev=0
for w in $(seq 1 16); do
  rate=$("${WRK_P1[@]}" -d15s | awk '/^Requests\/sec/ {printf "%d", $2}')
  warm_rates="$warm_rates${warm_rates:+, }${rate:-0}"
  if [ "$w" -ge 3 ] && [ "${rate:-0}" -gt 0 ] && [ $(( rate * 100 )) -le $(( prev * 105 )) ] \
      && [ $(( rate * 100 )) -ge $(( prev * 95 )) ]; then
    break
  fi
  prev=${rate:-0}
done
note p1.warmup "$warm_rates"
"$PGBENCH" -n -S -c"$CONNECTIONS" -j2 -T5 pgbench > /dev/null 2>&1
sample_memory > "$RES/p1-memory.txt" &
SAMPLER_PID=$!
for r in $(seq 1 "$RUNS"); do
  for attempt in 1 2 3; do
    measured p1.pgbench "$RES/p1-pgbench-$r.txt" "$PGBENCH" -n -S -c"$CONNECTIONS" -j2 -T"$DURATION" pgbench
    disturbed "$attempt" && continue
    measured p1.wrk "$RES/p1-wrk-$r.txt" "${WRK_P1[@]}" -d"${DURATION}s" --latency
    disturbed "$attempt" || break
  done
done
kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
record p1.jvm.hwm "$(awk '/^VmHWM/ {printf "%.0f\n", $2 * 1024}' "/proc/$APP_PID/status")"
record p1.jvm.maxheap "$(curl -s "$BASE/actuator/prometheus" | awk 'index($0, "jvm_memory_max_bytes{") == 1 && index($0, "area=\"heap\"") && $NF > 0 {s += $NF} END {printf "%.0f", s}')"

fi

if want p5; then
# ---------------------------------------------------------------------------------------------------------------
# P5: usage ingestion through the batch API (wrk posting batches of 1,000 new records each)
# ---------------------------------------------------------------------------------------------------------------
P5_BATCH=1000
log "P5: POST /api/v1/usage, batches of $P5_BATCH records, 4 connections"
usage_subscriptions "$RES/p5-subscriptions.txt"
export BENCH_SUBS="$RES/p5-subscriptions.txt" BENCH_BATCH=$P5_BATCH
BENCH_AT="$(date -u -d yesterday +%Y-%m-%d)T12:00:00Z"; export BENCH_AT
WRK_P5=(wrk -t2 -c4 -s "$BENCH/wrk/usage.lua" "$BASE")
wait_quiet p5
"${WRK_P5[@]}" -d5s > "$RES/p5-warmup.txt" 2>&1 # warm-up: JIT, pool
grep -q 'non200=0' "$RES/p5-warmup.txt" || { cat "$RES/p5-warmup.txt" >&2; die "P5 warm-up had failed batches"; }
for r in $(seq 1 "$RUNS"); do
  for attempt in 1 2 3; do
    u0=$(Q -c 'SELECT count(*) FROM usage_record')
    measured p5.wrk "$RES/p5-wrk-$r.txt" "${WRK_P5[@]}" -d"${DURATION}s" --latency
    u1=$(Q -c 'SELECT count(*) FROM usage_record')
    disturbed "$attempt" || break
  done
  record p5.records "$((u1 - u0))" "$r"
done
record p5.batch "$P5_BATCH"

fi

if want p9; then
# ---------------------------------------------------------------------------------------------------------------
# P9: webhook deliveries through the outbox to a receiver on loopback (one endpoint, one resource per delivery)
# ---------------------------------------------------------------------------------------------------------------
P9_N=$(( ACCOUNTS >= 200000 ? 100000 : 20000 ))
P9_PORT=$((PORT + 200))
log "P9: $P9_N webhook deliveries to a local receiver (port $P9_PORT)"
java "$BENCH/webhooks/Receiver.java" "$P9_PORT" "$WORK/p9-received" > "$RES/p9-receiver.txt" 2>&1 &
P9_RECEIVER=$!
for i in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$P9_PORT/ready" || true)" = 204 ] && break
  sleep 0.1
done
P9_TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/tokens" -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@cascade.local\",\"password\":\"$ADMIN_PASSWORD\"}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
P9_PROVIDER=$(Q -c "SELECT id FROM account WHERE type = 'PROVIDER'")
P9_ENDPOINT=$(curl -s -X POST "$BASE/api/v1/accounts/$P9_PROVIDER/webhook-endpoints" \
  -H "Authorization: Bearer $P9_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"url\":\"http://127.0.0.1:$P9_PORT/hook\",\"eventTypes\":[\"account.updated\"]}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || die "P9: the endpoint was not registered"
# the deliveries as the fan-out writes them (one account.updated per account, its row as the body: about 1 kB),
# written in one statement; then timed until the outbox has recorded every one SENT
p9_deliver() {
  Q -c "INSERT INTO outbox_message (id, channel, kind, account_id, target_id, ordering_key, data, status,
               next_attempt_at, created_at)
        SELECT gen_random_uuid(), 'WEBHOOK', 'account.updated', '$P9_PROVIDER', '$P9_ENDPOINT',
               '$P9_ENDPOINT:' || a.id, jsonb_build_object('body', json_build_object('type', 'account.updated',
               'timestamp', now(), 'occurredAt', now(), 'accountId', a.id, 'data', row_to_json(a))::text),
               'PENDING', now(), now()
        FROM (SELECT * FROM account ORDER BY seq LIMIT $P9_N) a"
  local i
  # polled over the outbox's small partial indexes of open messages (a count of the SENT ones would cost
  # PostgreSQL more than the deliveries it measures)
  for i in $(seq 1 6000); do
    [ "$(Q -c "SELECT EXISTS (SELECT 1 FROM outbox_message WHERE status = 'PENDING')
                    OR EXISTS (SELECT 1 FROM outbox_message WHERE status = 'SENDING')")" = f ] && return 0
    sleep 0.1
  done
  return 1
}
for r in $(seq 1 "$RUNS"); do
  for attempt in 1 2 3; do
    Q -c "DELETE FROM outbox_message WHERE target_id = '$P9_ENDPOINT'" -c "CHECKPOINT"
    wait_quiet "p9-$r"
    t0=$(date +%s%N)
    measured p9.run "$RES/p9-run-$r.txt" p9_deliver
    t1=$(date +%s%N)
    [ "$(Q -c "SELECT count(*) FROM outbox_message WHERE target_id = '$P9_ENDPOINT' AND status = 'SENT'")" \
      -ge "$P9_N" ] || die "P9: not every delivery was SENT within 10 minutes"
    disturbed "$attempt" || break
  done
  record p9.seconds "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)" "$r"
  record p9.deliveries "$P9_N" "$r"
  record p9.failed "$(Q -c "SELECT count(*) FROM outbox_message WHERE target_id = '$P9_ENDPOINT' AND attempts > 1")" "$r"
done
sleep 1.5
record p9.received "$(cat "$WORK/p9-received")"
kill "$P9_RECEIVER" 2>/dev/null; wait "$P9_RECEIVER" 2>/dev/null || true

fi

if want p4; then
# ---------------------------------------------------------------------------------------------------------------
# P4: a billing run over every subscription, all tiers, written to the database; beside COPY rows/s
# ---------------------------------------------------------------------------------------------------------------
if [ "$(Q -c "SELECT to_regclass('billing_run') IS NOT NULL")" = t ]; then
  log "P4: billing run over $(Q -c 'SELECT count(*) FROM subscription') subscriptions; reference: COPY of as many rows"
  admin_token
  # the reference: COPY of one invoice-line-shaped row per subscription into a logged table of the same database
  Q -c "DROP TABLE IF EXISTS bench_copy" -c "CREATE TABLE bench_copy (id uuid, invoice_id uuid, position integer,
        description varchar(500), subscription_id uuid, plan_id uuid, period_start date, period_end date,
        quantity numeric(19, 4), unit_price numeric(19, 4), amount numeric(19, 4), tax_rate numeric(7, 4),
        tax numeric(19, 4))"
  Q -c "COPY (SELECT gen_random_uuid(), gen_random_uuid(), 1, 'Bench cloud ' || current_date || ' – ' || current_date + 30,
             id, plan_id, current_date, current_date + 30, 1, 4.0000, 4.0000, 19.0000, 0.7600
             FROM subscription) TO STDOUT" > "$WORK/p4-copy.tsv"
  COPY_ROWS=$(wc -l < "$WORK/p4-copy.tsv")
  for r in $(seq 1 "$RUNS"); do
    empty_ledger # each run bills the same data from nothing
    Q -c "DROP TABLE IF EXISTS bench_copy_run" -c "CREATE TABLE bench_copy_run (LIKE bench_copy)" -c "CHECKPOINT"
    wait_quiet "p4-$r"
    t0=$(date +%s%N)
    Q -c "\\copy bench_copy_run FROM '$WORK/p4-copy.tsv'"
    t1=$(date +%s%N)
    record p4.copy.seconds "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)" "$r"
    record p4.copy.rows "$COPY_ROWS" "$r"
    sample_memory > "$RES/p4-memory-$r.txt" &
    SAMPLER_PID=$!
    g0=$(gc_mark "$RES/gc.log")
    t0=$(date +%s%N)
    measured p4.run "$RES/p4-run-$r.json" billing_run
    grep -q '"status":"COMPLETED"' "$RES/p4-run-$r.json" || { cat "$RES/p4-run-$r.json" >&2; die "the billing run did not complete"; }
    t1=$(date +%s%N)
    kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
    gc_record "$RES/gc.log" "$g0" p4.gc "$r"
    # from the run's creation to its completion, as the run's row says (the poll sees it up to 2 s later)
    record p4.seconds "$(Q -c "SELECT round(extract(epoch FROM finished_at - created_at), 3) FROM billing_run")" "$r"
    record p4.subscriptions "$(billed_subscriptions)" "$r"
    record p4.invoices "$(Q -c 'SELECT count(*) FROM invoice')" "$r"
    record p4.lines "$(Q -c 'SELECT count(*) FROM invoice_line')" "$r"
    record p4.failed "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["progress"]["buyersFailed"])' \
      "$RES/p4-run-$r.json")" "$r"
    # the same run again bills nothing (idempotent), and says so quickly
    before=$(Q -c 'SELECT count(*) FROM invoice_line')
    t0=$(date +%s%N)
    billing_run > "$RES/p4-rerun-$r.json" || die "the second billing run did not complete"
    t1=$(date +%s%N)
    record p4.rerun.seconds "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)" "$r"
    record p4.rerun.newlines "$(( $(Q -c 'SELECT count(*) FROM invoice_line') - before ))" "$r"
  done
  Q -c "DROP TABLE IF EXISTS bench_copy" -c "DROP TABLE IF EXISTS bench_copy_run"
  rm -f "$WORK/p4-copy.tsv"
  record p4.jvm.hwm "$(awk '/^VmHWM/ {printf "%.0f\n", $2 * 1024}' "/proc/$APP_PID/status")"
fi

fi

if want p8; then
# ---------------------------------------------------------------------------------------------------------------
# P8: usage at IoT scale: P8_RECORDS stored usage records, then usage ingested (as P5 posts it) while a billing run
# bills every subscription, the ingesting subtree's included; the run beside the same run with nothing else going
# ---------------------------------------------------------------------------------------------------------------
if [ "$(Q -c "SELECT to_regclass('billing_run') IS NOT NULL")" = t ]; then
  log "P8: $P8_RECORDS stored usage records; a billing run idle, and while usage is posted, $P8_RUNS runs"
  admin_token
  P8_RT=$(Q -c "SELECT id FROM resource_type WHERE code = 'bench_gb'")
  [ -n "$P8_RT" ] || die "P8: no resource type bench_gb"
  # the stored records, generated in PostgreSQL (bench/sql/usage.sql) unless the table holds enough already
  held=$(Q -c 'SELECT count(*) FROM usage_record')
  if [ "$held" -lt "$P8_RECORDS" ]; then
    log "P8: generating $((P8_RECORDS - held)) usage records over the last three full months (bench/sql/usage.sql)"
    t0=$(date +%s.%N)
    psql -X -q -At -v n=$((P8_RECORDS - held)) -v submitter="$B_ID" -v rt="$P8_RT" -v path="$B_PATH" -v prefix="p8.$(date +%s)." \
      -f "$BENCH/sql/usage.sql" | tee "$RES/p8-generate.txt" >&2
    t1=$(date +%s.%N)
    if [ $((P8_RECORDS - held)) -le 5000000 ]; then
      # small enough to check: the daily totals that usage.sql counted by arithmetic are those of the stored rows
      # (the three generated months: every record, every daily row)
      record p8.check.mismatches "$(Q -c "
        WITH m AS (SELECT CAST(date_trunc('month', now() AT TIME ZONE 'UTC') AS date) AS this),
        r AS (SELECT subscription_id, resource_type_id, CAST(occurred_at AT TIME ZONE 'UTC' AS date) AS day,
                     sum(quantity) AS quantity, count(*) AS records
              FROM usage_record, m WHERE occurred_at >= (this - interval '3 months') AT TIME ZONE 'UTC'
                                     AND occurred_at < CAST(this AS timestamp) AT TIME ZONE 'UTC' GROUP BY 1, 2, 3),
        d AS (SELECT usage_daily.* FROM usage_daily, m WHERE day >= this - interval '3 months' AND day < this)
        SELECT count(*) FROM r FULL JOIN d USING (subscription_id, resource_type_id, day)
        WHERE r.records IS DISTINCT FROM d.records OR r.quantity IS DISTINCT FROM d.quantity")"
    fi
    echo "   $(date -u +%H:%M:%S) VACUUM (ANALYZE) usage_record, usage_daily" >&2
    # vacuumed now rather than by autovacuum during the runs that it would slow (every row is new); analyzed too
    Q -c "VACUUM (ANALYZE) usage_record" -c "VACUUM (ANALYZE) usage_daily"
    t2=$(date +%s.%N)
    record p8.generated "$((P8_RECORDS - held))"
    record p8.generate.seconds "$(echo "$t1 - $t0" | bc)"
    record p8.vacuum.seconds "$(echo "$t2 - $t1" | bc)"
    P8_STORED=$P8_RECORDS # exactly: the generation inserted the difference in one transaction
  else
    note p8.generated "none: usage_record held $held records already"
    P8_STORED=$held
  fi
  record p8.stored "$P8_STORED"
  record p8.bytes "$(Q -c "SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('usage_record')")"
  record p8.daily.bytes "$(Q -c "SELECT pg_total_relation_size('usage_daily')")"
  record p8.daily.rows "$(Q -c "SELECT reltuples::bigint FROM pg_class WHERE oid = 'usage_daily'::regclass")"
  record p8.partitions "$(Q -c "SELECT count(*) FROM pg_partition_tree('usage_record') WHERE isleaf")"
  # the live ingestion: P5's wrk script and subscriptions (10,000 below B, B's token), batches of 1,000 new records
  # of yesterday noon; each 200's "accepted" summed by the script (no count(*) on the big table while it runs); a
  # long -d, stopped with SIGINT once the billing run has completed (wrk then prints its summary); batches may take
  # long beside the run, so wrk waits 60 s for an answer instead of 2 s
  usage_subscriptions "$RES/p8-subscriptions.txt"
  P8_WRK=(env BENCH_SUBS="$RES/p8-subscriptions.txt" BENCH_BATCH=1000 BENCH_TOKEN="$B_TOKEN" BENCH_LABEL=P8
          BENCH_AT="$(date -u -d yesterday +%Y-%m-%d)T12:00:00Z" wrk -t2 -c4 --timeout 60s -s "$BENCH/wrk/usage.lua" "$BASE")
  "${P8_WRK[@]}" -d5s > "$RES/p8-warmup.txt" 2>&1 # warm-up: JIT, pool (P5's may not have run)
  grep -q 'non200=0 errors=0' "$RES/p8-warmup.txt" || { cat "$RES/p8-warmup.txt" >&2; die "P8 warm-up had failed batches"; }
  p8_loaded() { # p8_loaded WRK_OUT: wrk posting usage in the background, a billing run, wrk stopped when it completed
    local rc=0
    # (measured runs this in a subshell: the pid goes to a file, for cleanup should the harness be stopped)
    local wrk_pid
    "${P8_WRK[@]}" -d7200s > "$1" 2>&1 &
    wrk_pid=$!
    echo "$wrk_pid" > "$WORK/p8-wrk.pid"
    sleep 1 # wrk connected and posting
    billing_run || rc=$?
    kill -INT "$wrk_pid" 2>/dev/null || rc=1
    wait "$wrk_pid" || rc=$?
    rm -f "$WORK/p8-wrk.pid"
    return "$rc"
  }
  p8_billed() { # p8_billed WHAT RUN JSON: records the billing run's seconds (its row; also in P8_SECONDS) and what it billed
    grep -q '"status":"COMPLETED"' "$3" || { cat "$3" >&2; die "P8: the $1 billing run did not complete"; }
    P8_SECONDS=$(Q -c "SELECT round(extract(epoch FROM finished_at - created_at), 3) FROM billing_run")
    record "p8.$1.seconds" "$P8_SECONDS" "$2"
    record "p8.$1.subscriptions" "$(billed_subscriptions)" "$2"
    record "p8.$1.failed" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["progress"]["buyersFailed"])' \
      "$3")" "$2"
  }
  if ! want p4; then
    # without P4 before it the billing code is not compiled yet (JIT): the first idle run took twice the second
    log "P8: a billing run as warm-up (P4 did not run)"
    empty_ledger
    billing_run > "$RES/p8-warmup-run.json" || die "P8: the warm-up billing run did not complete"
  fi
  for r in $(seq 1 "$P8_RUNS"); do
    # idle: the billing run alone, from an emptied ledger as in P4
    empty_ledger
    wait_quiet "p8-idle-$r"
    t0=$(date +%s%N)
    measured p8.idle "$RES/p8-idle-$r.json" billing_run
    t1=$(date +%s%N)
    p8_billed idle "$r" "$RES/p8-idle-$r.json"
    idle=$P8_SECONDS
    # the measured windows (CPU per second of them): up to the poll that saw the run completed
    record p8.idle.window "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)" "$r"
    # loaded: the same run from an emptied ledger again, while usage is posted
    empty_ledger
    wait_quiet "p8-loaded-$r"
    t0=$(date +%s%N)
    measured p8.loaded "$RES/p8-loaded-$r.json" p8_loaded "$RES/p8-wrk-$r.txt"
    t1=$(date +%s%N)
    p8_billed loaded "$r" "$RES/p8-loaded-$r.json"
    record p8.ratio "$(echo "scale=3; $P8_SECONDS / $idle" | bc)" "$r"
    record p8.loaded.window "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)" "$r"
    line=$(grep '^P8 batch=' "$RES/p8-wrk-$r.txt") || { cat "$RES/p8-wrk-$r.txt" >&2; die "P8: no summary from wrk"; }
    stored=$(sed -E 's/.* stored=([0-9]+).*/\1/' <<< "$line")
    us=$(sed -E 's/.* duration_us=([0-9]+).*/\1/' <<< "$line")
    record p8.records.stored "$stored" "$r"
    record p8.ingest.seconds "$(echo "scale=3; $us / 1000000" | bc)" "$r"
    record p8.records "$(echo "scale=1; $stored * 1000000 / $us" | bc)" "$r"
    record p8.failed "$(( $(sed -E 's/.* non200=([0-9]+).*/\1/' <<< "$line") + $(sed -E 's/.* errors=([0-9]+).*/\1/' <<< "$line") ))" "$r"
    echo "   run $r: billing run ${idle} s idle, ${P8_SECONDS} s loaded; $stored records stored in" \
      "$(echo "scale=1; $us / 1000000" | bc) s beside it" >&2
  done
fi

fi

if want p10; then
# ---------------------------------------------------------------------------------------------------------------
# P10: e-mails dispatched per second by the outbox to a local SMTP sink
# ---------------------------------------------------------------------------------------------------------------
if [ "$(Q -c "SELECT to_regclass('outbox_message') IS NOT NULL")" = t ]; then
  P10_MAILS=${P10_MAILS:-$(( ACCOUNTS >= 100000 ? 50000 : 10000 ))}
  SINK_PORT=$(free_port)
  log "P10: $P10_MAILS invitation mails through the outbox to an SMTP sink on port $SINK_PORT, $RUNS runs"
  python3 "$BENCH/smtp_sink.py" "$SINK_PORT" "$RES/p10-sink.txt" > "$RES/p10-sink.log" 2>&1 &
  SINK_PID=$!
  # the outbox emptied first: P4's and P8's billing runs leave their invoice mails in it (with no SMTP host they wait
  # unsent), which the sink would otherwise receive among P10's (a benchmark may do this, as empty_ledger does)
  Q -c "TRUNCATE outbox_message"
  # the node restarts with the sink as its SMTP host (the outbox's settings as they ship)
  CASCADE_MAIL_HOST=127.0.0.1 CASCADE_MAIL_PORT=$SINK_PORT restart_app "$RES/app-p10.log"
  # the mails' recipients: generated administrators, invited again (the invitation composer sends only to INVITED
  # users); each run queues one invitation per recipient in one transaction, as identity's listener would
  Q -c "CREATE TABLE bench_invited AS SELECT id, account_id, email FROM app_user
        WHERE kind = 'STAFF' AND status = 'ACTIVE' ORDER BY id LIMIT $P10_MAILS"
  Q -c "UPDATE app_user u SET status = 'INVITED' FROM bench_invited b WHERE u.id = b.id"
  p10_dispatch() { # p10_dispatch: queue the mails, wait until every one is SENT or FAILED (30 minutes at most)
    local i open
    Q -c "INSERT INTO outbox_message (id, channel, kind, account_id, data, status, next_attempt_at, created_at)
          SELECT gen_random_uuid(), 'MAIL', 'invitation', account_id,
                 jsonb_build_object('userId', id, 'email', email, 'token', md5(random()::text || id::text),
                                    'expiresAt', to_char((now() + interval '7 days') AT TIME ZONE 'UTC',
                                                         'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')),
                 'PENDING', now(), now()
            FROM bench_invited"
    for i in $(seq 1 3600); do
      open=$(Q -c "SELECT count(*) FROM outbox_message WHERE kind = 'invitation' AND status IN ('PENDING', 'SENDING')")
      [ "$open" = 0 ] && return 0
      sleep 0.5
    done
    return 1
  }
  for r in $(seq 1 "$RUNS"); do
    Q -c "DELETE FROM outbox_message WHERE kind = 'invitation'" -c "CHECKPOINT"
    sink0=$(cat "$RES/p10-sink.txt" 2>/dev/null || echo 0)
    wait_quiet "p10-$r"
    measured p10.run "$RES/p10-run-$r.txt" p10_dispatch || die "P10: the outbox did not send every mail in time"
    sleep 1.2 # the sink writes its count every second
    record p10.mails "$P10_MAILS" "$r"
    record p10.sent "$(Q -c "SELECT count(*) FROM outbox_message WHERE kind = 'invitation' AND status = 'SENT'")" "$r"
    record p10.failed "$(Q -c "SELECT count(*) FROM outbox_message WHERE kind = 'invitation' AND status = 'FAILED'")" "$r"
    record p10.received "$(( $(cat "$RES/p10-sink.txt") - sink0 ))" "$r"
    # from the queueing transaction to the last mail recorded as sent, as the database saw them
    record p10.seconds "$(Q -c "SELECT round(extract(epoch FROM max(sent_at) - min(created_at))::numeric, 3)
                                FROM outbox_message WHERE kind = 'invitation' AND status = 'SENT'")" "$r"
  done
  Q -c "UPDATE app_user u SET status = 'ACTIVE' FROM bench_invited b WHERE u.id = b.id" \
    -c "DROP TABLE bench_invited" -c "DELETE FROM outbox_message WHERE kind = 'invitation'"
  stop_app
  kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null || true; SINK_PID=""
  restart_app "$RES/app-after-p10.log"
fi

fi

if want p11; then
# ---------------------------------------------------------------------------------------------------------------
# P11: a bank statement of 10,000 credits imported, matched to open invoices and recorded as payments
# ---------------------------------------------------------------------------------------------------------------
if [ "$(Q -c "SELECT to_regclass('bank_statement') IS NOT NULL")" = t ]; then
  P11_ENTRIES=${P11_ENTRIES:-10000}
  log "P11: a camt.053 statement of $P11_ENTRIES credits, each naming one of the provider's open invoices, $RUNS runs"
  P11_TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/tokens" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@cascade.local\",\"password\":\"$ADMIN_PASSWORD\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  PROVIDER=$(Q -c "SELECT id FROM account WHERE type = 'PROVIDER'")
  for r in $(seq 1 "$RUNS"); do
    # each run from nothing: the provider's open invoices to as many customers of its tree (one each, amounts from
    # 10.01 on), no other invoices, statements, payments or balances (only a benchmark truncates these tables)
    Q -c "TRUNCATE bank_statement_entry, bank_statement, payment_allocation, credit_refund, invoice_write_off,
                   buyer_balance, payment_return, online_payment_callback, online_checkout, payment, invoice_line,
                   invoice, outbox_message"
    Q -c "INSERT INTO invoice (id, number, kind, issuer_id, issuer_path, buyer_id, buyer_path, issue_date, due_date,
                               currency, subtotal, tax, total, format, status, created_at)
          SELECT gen_random_uuid(), 'P11-' || lpad(n::text, 6, '0'), 'INVOICE', p.id, p.path, c.id, c.path,
                 current_date - 20, current_date - 6, 'EUR', 10 + n / 100.0, 0, 10 + n / 100.0, 'BOTH', 'OPEN', now()
          FROM account p,
               LATERAL (SELECT id, path, row_number() OVER (ORDER BY seq) AS n FROM account
                        WHERE type = 'CUSTOMER' AND status = 'ACTIVE' ORDER BY seq LIMIT $P11_ENTRIES) c
          WHERE p.id = '$PROVIDER'" -c "CHECKPOINT"
    Q -c "COPY (SELECT number, to_char(total, 'FM999999990.00') FROM invoice WHERE number LIKE 'P11-%'
                ORDER BY number) TO STDOUT" > "$WORK/p11-invoices.tsv"
    python3 "$BENCH/camt053.py" "$WORK/p11-invoices.tsv" "$WORK/p11-statement.xml"
    p11_import() {
      curl -s -o "$RES/p11-import-$r.json" -w '%{http_code}' -X POST \
        "$BASE/api/v1/accounts/$PROVIDER/bank-statements?fileName=p11.xml" -H "Authorization: Bearer $P11_TOKEN" \
        -H 'Content-Type: application/xml' --data-binary "@$WORK/p11-statement.xml"
    }
    wait_quiet "p11-$r"
    t0=$(date +%s%N)
    measured p11.run "$RES/p11-status-$r.txt" p11_import
    t1=$(date +%s%N)
    grep -q 201 "$RES/p11-status-$r.txt" || { cat "$RES/p11-import-$r.json" >&2; die "P11: the import failed"; }
    record p11.seconds "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)" "$r"
    record p11.entries "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["entries"])' \
      "$RES/p11-import-$r.json")" "$r"
    record p11.matched "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["matched"])' \
      "$RES/p11-import-$r.json")" "$r"
    record p11.payments "$(Q -c "SELECT count(*) FROM payment WHERE issuer_id = '$PROVIDER'")" "$r"
    # the same statement again: every entry a duplicate, nothing recorded
    t0=$(date +%s%N)
    curl -s -o "$RES/p11-again-$r.json" -X POST "$BASE/api/v1/accounts/$PROVIDER/bank-statements" \
      -H "Authorization: Bearer $P11_TOKEN" -H 'Content-Type: application/xml' --data-binary "@$WORK/p11-statement.xml"
    t1=$(date +%s%N)
    record p11.again.seconds "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)" "$r"
    record p11.again.duplicates "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["duplicates"])' \
      "$RES/p11-again-$r.json")" "$r"
  done
  rm -f "$WORK/p11-invoices.tsv" "$WORK/p11-statement.xml"
fi

fi

if want p12; then
# ---------------------------------------------------------------------------------------------------------------
# P12: dunning evaluation: one evaluation over every buyer with an open invoice (set-based statements)
# ---------------------------------------------------------------------------------------------------------------
if [ "$(Q -c "SELECT to_regclass('dunning_episode') IS NOT NULL")" = t ]; then
  log "P12: dunning evaluation over one open invoice per buyer, a tenth of them overdue by 1 to 40 days"
  P12_TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/tokens" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@cascade.local\",\"password\":\"$ADMIN_PASSWORD\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  p12_reset() { # empties the billing and dunning tables and lifts what an earlier run suspended (a benchmark only)
    Q -c "TRUNCATE dunning_step, dunning_episode, commission_statement, payment_allocation,
                   credit_refund, invoice_write_off, buyer_balance, payment_return, online_payment_callback,
                   online_checkout, payment, invoice_line, invoice, billing_run_chunk, billing_run_failure, billing_run, outbox_message" \
      -c "UPDATE billing_issuer SET next_number = 1" \
      -c "UPDATE subscription SET status = COALESCE(status_before_suspension, 'ACTIVE'),
                 status_before_suspension = NULL, dunning_episode_id = NULL WHERE dunning_episode_id IS NOT NULL"
  }
  p12_evaluate() { curl -s -X POST "$BASE/api/v1/dunning/evaluations" -H "Authorization: Bearer $P12_TOKEN"; }
  for r in $(seq 1 "$RUNS"); do
    p12_reset
    # one open invoice of 10.00 EUR per buyer (every account with a vendor, but the terminated): nine in ten not due
    # yet, one in ten overdue by 1 to 40 days, so that every step of the default policy is due for some
    Q -c "INSERT INTO invoice (id, number, kind, issuer_id, issuer_path, buyer_id, buyer_path, issue_date, due_date,
                               currency, subtotal, tax, total, format, status, created_at)
          SELECT gen_random_uuid(), 'P12-' || a.seq, 'INVOICE', v.id, v.path, a.id, a.path, current_date - 45,
                 CASE WHEN a.seq % 10 = 0 THEN current_date - 1 - CAST((a.seq / 10) % 40 AS integer) ELSE current_date + 5 END,
                 'EUR', 10, 0, 10, 'RAW', 'OPEN', now()
          FROM account a JOIN account v ON v.id = a.vendor_id WHERE a.status <> 'TERMINATED'" \
      -c "ANALYZE invoice" -c "CHECKPOINT"
    wait_quiet "p12-$r"
    t0=$(date +%s%N)
    measured p12.run "$RES/p12-run-$r.json" p12_evaluate
    t1=$(date +%s%N)
    grep -q '"stepsTaken"' "$RES/p12-run-$r.json" || { cat "$RES/p12-run-$r.json" >&2; die "the dunning evaluation failed"; }
    record p12.seconds "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)" "$r"
    record p12.buyers "$(Q -c "SELECT count(DISTINCT buyer_id) FROM invoice WHERE status = 'OPEN'")" "$r"
    record p12.overdue "$(Q -c "SELECT count(*) FROM invoice WHERE status = 'OPEN' AND due_date < current_date")" "$r"
    record p12.steps "$(Q -c 'SELECT count(*) FROM dunning_step')" "$r"
    record p12.suspended "$(Q -c 'SELECT count(*) FROM subscription WHERE dunning_episode_id IS NOT NULL')" "$r"
    # the same evaluation again takes nothing twice
    t0=$(date +%s%N)
    p12_evaluate > "$RES/p12-rerun-$r.json"
    t1=$(date +%s%N)
    record p12.rerun.seconds "$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)" "$r"
    record p12.rerun.steps "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stepsTaken"])' \
      "$RES/p12-rerun-$r.json")" "$r"
  done
  p12_reset
fi

fi

if want p13; then
# ---------------------------------------------------------------------------------------------------------------
# P13: a storefront's public plan list with 1,000 published end-customer plans of one vendor
# ---------------------------------------------------------------------------------------------------------------
P13_PLANS=${P13_PLANS:-1000}
log "P13: the big reseller's storefront list page with $P13_PLANS published end-customer plans, $RUNS runs"
# the big reseller's plans, as its own plans are made (derived from its holding: 20 % markup), set-based
Q -c "WITH gen AS (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $P13_PLANS) n),
      p AS (INSERT INTO plan (id, vendor_id, vendor_path, name, description, audience, billing_period, currency,
                              status, version, created_at, updated_at, published_at)
            SELECT id, '$B_ID', '$B_PATH', 'Storefront plan ' || lpad(n::text, 4, '0'), 'Seats and storage, size ' || n,
                   'END_CUSTOMER', CASE WHEN n % 5 = 0 THEN 'YEARLY' ELSE 'MONTHLY' END, 'EUR', 'PUBLISHED', 1,
                   now() - interval '1 day', now() - interval '1 day', now() - interval '1 day' FROM gen RETURNING id),
      r AS (INSERT INTO plan_resource (plan_id, resource_type_id, position, included, limit_quantity, limit_type)
            SELECT gen.id, rt.id, CASE rt.code WHEN 'bench_seat' THEN 0 ELSE 1 END,
                   CASE rt.code WHEN 'bench_seat' THEN 1 + gen.n % 20 ELSE 10 * (1 + gen.n % 10) END, NULL, 'SOFT'
            FROM gen, resource_type rt WHERE rt.code IN ('bench_seat', 'bench_gb') RETURNING plan_id)
      INSERT INTO plan_price (plan_id, effective_from, rule, rule_value, setup_fee, recurring_fee, resource_prices,
                              below_cost, created_at)
      SELECT id, DATE '1900-01-01', 'MARKUP_PERCENT', 20, 5, 4 + n % 50,
             '{\"bench_gb\": {\"unitPrice\": null, \"usagePrice\": null}, \"bench_seat\": {\"unitPrice\": null, \"usagePrice\": null}}',
             false, now() FROM gen" -c "ANALYZE plan" -c "ANALYZE plan_price" -c "ANALYZE plan_resource"
code=$(curl -s -o "$RES/p13-settings.json" -w '%{http_code}' -X PUT "$BASE/api/v1/accounts/$B_ID/storefront" \
  -H "Authorization: Bearer $B_TOKEN" -H 'Content-Type: application/json' \
  -d '{"enabled":true,"slug":"bench-p13","title":"Bench storefront","approval":"AUTOMATIC"}')
[ "$code" = 200 ] || { cat "$RES/p13-settings.json" >&2; die "P13: the storefront settings answered $code"; }
P13_URL="$BASE/store/bench-p13"
curl -s -D "$RES/p13-headers.txt" -o "$RES/p13-sample.html" -H 'Accept: text/html' "$P13_URL"
grep -q '^HTTP/1.1 200' "$RES/p13-headers.txt" || die "P13: $P13_URL did not answer 200"
record p13.plans "$(grep -o 'id="plan-' "$RES/p13-sample.html" | wc -l)"
record p13.bytes "$(wc -c < "$RES/p13-sample.html")"
P13_ETAG=$(grep -i '^etag:' "$RES/p13-headers.txt" | sed 's/^[^:]*: *//' | tr -d '\r')
wait_quiet p13
wrk -t1 -c1 -d3s -H 'Accept: text/html' "$P13_URL" > /dev/null # warm-up
for r in $(seq 1 "$RUNS"); do
  for attempt in 1 2 3; do
    measured p13.wrk "$RES/p13-wrk-$r.txt" wrk -t1 -c1 -d"${DURATION}s" --latency -H 'Accept: text/html' "$P13_URL"
    disturbed "$attempt" || break
  done
  # the same page revalidated by a cache that holds it: 304, nothing rendered
  measured p13.revalidate "$RES/p13-revalidate-$r.txt" \
    wrk -t1 -c1 -d"${DURATION}s" --latency -H 'Accept: text/html' -H "If-None-Match: $P13_ETAG" "$P13_URL"
done

fi

if want p7; then
# ---------------------------------------------------------------------------------------------------------------
# P7: panel pages signed in (session cookie) as the provider's and as the big reseller's administrator
# ---------------------------------------------------------------------------------------------------------------
P7_DURATION=${P7_DURATION:-$(( DURATION < 10 ? DURATION : 10 ))}
log "P7: panel pages as the provider's and the big reseller's administrator, wrk -t1 -c1, ${P7_DURATION}s per page"
# the invoices the pages list and chart: one per buyer (every account with a vendor, but the terminated), issued by
# its vendor within the last five months, the older ones paid (set-based, as P12 writes its invoices)
Q -c "DELETE FROM invoice WHERE number LIKE 'P7-%'" \
  -c "INSERT INTO invoice (id, number, kind, issuer_id, issuer_path, buyer_id, buyer_path, issue_date, due_date,
                           currency, subtotal, tax, total, format, status, paid, created_at)
      SELECT gen_random_uuid(), 'P7-' || a.seq, 'INVOICE', v.id, v.path, a.id, a.path,
             current_date - CAST(30 * (a.seq % 5) AS integer), current_date - CAST(30 * (a.seq % 5) AS integer) + 14,
             'EUR', 10 + a.seq % 50, 0,
             10 + a.seq % 50, 'RAW', CASE WHEN a.seq % 5 = 0 THEN 'OPEN' ELSE 'PAID' END,
             CASE WHEN a.seq % 5 = 0 THEN 0 ELSE 10 + a.seq % 50 END, now()
      FROM account a JOIN account v ON v.id = a.vendor_id WHERE a.status <> 'TERMINATED'" \
  -c "ANALYZE invoice" -c "CHECKPOINT"
record p7.invoices "$(Q -c "SELECT count(*) FROM invoice WHERE number LIKE 'P7-%'")"
p7_session() { # p7_session EMAIL PASSWORD: signs in through the panel's form (CSRF token, session cookie)
  local jar="$WORK/p7-cookies.txt" csrf
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" "$BASE/login" | python3 -c 'import re, sys
m = re.search(r"<input[^>]*name=\"_csrf\"[^>]*>", sys.stdin.read())
print(re.search(r"value=\"([^\"]*)\"", m.group(0)).group(1) if m else "")')
  [ -n "$csrf" ] || die "P7: no CSRF token on the sign-in page"
  curl -s -o /dev/null -b "$jar" -c "$jar" -X POST "$BASE/login" --data-urlencode "email=$1" \
    --data-urlencode "password=$2" --data-urlencode "_csrf=$csrf"
  awk '$6 == "CASCADE_SESSION" {print $7}' "$jar" | tail -1
}
P7_PROVIDER=$(Q -c "SELECT id FROM account WHERE type = 'PROVIDER'")
P7_SEARCH=$(Q -c "SELECT company_name FROM account WHERE id = '$DEEP_ID'")
P7_SEARCH_Q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$P7_SEARCH")
P7_B_EMAIL=$(Q -c "SELECT email FROM app_user WHERE account_id = '$B_ID' AND email LIKE 'admin@%.bench.example'")
[ "$(Q -c "SELECT count(*) FROM app_user WHERE email = '$P7_B_EMAIL'")" = 1 ] || die "P7: no user $P7_B_EMAIL"
note p7.search "$P7_SEARCH"
for who in provider big; do
  if [ "$who" = provider ]; then
    COOKIE=$(p7_session admin@cascade.local "$ADMIN_PASSWORD"); OWN=$P7_PROVIDER
  else
    COOKIE=$(p7_session "$P7_B_EMAIL" 'Bench-User-2026x'); OWN=$B_ID
  fi
  [ -n "$COOKIE" ] || die "P7: signing in as the $who's administrator failed"
  P7_PAGES=("dashboard /panel" "tree /panel/accounts" "search /panel/accounts?scope=subtree&q=$P7_SEARCH_Q"
            "account /panel/accounts/$OWN" "subscriptions /panel/accounts/$OWN/subscriptions"
            "invoices /panel/accounts/$OWN/invoices")
  [ "$who" = provider ] && P7_PAGES+=("billing /panel/billing") # the billing page is the provider's only
  for entry in "${P7_PAGES[@]}"; do
    page=${entry%% *}; path=${entry#* }
    # the first request (cold: nothing of this page in the caches yet), then a warm-up, then the runs
    t=$(curl -s -o "$RES/p7-$who-$page.html" -w '%{http_code} %{time_total}' -H "Cookie: CASCADE_SESSION=$COOKIE" \
      "$BASE$path")
    [ "${t%% *}" = 200 ] || die "P7: $path as the $who's administrator answered ${t%% *}"
    record "p7.$who.$page.first" "${t#* }"
    echo "   $who $page: first request ${t#* } s" >&2
    wait_quiet "p7-$who-$page"
    wrk -t1 -c1 -d2s --timeout 60s -H "Cookie: CASCADE_SESSION=$COOKIE" "$BASE$path" > /dev/null
    for r in $(seq 1 "$RUNS"); do
      for attempt in 1 2 3; do
        measured "p7.$who.$page" "$RES/p7-$who-$page-$r.txt" wrk -t1 -c1 -d"${P7_DURATION}s" --timeout 60s --latency \
          -H "Cookie: CASCADE_SESSION=$COOKIE" "$BASE$path"
        disturbed "$attempt" || break
      done
    done
  done
done
rm -f "$WORK/p7-cookies.txt"

fi

if want p4; then
# ---------------------------------------------------------------------------------------------------------------
# P4m: the same billing run once more, Cascade started again with a heap of at most 512 MiB (-Xmx512m): with the
# default heap (a quarter of the RAM) G1 lets garbage pile up before it collects, so the peak used says little about
# what the run needs; in 512 MiB the run must complete as fast, with no full collection. After the others but P6
# (which starts its own JVMs), so that none of them runs in a JVM started afresh.
# ---------------------------------------------------------------------------------------------------------------
log "P4m: the billing run again, Cascade started with -Xmx512m"
restart_app "$RES/app-p4m.log" -Xmx512m "-Xlog:gc:file=$RES/gc-p4m.log"
record p4m.maxheap "$(curl -s "$BASE/actuator/prometheus" | awk 'index($0, "jvm_memory_max_bytes{") == 1 && index($0, "area=\"heap\"") && $NF > 0 {s += $NF} END {printf "%.0f", s}')"
admin_token
empty_ledger
r=1
wait_quiet p4m
sample_memory > "$RES/p4m-memory-1.txt" &
SAMPLER_PID=$!
g0=$(gc_mark "$RES/gc-p4m.log")
measured p4m.run "$RES/p4m-run-1.json" billing_run
grep -q '"status":"COMPLETED"' "$RES/p4m-run-1.json" || { cat "$RES/p4m-run-1.json" >&2; die "the billing run in 512 MiB did not complete"; }
kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
gc_record "$RES/gc-p4m.log" "$g0" p4m.gc 1
record p4m.seconds "$(Q -c "SELECT round(extract(epoch FROM finished_at - created_at), 3) FROM billing_run")" 1
record p4m.subscriptions "$(billed_subscriptions)" 1
restart_app "$RES/app-after-p4m.log"

fi

if want p6; then
# ---------------------------------------------------------------------------------------------------------------
# P6: java -jar to the first 200 of /actuator/health
# ---------------------------------------------------------------------------------------------------------------
P6_SECONDS=""
P6_CPU=""
start_ticks() { # start_ticks DATA_DIR: CPU ticks so far of Cascade's JVM (with the initdb and pg_ctl it waited for)
  # and of its embedded PostgreSQL (the postmaster, the children it waited for and those alive), "jvm pg"
  local j pm p t=0
  j=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$APP_PID/stat")
  pm=$(head -1 "$1/postgres/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pm" ] && [ -r "/proc/$pm/stat" ]; then
    t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
    for p in $(pgrep -P "$pm"); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  fi
  echo "$j $t"
}
time_start() { # time_start DATA_DIR LOG [JVM options]: sets P6_SECONDS, from launch to the first 200, and P6_CPU
  local t0 t1 m0 m1 ticks jvm_us pg_us other_us
  m0=$(machine_ticks); t0=$(date +%s%N)
  start_app "$@"
  wait_healthy || { tail -30 "$2" >&2; die "Cascade did not start for P6"; }
  t1=$(date +%s%N); m1=$(machine_ticks)
  ticks=$(start_ticks "$1")
  stop_app
  P6_SECONDS=$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)
  jvm_us=$(( ${ticks% *} * TICK_US )); pg_us=$(( ${ticks#* } * TICK_US ))
  other_us=$(( (m1 - m0) * TICK_US - jvm_us - pg_us )); [ "$other_us" -lt 0 ] && other_us=0
  P6_CPU=$(printf '"jvm_us":%s,"pg_us":%s,"client_us":0,"xacts":0,"other_pct":%s' "$jvm_us" "$pg_us" \
    $(( 100 * other_us / ((t1 - t0) / 1000 * NCPU) )))
  echo "   $(basename "$2" .log): ${P6_SECONDS}s; CPU: JVM $((jvm_us / 1000)) ms, PostgreSQL $((pg_us / 1000)) ms" >&2
}
record_start() { # record_start KEY RUN: the last time_start's seconds and CPU
  record "$1" "$P6_SECONDS" "$2"
  printf '{"key":"%s.cpu",%s,"run":%s}\n' "$1" "$P6_CPU" "$2" >> "$RESULTS"
}
log "P6: start to the first served request, $RUNS runs each: existing data, empty data dir, new machine"
stop_app
wait_quiet p6
for r in $(seq 1 "$RUNS"); do
  time_start "$DATA" "$RES/p6-warm-$r.log"
  record_start p6.warm "$r"
done
for r in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/p6-empty"
  time_start "$WORK/p6-empty" "$RES/p6-empty-$r.log"
  record_start p6.empty "$r"
done
for r in $(seq 1 "$RUNS"); do # nothing unpacked yet either: a new java.io.tmpdir and an empty data dir
  rm -rf "$WORK/p6-tmp" "$WORK/p6-empty"; mkdir -p "$WORK/p6-tmp"
  time_start "$WORK/p6-empty" "$RES/p6-fresh-$r.log" "-Djava.io.tmpdir=$WORK/p6-tmp"
  record_start p6.fresh "$r"
done
rm -rf "$WORK/p6-tmp" "$WORK/p6-empty"
# the same jar extracted (java -Djarmode=tools ... extract) with an AppCDS archive from a training start, as Spring
# Boot documents it: a deployment option, measured here on the existing data directory
rm -rf "$WORK/p6-cds"
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/p6-cds" > "$RES/p6-cds-extract.log" 2>&1
CDS_JAR=$(ls "$WORK"/p6-cds/cascade-*.jar | head -1)
CASCADE_ADMIN_PASSWORD=$ADMIN_PASSWORD SERVER_PORT=$PORT CASCADE_DATA_DIR=$DATA java -Xlog:cds=off \
  -Xlog:cds+dynamic=off -XX:ArchiveClassesAtExit="$WORK/p6-cds/app.jsa" -Dspring.context.exit=onRefresh \
  -jar "$CDS_JAR" > "$RES/p6-cds-training.log" 2>&1 || die "AppCDS training start failed"
for r in $(seq 1 "$RUNS"); do
  START_JAR=$CDS_JAR time_start "$DATA" "$RES/p6-cds-$r.log" -XX:SharedArchiveFile="$WORK/p6-cds/app.jsa" \
    -Xlog:cds=off -Xlog:cds+dynamic=off
  record_start p6.cds "$r"
done
rm -rf "$WORK/p6-cds"
# JDK 25 and newer: the same extracted jar with an AOT cache (JEP 483/514) from a training start, when such a JDK is
# found (BENCH_AOT_JAVA, or /usr/lib/jvm/*-2[5-9]*); a deployment option beside AppCDS
AOT_JAVA=${BENCH_AOT_JAVA:-$(ls -d /usr/lib/jvm/*-2[5-9]-*/bin/java 2>/dev/null | head -1)}
if [ -n "$AOT_JAVA" ] && [ -x "$AOT_JAVA" ]; then
  note aot_java "$("$AOT_JAVA" -version 2>&1 | sed -n 2p)"
  rm -rf "$WORK/p6-aot"
  java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/p6-aot" > "$RES/p6-aot-extract.log" 2>&1
  AOT_JAR=$(ls "$WORK"/p6-aot/cascade-*.jar | head -1)
  CASCADE_ADMIN_PASSWORD=$ADMIN_PASSWORD SERVER_PORT=$PORT CASCADE_DATA_DIR=$DATA "$AOT_JAVA" \
    -XX:AOTCacheOutput="$WORK/p6-aot/app.aot" -Dspring.context.exit=onRefresh \
    -jar "$AOT_JAR" > "$RES/p6-aot-training.log" 2>&1 || die "AOT cache training start failed"
  for r in $(seq 1 "$RUNS"); do
    START_JAVA=$AOT_JAVA START_JAR=$AOT_JAR time_start "$DATA" "$RES/p6-aot-$r.log" \
      -XX:AOTCache="$WORK/p6-aot/app.aot"
    record_start p6.aot "$r"
  done
  rm -rf "$WORK/p6-aot"
fi

fi

# BENCH_HOLD=1: keep Cascade and its database running after the benchmarks (for EXPLAIN, profiles) until
# bench/.work/hold is removed
if [ -n "${BENCH_HOLD:-}" ] && [ -n "$APP_PID" ]; then
  touch "$WORK/hold"
  log "holding: Cascade on $BASE, PostgreSQL on port $PGPORT; remove $WORK/hold to end"
  while [ -f "$WORK/hold" ] && kill -0 "$APP_PID" 2>/dev/null; do sleep 2; done
fi

# ---------------------------------------------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------------------------------------------
python3 "$BENCH/report.py" "$RES" | tee "$RES/table.md"
cp "$RES/table.md" "$WORK/last-table.md"
log "results in $RES (table: $RES/table.md)"
