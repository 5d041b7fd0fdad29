#!/usr/bin/env bash
# plancald against nginx serving the same feed bytes as a static file, under wrk, for feeds
# of every size from 1 KB to 10 MB.
#
#   bench/http_feed_bench.sh [BUILD_DIR]      (default: build-bench beside this script's repo)
#
# Generates one plan per size in FEED_SIZES_KB (default "1 10 100 1000 10000"), sized so that
# its whole-plan feed is about that many KB, starts plancald on them on a free loopback port
# with a temp database, fetches each whole-plan feed once, and has nginx serve those files
# (same bytes, same Content-Type, Last-Modified set to plancald's; nginx makes its own ETag)
# on another loopback port. For each size, after checking both serve the same bytes
# (sha256), wrk runs with identical settings against each:
#   (a) plain GET      -> 200 with the whole feed, keep-alive
#   (b) conditional GET -> 304, If-None-Match set to the ETag that server returned
# BENCH_ROUNDS times, alternating between the servers, and the script prints requests/s for
# each run, then the medians and the ratios of the medians plancald/nginx.
#
# Needs wrk and nginx (Debian wrk, nginx-light or nginx): installed with apt-get here when
# missing (as root). Not run in CI. Knobs (environment):
#   WRK_THREADS=2 WRK_CONNECTIONS=64 WRK_DURATION=10s WRK_WARMUP=2s
#   BENCH_ROUNDS=3    rounds of the four runs, alternating servers; medians are reported
#   NGINX_WORKERS=1   plancald serves from one thread (one io_context), so one nginx worker
#                     is the like-for-like comparison; "auto" gives nginx every core
#   PLANCALD_LOG_LEVEL=warn   nginx runs with access_log off; plancald at warn, likewise
# Everything runs on this machine: wrk shares the cores with the server it measures.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(dirname "$here")"
build="${1:-$src/build-bench}"
plancald="$build/daemon/plancald"
threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-64}"
duration="${WRK_DURATION:-10s}"
warmup="${WRK_WARMUP:-2s}"
rounds="${BENCH_ROUNDS:-3}"
nginx_workers="${NGINX_WORKERS:-1}"
log_level="${PLANCALD_LOG_LEVEL:-warn}"
sizes="${FEED_SIZES_KB:-1 10 100 1000 10000}"

die() { echo "http_feed_bench: $*" >&2; exit 1; }

[ -x "$plancald" ] || die "no plancald in $build (build it: cmake --build $build --target plancald)"

need_install=()
command -v wrk >/dev/null || need_install+=(wrk)
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then need_install+=(nginx-light); fi
if [ ${#need_install[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${need_install[*]}: apt-get install ${need_install[*]} (as root)"
  echo "http_feed_bench: installing ${need_install[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_install[@]}" >/dev/null
  # Debian starts the packaged nginx service on install where it can; the bench does not
  # need it (it runs its own nginx on a free loopback port).
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

tmp="$(mktemp -d /tmp/plancal-http-bench.XXXXXX)"
plancald_pid=""
nginx_pid=""
cleanup() {
  if [ -n "$plancald_pid" ] && kill -0 "$plancald_pid" 2>/dev/null; then
    kill -TERM "$plancald_pid" 2>/dev/null || true
    wait "$plancald_pid" 2>/dev/null || true
  fi
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill -QUIT "$nginx_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() {  # URL NAME PID
  for _ in $(seq 300); do
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { cat "$tmp/$2.log" >&2 || true; die "$2 exited"; }
    sleep 0.1
  done
  cat "$tmp/$2.log" >&2 || true
  die "$2 did not answer $1 in 30 s"
}

header() {  # FILE NAME -> value of the header NAME (case-insensitive), without CR
  awk -v name="$2" 'BEGIN { IGNORECASE = 1 }
    { sub(/\r$/, "") }
    tolower(substr($0, 1, length(name) + 1)) == tolower(name) ":" {
      sub(/^[^:]*:[ \t]*/, ""); print; exit }' "$1"
}

# --- the data: one plan per size -------------------------------------------------------
# bench/feed_size_plan.py: about 770 bytes of feed per activity (a VEVENT with its item text).
mkdir -p "$tmp/data/plans"
cp -r "$src/data/holidays" "$tmp/data/holidays"
for kb in $sizes; do
  /usr/bin/python3 "$here/feed_size_plan.py" "$kb" >"$tmp/data/plans/size-$kb.toml"
done

# --- plancald ------------------------------------------------------------------------
plancal_port="$(free_port)"
# wrk's connections all come from 127.0.0.1: lift the per-address share (32 by default,
# docs/feeds.md "Connections") as one would behind a proxy, so both servers take them all.
printf '[http]\nmax_connections = 1024\nmax_per_address = 1024\n' >"$tmp/plancal.toml"
"$plancald" --config "$tmp/plancal.toml" --listen "127.0.0.1:$plancal_port" --data "$tmp/data" \
  --db "$tmp/plancal.db" --log-level "$log_level" >"$tmp/plancald.log" 2>&1 &
plancald_pid=$!
wait_for "http://127.0.0.1:$plancal_port/healthz" plancald "$plancald_pid"

# --- nginx, serving the same bytes -----------------------------------------------------
mkdir -p "$tmp/www/feeds" "$tmp/nginx/temp"
declare -A content_type plancal_etag nginx_etag bytes
for kb in $sizes; do
  url="http://127.0.0.1:$plancal_port/feeds/size-$kb.ics"
  curl -fsS -D "$tmp/plancal-$kb.headers" -o "$tmp/www/feeds/size-$kb.ics" "$url"
  content_type[$kb]="$(header "$tmp/plancal-$kb.headers" content-type)"
  plancal_etag[$kb]="$(header "$tmp/plancal-$kb.headers" etag)"
  last_modified="$(header "$tmp/plancal-$kb.headers" last-modified)"
  [ -n "${content_type[$kb]}" ] && [ -n "${plancal_etag[$kb]}" ] && [ -n "$last_modified" ] ||
    die "plancald's answer lacks Content-Type, ETag or Last-Modified"
  touch -d "$last_modified" "$tmp/www/feeds/size-$kb.ics"
  bytes[$kb]="$(stat -c %s "$tmp/www/feeds/size-$kb.ics")"
done
first="${sizes%% *}"
chmod -R a+rX "$tmp"  # nginx's workers run as nobody/www-data
nginx_port="$(free_port)"
{
  echo "worker_processes $nginx_workers; daemon off; pid $tmp/nginx/nginx.pid;"
  echo "error_log $tmp/nginx.log warn; events { worker_connections 1024; }"
  echo "http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;"
  for kind in client_body proxy fastcgi uwsgi scgi; do
    echo "  ${kind}_temp_path $tmp/nginx/temp/$kind;"
  done
  echo "  server { listen 127.0.0.1:$nginx_port; root $tmp/www;"
  echo "    location /feeds/ { types { } default_type \"${content_type[$first]}\"; } } }"
} >"$tmp/nginx/nginx.conf"
"$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" >"$tmp/nginx.out" 2>&1 &
nginx_pid=$!
wait_for "http://127.0.0.1:$nginx_port/feeds/size-$first.ics" nginx "$nginx_pid"

urls() {  # KB -> sets plancal_url and nginx_url
  plancal_url="http://127.0.0.1:$plancal_port/feeds/size-$1.ics"
  nginx_url="http://127.0.0.1:$nginx_port/feeds/size-$1.ics"
}
for kb in $sizes; do
  urls "$kb"
  curl -fsS -D "$tmp/nginx-$kb.headers" -o "$tmp/nginx.body" "$nginx_url"
  curl -fsS -o "$tmp/plancal.body" "$plancal_url"
  nginx_etag[$kb]="$(header "$tmp/nginx-$kb.headers" etag)"
  [ "$(sha256sum <"$tmp/plancal.body")" = "$(sha256sum <"$tmp/nginx.body")" ] ||
    die "size $kb: the bodies differ"
  [ "$(header "$tmp/nginx-$kb.headers" content-type)" = "${content_type[$kb]}" ] ||
    die "size $kb: Content-Type differs"
  [ -n "${nginx_etag[$kb]}" ] || die "nginx sent no ETag"
  for pair in "plancal ${plancal_etag[$kb]}" "nginx ${nginx_etag[$kb]}"; do
    server="${pair%% *}"; etag="${pair#* }"; url_var="${server}_url"
    status="$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "${!url_var}")"
    [ "$status" = 304 ] || die "$server answers $status, not 304, for size $kb"
  done
done

echo "feeds: $(for kb in $sizes; do printf 'size-%s %s bytes; ' "$kb" "${bytes[$kb]}"; done)"
echo "wrk -t$threads -c$connections -d$duration (keep-alive), 127.0.0.1; nginx $("$nginx_bin" -v 2>&1 | sed 's/.*: //'), worker_processes $nginx_workers, sendfile on, access_log off; plancald --log-level $log_level; $(nproc) cores shared with wrk"
echo

# --- wrk -------------------------------------------------------------------------------
# Bytes per response from wrk's "N requests in T, X read" (binary units): checks that
# the plain run really moved the feed and the conditional run really got 304s.
run_wrk() {  # NAME URL DURATION [ETAG] -> prints "rps bytes_per_response", keeps wrk's output
  local name="$1" url="$2" time="$3" etag="${4:-}" script=()
  if [ -n "$etag" ]; then
    printf 'wrk.headers["If-None-Match"] = [==[%s]==]\n' "$etag" >"$tmp/$name.lua"
    script=(-s "$tmp/$name.lua")
  fi
  wrk -t"$threads" -c"$connections" -d"$time" "${script[@]}" "$url" >"$tmp/$name.wrk" 2>&1 ||
    { cat "$tmp/$name.wrk" >&2; die "wrk failed for $name"; }
  if grep -q "Non-2xx or 3xx\|Socket errors" "$tmp/$name.wrk"; then
    echo "http_feed_bench: $name: $(grep "Non-2xx or 3xx\|Socket errors" "$tmp/$name.wrk")" >&2
  fi
  awk '
    /requests in/ {
      n = $1; read = $(NF - 1); unit = read
      gsub(/[0-9.]/, "", unit); sub(/[A-Za-z]+$/, "", read)
      mult = 1
      if (unit == "KB") mult = 1024; else if (unit == "MB") mult = 1024 ^ 2
      else if (unit == "GB") mult = 1024 ^ 3; else if (unit == "TB") mult = 1024 ^ 4
      per = read * mult / n
    }
    /^Requests\/sec:/ { rps = $2 }
    END { printf "%s %.0f\n", rps, per }' "$tmp/$name.wrk"
}

# Each measurement runs BENCH_ROUNDS times, the four runs of a round alternating between
# the servers so that load from elsewhere on the machine hits both alike; each server is
# warmed up first (WRK_WARMUP). The table gives the medians and the ratio of the medians.
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
run_named() {  # NAME KB DURATION -> as run_wrk; NAME is SERVER_plain or SERVER_cond
  local name="$1" kb="$2" server="${1%_*}" etag=""
  urls "$kb"
  local url_var="${server}_url"
  if [ "${name#*_}" = cond ]; then
    if [ "$server" = plancal ]; then etag="${plancal_etag[$kb]}"; else etag="${nginx_etag[$kb]}"; fi
  fi
  run_wrk "$name" "${!url_var}" "$3" "$etag"
}

names=(plancal_plain nginx_plain plancal_cond nginx_cond)
declare -A summary
for kb in $sizes; do
  for name in plancal_plain nginx_plain; do run_named "$name" "$kb" "$warmup" >/dev/null; done
  declare -A rps=() per=() med=()
  echo "size-$kb (${bytes[$kb]} bytes):"
  for round in $(seq "$rounds"); do
    for name in "${names[@]}"; do
      read -r r p < <(run_named "$name" "$kb" "$duration")
      rps[$name]="${rps[$name]:-} $r"; per[$name]="$p"
      echo "  round $round $name: $r requests/s, ~$p bytes/response read"
    done
  done
  for name in plancal_plain nginx_plain; do
    # wrk gives the bytes read with two decimals (of GB for the large feeds): 1 % slack.
    [ "${per[$name]}" -ge $(( bytes[$kb] * 99 / 100 )) ] ||
      die "$name read ${per[$name]} bytes a response: not the feed"
  done
  for name in plancal_cond nginx_cond; do
    [ "${per[$name]}" -lt 1024 ] || die "$name read ${per[$name]} bytes a response: not 304s"
  done
  for name in "${names[@]}"; do med[$name]="$(echo ${rps[$name]} | median)"; done
  summary[$kb]="$(printf '%-11s %9s %12s %10s %6s %12s %10s %6s' "size-$kb" "${bytes[$kb]}" \
    "${med[plancal_plain]}" "${med[nginx_plain]}" "$(ratio "${med[plancal_plain]}" "${med[nginx_plain]}")" \
    "${med[plancal_cond]}" "${med[nginx_cond]}" "$(ratio "${med[plancal_cond]}" "${med[nginx_cond]}")")"
done

echo
echo "medians of $rounds round(s), requests/s:"
printf '%-11s %9s %12s %10s %6s %12s %10s %6s\n' feed bytes "plancald 200" "nginx 200" ratio \
  "plancald 304" "nginx 304" ratio
for kb in $sizes; do echo "${summary[$kb]}"; done
