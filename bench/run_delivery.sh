#!/usr/bin/env bash
# The delivery benchmark on an existing build: plancal's SmtpTransport (connection reuse)
# against a plain libcurl loop (a new connection per message), same messages, to a local
# aiosmtpd server that bench/bench_delivery.py starts. Builds nothing.
#
#   bench/run_delivery.sh BUILD_DIR       (needs targets send_test_mail and peer_curl_loop)
#
# Knobs (environment): BENCH_MESSAGES=200 BENCH_ROUNDS=3.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:?usage: bench/run_delivery.sh BUILD_DIR}"
for exe in "$build/tests/send_test_mail" "$build/bench/peer_curl_loop"; do
  [ -x "$exe" ] || { echo "missing $exe: cmake --build $build --target send_test_mail peer_curl_loop" >&2; exit 1; }
done
exec /usr/bin/python3 "$here/bench_delivery.py" "$build"
