# Shared by the ops/ scripts (sourced, not run): paths, logging, PostgreSQL and .NET set-up.
# shellcheck shell=bash

LEDGER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LEDGER_STATE="$LEDGER_ROOT/.ledger"
mkdir -p "$LEDGER_STATE"

say() { printf '[ledger] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  if [ ! -f "$LEDGER_STATE/.apt-updated" ]; then
    say "apt-get update"
    as_root apt-get update -qq >&2
    touch "$LEDGER_STATE/.apt-updated"
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >&2
}

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    apt_install postgresql >&2
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  printf '%s' "$bin"
}

# Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root).
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# A port nothing listens on and no cluster under .ledger/ owns (a stopped one resumes on its port).
free_port() {
  local port file taken=" "
  for file in "$LEDGER_STATE"/pg-*/port; do [ -f "$file" ] && taken="$taken$(cat "$file") "; done
  for port in $(seq "${1:-55432}" 65000); do
    case "$taken" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then printf '%s' "$port"; return 0; fi
  done
  return 1
}

# cluster_start NAME [fast|keep]: a cluster in .ledger/pg-NAME on a free port; prints its Npgsql
# connection string. Without "keep" a stopped cluster is wiped and made anew (throw-away); "keep"
# starts a stopped one again with its data (a new port if its old one is taken). "fast" trades
# durability for speed (tests only). LEDGER_PG_OPTS adds server options to a new cluster (ops/bench:
# pg_stat_statements).
cluster_start() {
  local name="$1" mode="${2:-}" bin dir port opts
  bin=$(pg_bin)
  dir=$(readlink -f "$LEDGER_STATE/pg-$name")
  if [ -f "$dir/port" ] && pg_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    port=$(cat "$dir/port")
    say "PostgreSQL ($name) already running on port $port, data in $dir/data"
  elif [ "$mode" = keep ] && [ -f "$dir/data/PG_VERSION" ] && [ -f "$dir/opts" ]; then
    say "starting PostgreSQL ($name) with its data in $dir/data, log $dir/postgres.log"
    port=$(pg_start "$dir" "$(sed -E 's/-p [0-9]+ ?//' "$dir/opts")" "$(cat "$dir/port" 2>/dev/null || true)") || return 1
  else
    cluster_dir_reset "$dir"
    dir=$(readlink -f "$dir")
    say "initdb $dir/data"
    pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
    opts="-k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB"
    if [ "$mode" = fast ]; then opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
    if [ -n "${LEDGER_PG_OPTS:-}" ]; then opts="$opts $LEDGER_PG_OPTS"; fi
    say "starting PostgreSQL ($name), log $dir/postgres.log"
    port=$(pg_start "$dir" "$opts") || return 1
    pg_as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database ledger" postgres >/dev/null
  fi
  say "PostgreSQL ($name) on 127.0.0.1:$port"
  printf 'Host=127.0.0.1;Port=%s;Database=ledger;Username=postgres;Maximum Pool Size=100' "$port"
}

# pg_start DIR OPTS [PORT]: starts the cluster in DIR with OPTS on PORT if free, else on a free one
# (another clone's cluster may take a port between the check and the bind: then the next one is
# tried); records the port and options beside the data and prints the port.
pg_start() {
  local dir="$1" base="$2" port="${3:-}" bin attempt
  bin=$(pg_bin)
  for attempt in 1 2 3 4 5; do
    if [ -z "$port" ] || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      port=$(free_port $((55432 + RANDOM % 2000)))
    fi
    if pg_as_owner "$bin/pg_ctl" -D "$dir/data" -o "-p $port $base" -l "$dir/postgres.log" -w start >/dev/null 2>&1; then
      printf '%s' "$port" >"$dir/port"
      printf '%s' "-p $port $base" >"$dir/opts"
      printf '%s' "$port"
      return 0
    fi
    say "PostgreSQL did not start on port $port (attempt $attempt; taken meanwhile?)"
    port=""
  done
  tail -n 5 "$dir/postgres.log" >&2
  return 1
}

# cluster_dir_reset DIR: an empty folder for a cluster, owned by postgres when we are root. When
# postgres cannot reach DIR (a clone under a private folder such as mktemp -d makes), the data lives
# under /var/tmp and DIR is a link to it.
cluster_dir_reset() {
  local dir="$1" real
  if [ -L "$dir" ]; then rm -rf "$(readlink "$dir")"; fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] || return 0
  chmod 755 "$LEDGER_STATE"
  chown postgres "$dir"
  if ! (cd / && runuser -u postgres -- test -w "$dir"); then
    rmdir "$dir"
    real="/var/tmp/projectledger-pg/$(printf '%s' "$dir" | sha256sum | cut -c1-16)"
    rm -rf "$real"
    mkdir -p "$real"
    chmod 755 /var/tmp/projectledger-pg
    chown postgres "$real"
    ln -s "$real" "$dir"
  fi
}

# cluster_stop NAME [immediate]: "immediate" is a crash stop (no checkpoint; recovery on next start).
cluster_stop() {
  local name="$1" mode="${2:-fast}" bin dir
  dir=$(readlink -f "$LEDGER_STATE/pg-$name")
  [ -d "$dir/data" ] || return 0
  bin=$(pg_bin)
  say "stopping PostgreSQL ($name, -m $mode)"
  pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m "$mode" -w stop >/dev/null 2>&1 || true
}

# cluster_resume NAME: starts a stopped cluster again on its port with its data (cluster_start
# would wipe it); prints its connection string like cluster_start. For fault tests.
cluster_resume() {
  local name="$1" bin dir port opts
  bin=$(pg_bin)
  dir=$(readlink -f "$LEDGER_STATE/pg-$name")
  [ -f "$dir/port" ] && [ -d "$dir/data" ] || { say "no cluster $name to resume (ops/db start $name first)"; return 1; }
  port=$(cat "$dir/port")
  if ! pg_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    opts=$(cat "$dir/opts" 2>/dev/null || printf '%s' "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300")
    say "resuming PostgreSQL ($name) on 127.0.0.1:$port with its data"
    pg_as_owner "$bin/pg_ctl" -D "$dir/data" -o "$opts" -l "$dir/postgres.log" -w start >/dev/null
  fi
  printf 'Host=127.0.0.1;Port=%s;Database=ledger;Username=postgres;Maximum Pool Size=100' "$port"
}

# cluster_restart NAME: pg_ctl restart -m immediate (a crash and a recovery, same port and data).
cluster_restart() {
  local name="$1" bin dir
  bin=$(pg_bin)
  dir=$(readlink -f "$LEDGER_STATE/pg-$name")
  [ -d "$dir/data" ] || { say "no cluster $name to restart"; return 1; }
  say "restarting PostgreSQL ($name, -m immediate)"
  pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -m immediate -w restart >/dev/null
}

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { say "the .NET 10 SDK (dotnet) is required on PATH"; exit 1; }
}

# The web UI, built into src/ProjectLedger/wwwroot when its sources changed.
build_web() {
  if [ -x "$LEDGER_ROOT/ops/build-web" ]; then "$LEDGER_ROOT/ops/build-web" >&2; fi
}

# The OpenID Provider the sign-in tests start (npm's oidc-provider, pinned in tests/oidc-provider/package-lock.json).
ensure_test_oidc_provider() {
  local dir="$LEDGER_ROOT/tests/oidc-provider"
  if [ ! -d "$dir/node_modules/oidc-provider" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm ci in tests/oidc-provider (the test OpenID Provider)"
    (cd "$dir" && npm ci --no-audit --no-fund >&2)
  fi
}

# Debian's Chromium for the browser tests (Playwright drives it; never `playwright install`).
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
}

# Redis, for the SignalR backplane test of several app nodes (the test starts its own server).
ensure_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then apt_install redis-server; fi
}

# Go and golang.org/x/mod (sumdb/note, sumdb/tlog): the tests check the transparency log with them.
ensure_go_sumdb() {
  if ! command -v go >/dev/null 2>&1 || [ ! -d /usr/share/gocode/src/golang.org/x/mod/sumdb/tlog ]; then
    apt_install golang-go golang-golang-x-mod-dev
  fi
}

# restore_locked PROJECT...: restores exactly what packages.lock.json records. When the registry
# no longer serves what the lock names, or a project's references changed, says so in one line.
restore_locked() {
  local target out
  for target in "$@"; do
    if ! out=$(dotnet restore "$target" --locked-mode -nologo 2>&1); then
      printf '%s\n' "$out" | grep -E 'error NU[0-9]+' | sed 's/^ *//' | sort -u | head -n 5 >&2
      say "locked restore of ${target#"$LEDGER_ROOT"/} failed: a package above no longer matches packages.lock.json."
      say "If you meant to change a dependency, re-lock with: ops/relock (then commit the packages.lock.json files)."
      return 1
    fi
  done
}

# publish_app OUT [ARTIFACTS]: the app into OUT, ReadyToRun-compiled for linux-x64 (a fresh node then
# JIT-compiles little before its first answers); on another architecture, a plain framework-dependent
# build. Beside it, the demo data's assembly (for the demo-data command; the product assembly does not
# hold it). Restored in locked mode; with ARTIFACTS, intermediate files go there instead of src/.
publish_app() {
  local out="$1" project="$LEDGER_ROOT/src/ProjectLedger/ProjectLedger.csproj" demo="$LEDGER_ROOT/src/ProjectLedger.Demo/ProjectLedger.Demo.csproj" where=() staged
  if [ -n "${2:-}" ]; then where=(--artifacts-path "$2" -p:RestoreLockedMode=true); else restore_locked "$project" "$demo" || return 1; where=(--no-restore); fi
  staged=$(mktemp -d)
  dotnet build "$demo" -c Release "${where[@]}" -o "$staged" -nologo -v q -clp:ErrorsOnly\;NoSummary >&2 || { rm -rf "$staged"; return 1; }
  if [ "$(uname -m)" = x86_64 ]; then
    dotnet publish "$project" -c Release "${where[@]}" -r linux-x64 --self-contained false \
      -o "$out" -nologo -v q -clp:ErrorsOnly\;NoSummary >&2
  else
    dotnet build "$project" -c Release "${where[@]}" -o "$out" -nologo -v q -clp:ErrorsOnly\;NoSummary >&2
  fi
  cp "$staged/ProjectLedger.Demo.dll" "$out/"
  rm -rf "$staged"
}

# Debian's docker-compose (1.29), to validate docker-compose.yml with `config` (no Docker engine
# runs here); its python3-yaml lets the test read the normalised file.
ensure_compose() {
  if ! command -v docker-compose >/dev/null 2>&1; then apt_install docker-compose; fi
}

# ledger_db: the app's connection string, from LEDGER_DB or the file LEDGER_DB_FILE names.
ledger_db() {
  if [ -n "${LEDGER_DB:-}" ]; then printf '%s' "$LEDGER_DB"
  elif [ -n "${LEDGER_DB_FILE:-}" ]; then tr -d '\r\n' <"$LEDGER_DB_FILE"
  else say "set LEDGER_DB (an Npgsql connection string) or LEDGER_DB_FILE"; return 1; fi
}

# pg_env CONNECTION_STRING: exports PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD from an Npgsql
# connection string, for pg_dump, pg_restore and psql.
pg_env() {
  local part key value
  IFS=';' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    [ -n "$part" ] || continue
    key=$(printf '%s' "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    value="${part#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|userid|user) export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
      sslmode) export PGSSLMODE=$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]') ;;
    esac
  done
}
