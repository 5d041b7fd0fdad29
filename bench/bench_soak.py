#!/usr/bin/env python3
"""Soak: plancald under mixed hostile load for DURATION seconds (default 60), on loopback,
while a burst of reminders goes to aiosmtpd. Load, each a thread looping until the end:
  - 4 feed clients (keep-alive GETs of the whole-plan feed),
  - 2 windowed-feed clients (random ?from=&to= windows of the plan year),
  - 1 admin client (status, reminders, upcoming over the admin socket),
  - 20 slow clients (a request line, then one header byte a second: the 408 path),
  - 2 reset clients (half a request, then a TCP reset),
  - 1 probe: GET /healthz every 20 ms, the latency that matters.
The daemon starts at 2024-01-02 08:59:50 (+08:00), ten seconds before the bundled plan's 49
overdue notices fall due. Prints each class's requests, errors and latency percentiles
(p50, p99, max), RSS and open fds at start and end, and the outbox totals of the rows due
by then (sent = due, none pending or sending). Exits 1 when the probe's p99 is 100 ms or
more, a feed, window or admin request fails, a reminder is stuck, or an fd leaked (more
than 16 fds above the start once the load stopped).

usage: bench/bench_soak.py [PLANCALD] [--duration S]"""

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "tests", "support"))
from mail_inbox import Inbox, free_port  # noqa: E402

from aiosmtpd.controller import Controller  # noqa: E402

SRC = os.environ.get("PLANCAL_SOURCE_DIR",
                     os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
START = "2024-01-02T08:59:50+08:00"
FEED = "/feeds/jinshan-2023.ics"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}
        self.errors = {}

    def add(self, kind, seconds=None, error=None):
        with self.lock:
            self.latencies.setdefault(kind, [])
            self.errors.setdefault(kind, 0)
            if error is None:
                self.latencies[kind].append(seconds)
            else:
                self.errors[kind] += 1
                if self.errors[kind] <= 3:
                    print(f"  {kind}: {error}", file=sys.stderr)


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def proc_figures(pid):
    with open(f"/proc/{pid}/status") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return rss // 1024, len(os.listdir(f"/proc/{pid}/fd"))


def http_loop(port, stats, kind, paths, stop):
    conn = None
    while not stop.is_set():
        path = paths()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            t = time.monotonic()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status} for {path}")
            stats.add(kind, time.monotonic() - t)
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except Exception as e:  # noqa: BLE001 - every failure is counted and shown
            stats.add(kind, error=repr(e))
            if conn is not None:
                conn.close()
            conn = None
            time.sleep(0.05)
        if kind == "healthz":
            time.sleep(0.02)


def window():
    month = random.randint(1, 11)
    return f"{FEED}?from=2023-{month:02d}-01&to=2023-{month + 1:02d}-15"


def admin_loop(path, stats, stop):
    commands = [("status", {}), ("reminders", {"limit": 20}), ("upcoming", {"days": 30})]
    n = 0
    while not stop.is_set():
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.settimeout(10)
                s.connect(path)
                f = s.makefile("rwb")
                for command, args in commands:
                    n += 1
                    t = time.monotonic()
                    f.write((json.dumps({"id": n, "command": command, "args": args}) +
                             "\n").encode())
                    f.flush()
                    reply = json.loads(f.readline())
                    if not reply.get("ok"):
                        raise RuntimeError(reply)
                    stats.add("admin", time.monotonic() - t)
        except Exception as e:  # noqa: BLE001
            stats.add("admin", error=repr(e))
        time.sleep(0.05)


def slow_loop(port, stats, stop):
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                while not stop.is_set():
                    s.sendall(b"X")
                    time.sleep(1)
                    s.settimeout(0.01)
                    try:
                        if s.recv(4096) == b"":
                            break  # closed by the server: reconnect, as the attack did
                        break  # answered (408): reconnect
                    except socket.timeout:
                        pass
                    s.settimeout(30)
        except OSError:
            time.sleep(0.1)
        stats.add("slow", 0)


def reset_loop(port, stats, stop):
    while not stop.is_set():
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /feeds/jinshan-2023.ics HTTP/1.1\r\nHo")
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()
            stats.add("reset", 0)
        except OSError as e:
            stats.add("reset", error=repr(e))
        time.sleep(0.05)


def outbox_totals(db):
    with sqlite3.connect(db, timeout=10) as c:
        due = "send_at <= strftime('%s', '2024-01-02 01:00:00')"
        return dict(c.execute(f"SELECT state, count(*) FROM outbox WHERE {due} "
                              "AND state NOT IN ('skipped') GROUP BY state").fetchall())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("plancald", nargs="?", default=os.environ.get(
        "PLANCALD", os.path.join(SRC, "build", "daemon", "plancald")))
    parser.add_argument("--duration", type=float, default=60)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="plancal-soak-")
    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    port = free_port()
    admin = os.path.join(work, "admin.sock")
    db = os.path.join(work, "plancal.db")
    log = open(os.path.join(work, "plancald.log"), "wb")
    daemon = subprocess.Popen(
        [args.plancald, "--listen", f"127.0.0.1:{port}", "--data", os.path.join(SRC, "data"),
         "--db", db, "--now", START, "--admin-socket", admin,
         "--smtp", f"smtp://127.0.0.1:{smtp_port}", "--mail-from", "plancal@example.org"],
        stdout=log, stderr=subprocess.STDOUT)
    failed = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline or daemon.poll() is not None:
                    raise SystemExit("plancald did not start")
                time.sleep(0.1)
        rss0, fds0 = proc_figures(daemon.pid)
        stats, stop = Stats(), threading.Event()
        threads = [threading.Thread(target=http_loop, args=(port, stats, "feed", lambda: FEED,
                                                            stop)) for _ in range(4)]
        threads += [threading.Thread(target=http_loop, args=(port, stats, "window", window,
                                                             stop)) for _ in range(2)]
        threads += [threading.Thread(target=admin_loop, args=(admin, stats, stop))]
        threads += [threading.Thread(target=slow_loop, args=(port, stats, stop))
                    for _ in range(20)]
        threads += [threading.Thread(target=reset_loop, args=(port, stats, stop))
                    for _ in range(2)]
        threads += [threading.Thread(target=http_loop, args=(port, stats, "healthz",
                                                             lambda: "/healthz", stop))]
        peak_rss = rss0
        for t in threads:
            t.daemon = True
            t.start()
        end = time.monotonic() + args.duration
        while time.monotonic() < end:
            time.sleep(1)
            peak_rss = max(peak_rss, proc_figures(daemon.pid)[0])
        rss1, fds1 = proc_figures(daemon.pid)
        stop.set()
        for t in threads:
            t.join(timeout=35)
        time.sleep(1)
        rss2, fds2 = proc_figures(daemon.pid)

        print(f"soak: {args.duration:.0f} s, plancald {args.plancald}")
        print(f"{'class':8} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'max ms':>8}")
        for kind in ("healthz", "feed", "window", "admin", "slow", "reset"):
            values = stats.latencies.get(kind, [])
            ms = [v * 1000 for v in values]
            print(f"{kind:8} {len(values):9d} {stats.errors.get(kind, 0):7d} "
                  f"{percentile(ms, 50):8.1f} {percentile(ms, 99):8.1f} "
                  f"{max(ms) if ms else float('nan'):8.1f}")
        print(f"rss MB: start {rss0}, end of load {rss1}, peak {peak_rss}, after {rss2}")
        print(f"open fds: start {fds0}, end of load {fds1}, after {fds2}")
        totals = outbox_totals(db)
        received = len({m['Message-ID'] for m in inbox.messages})
        print(f"outbox (due by 09:00): {totals}; messages received {len(inbox.messages)}, "
              f"distinct {received}")

        p99 = percentile([v * 1000 for v in stats.latencies.get("healthz", [])], 99)
        if not p99 < 100:
            failed.append(f"healthz p99 {p99:.1f} ms")
        for kind in ("feed", "window", "admin"):
            if stats.errors.get(kind, 0):
                failed.append(f"{stats.errors[kind]} {kind} errors")
        if set(totals) != {"sent"} or received != totals.get("sent"):
            failed.append(f"outbox not drained: {totals}, {received} received")
        if fds2 > fds0 + 16:
            failed.append(f"fds {fds0} → {fds2}")
        if daemon.poll() is not None:
            failed.append("plancald exited")
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
        controller.stop()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        print("soak: FAILED: " + "; ".join(failed))
        return 1
    print("soak: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
