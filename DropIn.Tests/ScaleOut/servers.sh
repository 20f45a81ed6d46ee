#!/usr/bin/env bash
# Starts PostgreSQL and Redis from Debian's packages on loopback for the tests (installing them when missing), and
# stops them. Nothing here is a service of the machine: state lives under $S and goes with `stop`.
# Usage: servers.sh start|stop|env      (run as root, or with sudo available)
#   start  installs postgresql and redis-server (and nginx, which the scale-out smoke test starts itself) when
#          missing, then starts PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT; if they already
#          answer there it leaves them alone.
#   env    prints the variables the tests read (DROPIN_TEST_POSTGRES, DROPIN_TEST_REDIS).
#   running  succeeds when PostgreSQL or Redis already answers on its port (started by someone else, not to be stopped).
# PostgreSQL roles: postgres (superuser, trust on loopback), dropin_owner (owns the databases, runs migrations,
# may create test databases) and dropin (what the app signs in as in cluster mode; it cannot change the audit trail).
set -euo pipefail
S=${S:-/tmp/dropin-servers}
PG_PORT=${PG_PORT:-55432} REDIS_PORT=${REDIS_PORT:-56379}
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"

install_packages() {
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v redis-server >/dev/null || ! command -v nginx >/dev/null; then
        echo "Installing PostgreSQL, Redis and nginx from Debian for the scale-out tests..."
        $sudo_cmd apt-get update -qq
        # These machines deny service starts (policy-rc.d), so nothing is started on 5432/6379/80 by installing.
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql redis-server nginx >/dev/null
    fi
}

psql_admin() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

start() {
    install_packages
    local pgbin; pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if ! psql_admin -c "SELECT 1" >/dev/null 2>&1; then
        $sudo_cmd rm -rf "$S/pg"
        $sudo_cmd install -d -m 0755 "$S"
        $sudo_cmd install -d -o postgres -g postgres -m 0700 "$S/pg" "$S/pg/data" "$S/pg/run"
        $sudo_cmd runuser -u postgres -- "$pgbin/initdb" -D "$S/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        # fsync off: a test database need not survive a power cut, and it makes the suite faster.
        $sudo_cmd runuser -u postgres -- "$pgbin/pg_ctl" -D "$S/pg/data" -l "$S/pg/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $S/pg/run -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
        psql_admin -c "CREATE ROLE dropin_owner LOGIN CREATEDB PASSWORD 'dropin'"
        psql_admin -c "CREATE ROLE dropin LOGIN PASSWORD 'dropin'"
        # So that a test can drop its database while the app's role is still connected (DROP DATABASE ... WITH (FORCE)).
        psql_admin -c "GRANT pg_signal_backend TO dropin_owner"
        psql_admin -c "CREATE DATABASE dropin OWNER dropin_owner"
    fi
    if ! redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
        mkdir -p "$S/redis"
        redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$S/redis" \
            --pidfile "$S/redis/redis.pid" --logfile "$S/redis/redis.log" --save '' --appendonly no
        for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
    fi
    echo "PostgreSQL 127.0.0.1:$PG_PORT, Redis 127.0.0.1:$REDIS_PORT"
}

stop() {
    local pgbin; pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    redis-cli -p "$REDIS_PORT" shutdown nosave 2>/dev/null || true
    if [ -d "$S/pg/data" ] && [ -n "$pgbin" ]; then
        $sudo_cmd runuser -u postgres -- "$pgbin/pg_ctl" -D "$S/pg/data" -m fast -w stop >/dev/null || true
    fi
}

running() {
    { command -v psql >/dev/null && psql_admin -c "SELECT 1" >/dev/null 2>&1; } \
        || { command -v redis-cli >/dev/null && redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }
}

env() {
    echo "export DROPIN_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=dropin_owner;Password=dropin;Database=dropin'"
    echo "export DROPIN_TEST_REDIS='127.0.0.1:$REDIS_PORT'"
}

"$@"
