#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, from Debian's postgresql package:
#   pg_server.sh start DIR    initdb in DIR/data as an unprivileged user (postgres, or nobody;
#                             yourself when not root), listening on a Unix socket in DIR only,
#                             role plancal with a SCRAM password, database plancal
#   pg_server.sh stop DIR     stops it and removes DIR
# After start: DIR/password (the password, for --db-password-file), DIR/pgpass (a PGPASSFILE),
# DIR/uri (postgresql:///plancal?host=DIR&user=plancal: no password in it).
set -euo pipefail
action=${1:?start or stop}
dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "pg_server: no PostgreSQL server installed (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then owner=postgres; else owner=nobody; fi
fi

case "$action" in
  start)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 0755 "$dir"
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
    cp "$dir/password" "$dir/pwfile"
    [ "$(id -u)" -ne 0 ] || chown "$owner" "$dir" "$dir/pwfile"
    as_owner "$bin/initdb" -D "$dir/data" -U plancal --pwfile="$dir/pwfile" -E UTF8 --no-locale \
      --auth-local=scram-sha-256 --auth-host=reject --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    printf '*:*:*:plancal:%s\n' "$(cat "$dir/password")" > "$dir/pgpass"
    chmod 0600 "$dir/pgpass" "$dir/password"
    PGPASSFILE="$dir/pgpass" "$bin/createdb" -h "$dir" -U plancal plancal
    echo "postgresql:///plancal?host=$dir&user=plancal" > "$dir/uri"
    echo "pg_server: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $dir"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: pg_server.sh start|stop DIR" >&2; exit 2 ;;
esac
