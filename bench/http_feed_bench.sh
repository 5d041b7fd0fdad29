#!/usr/bin/env bash
# plancald against nginx serving the same feed bytes as a static file, under wrk.
#
#   bench/http_feed_bench.sh [BUILD_DIR]      (default: build-bench beside this script's repo)
#
# Starts plancald on a free loopback port with a temp database and the bundled data, fetches
# the whole-plan feed once, and has nginx serve that file (same bytes, same Content-Type,
# Last-Modified set to plancald's; nginx makes its own ETag) on another loopback port. After
# checking both serve the same bytes (sha256), wrk runs with identical settings against each:
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
plan=jinshan-2023
feed_path="/feeds/$plan.ics"

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

# --- plancald ------------------------------------------------------------------------
plancal_port="$(free_port)"
# wrk's connections all come from 127.0.0.1: lift the per-address share (32 by default,
# docs/feeds.md "Connections") as one would behind a proxy, so both servers take them all.
printf '[http]\nmax_connections = 1024\nmax_per_address = 1024\n' >"$tmp/plancal.toml"
"$plancald" --config "$tmp/plancal.toml" --listen "127.0.0.1:$plancal_port" --data "$src/data" \
  --db "$tmp/plancal.db" --log-level "$log_level" >"$tmp/plancald.log" 2>&1 &
plancald_pid=$!
plancal_url="http://127.0.0.1:$plancal_port$feed_path"
wait_for "http://127.0.0.1:$plancal_port/healthz" plancald "$plancald_pid"

curl -fsS -D "$tmp/plancal.headers" -o "$tmp/feed.ics" "$plancal_url"
content_type="$(header "$tmp/plancal.headers" content-type)"
last_modified="$(header "$tmp/plancal.headers" last-modified)"
plancal_etag="$(header "$tmp/plancal.headers" etag)"
[ -n "$content_type" ] && [ -n "$plancal_etag" ] && [ -n "$last_modified" ] ||
  die "plancald's answer lacks Content-Type, ETag or Last-Modified"

# --- nginx, serving the same bytes -----------------------------------------------------
mkdir -p "$tmp/www/feeds" "$tmp/nginx/temp"
cp "$tmp/feed.ics" "$tmp/www/feeds/$plan.ics"
touch -d "$last_modified" "$tmp/www/feeds/$plan.ics"
chmod -R a+rX "$tmp"  # nginx's workers run as nobody/www-data
nginx_port="$(free_port)"
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes $nginx_workers;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $tmp/nginx/temp/body;
  proxy_temp_path $tmp/nginx/temp/proxy;
  fastcgi_temp_path $tmp/nginx/temp/fastcgi;
  uwsgi_temp_path $tmp/nginx/temp/uwsgi;
  scgi_temp_path $tmp/nginx/temp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
    location /feeds/ {
      types { }
      default_type "$content_type";
    }
  }
}
EOF
"$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" >"$tmp/nginx.out" 2>&1 &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port$feed_path"
wait_for "$nginx_url" nginx "$nginx_pid"

curl -fsS -D "$tmp/nginx.headers" -o "$tmp/nginx.body" "$nginx_url"
curl -fsS -o "$tmp/plancal.body" "$plancal_url"
nginx_etag="$(header "$tmp/nginx.headers" etag)"
plancal_sum="$(sha256sum <"$tmp/plancal.body" | cut -d' ' -f1)"
nginx_sum="$(sha256sum <"$tmp/nginx.body" | cut -d' ' -f1)"
[ "$plancal_sum" = "$nginx_sum" ] || die "the bodies differ: plancald $plancal_sum, nginx $nginx_sum"
[ "$(header "$tmp/nginx.headers" content-type)" = "$content_type" ] ||
  die "Content-Type differs: nginx '$(header "$tmp/nginx.headers" content-type)', plancald '$content_type'"
[ -n "$nginx_etag" ] || die "nginx sent no ETag"
for server in plancal nginx; do
  url_var="${server}_url"; etag_var="${server}_etag"
  status="$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: ${!etag_var}" "${!url_var}")"
  [ "$status" = 304 ] || die "$server answers $status, not 304, to If-None-Match: ${!etag_var}"
done

bytes="$(stat -c %s "$tmp/feed.ics")"
echo "feed: $feed_path, $bytes bytes, sha256 $plancal_sum (same from both)"
echo "Content-Type: $content_type   Last-Modified: $last_modified"
echo "ETag: plancald $plancal_etag, nginx $nginx_etag"
echo "wrk -t$threads -c$connections -d$duration (keep-alive), 127.0.0.1; nginx $("$nginx_bin" -v 2>&1 | sed 's/.*: //'), worker_processes $nginx_workers, access_log off; plancald --log-level $log_level; $(nproc) cores shared with wrk"
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

names=(plancal_plain nginx_plain plancal_cond nginx_cond)
run_named() {  # NAME DURATION -> as run_wrk; NAME is SERVER_plain or SERVER_cond
  local name="$1" server="${1%_*}"
  local url_var="${server}_url" etag_var="${server}_etag" etag=""
  [ "${name#*_}" = cond ] && etag="${!etag_var}"
  run_wrk "$name" "${!url_var}" "$2" "$etag"
}
for name in plancal_plain nginx_plain; do run_named "$name" "$warmup" >/dev/null; done

declare -A rps per
for round in $(seq "$rounds"); do
  echo "round $round:"
  for name in "${names[@]}"; do
    read -r r p < <(run_named "$name" "$duration")
    rps[$name]="${rps[$name]:-} $r"; per[$name]="$p"
    echo "  $name: $r requests/s, ~$p bytes/response read  ($(grep -m1 Latency "$tmp/$name.wrk" | awk '{print "latency avg " $2 ", max " $4}'))"
  done
done
for name in plancal_plain nginx_plain; do
  [ "${per[$name]}" -ge "$bytes" ] || die "$name read ${per[$name]} bytes a response: not the feed"
done
for name in plancal_cond nginx_cond; do
  [ "${per[$name]}" -lt 1024 ] || die "$name read ${per[$name]} bytes a response: not 304s"
done
declare -A med
for name in "${names[@]}"; do med[$name]="$(echo ${rps[$name]} | median)"; done

echo
printf '%-22s %20s %20s %10s\n' "medians of $rounds" "plancald req/s" "nginx req/s" "ratio"
for row in "(a) GET 200:plain" "(b) If-None-Match 304:cond"; do
  label="${row%:*}"; kind="${row##*:}"
  printf '%-22s %20s %20s %10s\n' "$label" "${med[plancal_$kind]}" "${med[nginx_$kind]}" \
    "$(awk -v a="${med[plancal_$kind]}" -v b="${med[nginx_$kind]}" 'BEGIN { printf "%.2f", a / b }')"
done
