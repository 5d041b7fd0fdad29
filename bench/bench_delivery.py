"""Reminder mail delivery: plancal's SmtpTransport (one libcurl handle kept across sends, so
one connection for all messages) against a plain libcurl loop with a fresh easy handle per
message (a new connection, EHLO and QUIT each time), both sending the same N composed
reminder messages to a local aiosmtpd server that this script starts.

    /usr/bin/python3 bench/bench_delivery.py [BUILD_DIR]     (default: $PLANCAL_BUILD_DIR)

Needs the targets send_test_mail and peer_curl_loop built in BUILD_DIR (it builds nothing;
bench/run_delivery.sh is the wrapper). Knobs: BENCH_MESSAGES (200), BENCH_ROUNDS (3).
Prints the median over the rounds of each side's sending time (composing and reading the
files are outside the timing): plancal_msgs_per_s, peer_msgs_per_s and the ratio. The
server runs in this process on the same 2 cores, so the figures include its cost."""

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile

from aiosmtpd.controller import Controller

FROM = "plancal@example.gov.cn"
TO = ["rsj@example.gov.cn", "rsj-office@example.gov.cn"]  # send_test_mail's sample unit


class Counter:
    def __init__(self):
        self.messages = 0
        self.greetings = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.greetings += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        sys.exit("{} failed ({}): {}{}".format(cmd[0], proc.returncode, proc.stdout[-2000:],
                                               proc.stderr[-2000:]))
    return proc.stdout


def elapsed_s(stdout):
    return float(re.search(r"^elapsed_ms (\S+)$", stdout, re.M).group(1)) / 1000


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PLANCAL_BUILD_DIR", "")
    driver = os.path.join(build, "tests", "send_test_mail")
    peer = os.path.join(build, "bench", "peer_curl_loop")
    for exe in (driver, peer):
        if not os.access(exe, os.X_OK):
            sys.exit("missing {}: build the targets send_test_mail and peer_curl_loop".format(exe))
    n = int(os.environ.get("BENCH_MESSAGES", "200"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))

    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=free_port())
    controller.start()
    url = "smtp://127.0.0.1:{}".format(controller.port)
    try:
        with tempfile.TemporaryDirectory(prefix="plancal-bench-delivery-") as spool:
            run([driver, "--spool", spool, "--count", str(n)])  # the same messages, as .eml
            ours, theirs = [], []
            for r in range(rounds):
                before = counter.greetings
                out = run([driver, "--url", url, "--count", str(n)])
                if re.search(r"^connections (\d+)$", out, re.M).group(1) != "1":
                    sys.exit("plancal used more than one connection:\n" + out[-500:])
                ours.append(elapsed_s(out))
                if counter.greetings - before != 1:
                    sys.exit("server saw {} EHLOs for plancal".format(counter.greetings - before))
                before = counter.greetings
                theirs.append(elapsed_s(run([peer, url, spool, FROM, *TO])))
                if counter.greetings - before != n:
                    sys.exit("server saw {} EHLOs for the peer".format(counter.greetings - before))
                print("round {}: plancal {:.1f} msgs/s, peer {:.1f} msgs/s".format(
                    r + 1, n / ours[-1], n / theirs[-1]))
            if counter.messages != 2 * n * rounds:
                sys.exit("server received {} messages, expected {}".format(counter.messages,
                                                                           2 * n * rounds))
    finally:
        controller.stop()

    plancal_rate = n / statistics.median(ours)
    peer_rate = n / statistics.median(theirs)
    print("messages {} rounds {} (median)".format(n, rounds))
    print("plancal_msgs_per_s {:.1f}".format(plancal_rate))
    print("peer_msgs_per_s {:.1f}".format(peer_rate))
    print("ratio {:.2f}".format(plancal_rate / peer_rate))


if __name__ == "__main__":
    main()
