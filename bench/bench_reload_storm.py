#!/usr/bin/env python3
"""SIGHUP storm, or a windowed-feed flood, on a large data set: /healthz latency meanwhile.

Generates FILES plan files of ITEMS items × 50 activities each (default 15 × 100 × 50 =
75,000 activities, the size of the plan the issue measured on), starts plancald on them,
then for DURATION seconds (default 20) sends SIGHUPs at RATE a second (default 100), each
reload with one plan title changed so every reload imports and re-renders, while a probe
GETs /healthz every 20 ms. Prints the probe's p50/p99/max, how many reloads ran and how
long one took, and the peer: the same probe with no signals. Exits 1 when the probe's p99
under the storm is 100 ms or more.

With --windows N, the load is N clients instead, each asking without pause for windows of
the plans' whole-plan feeds that nobody asked for before (?from=&to= with dates that move on
at every request), so every request renders a window; the peer is the same quiet probe.

usage: bench/bench_reload_storm.py [PLANCALD] [--files N] [--items N] [--duration S]
                                   [--rate R | --windows N]"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SRC = os.environ.get("PLANCAL_SOURCE_DIR",
                     os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MONTHS = ["3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def plan_file(n, items, title):
    out = [f'''[plan]
id = "bench-{n}"
title = "{title}"
issuer = "测试区发展和改革委员会"
document_number = "测发改〔2023〕{n}号"
published = 2023-02-13
effective_from = 2023-02-13
effective_until = 2023-12-31
year = 2023
escalation_unit = "fgw"

[[units]]
id = "fgw"
name = "区发改委"
emails = ["fgw@test.example.org"]
''']
    for i in range(items):
        out.append(f'''
[[items]]
id = "a{i}"
kind = "project"
section = "一、活动"
number = "{i + 1}"
text = "{"、".join(MONTHS)}举办活动。"
units = ["fgw"]
''')
        for j in range(50):
            out.append(f'''
[[items.activities]]
title = "活动{i}-{j}"
category = "event"
when = "{MONTHS[j % len(MONTHS)]}"
''')
    return "".join(out)


def write_data(data, files, items, round_):
    os.makedirs(os.path.join(data, "plans"), exist_ok=True)
    for n in range(files):
        title = f"测试行动方案{n}（第{round_}版）" if n == 0 else f"测试行动方案{n}"
        with open(os.path.join(data, "plans", f"bench-{n}.toml"), "w", encoding="utf-8") as f:
            f.write(plan_file(n, items, title))


def probe(port, seconds):
    latencies = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        t = time.monotonic()
        conn.request("GET", "/healthz")
        r = conn.getresponse()
        r.read()
        latencies.append((time.monotonic() - t) * 1000)
        time.sleep(0.02)
    conn.close()
    return sorted(latencies)


def pct(values, p):
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("plancald", nargs="?", default=os.environ.get(
        "PLANCALD", os.path.join(SRC, "build", "daemon", "plancald")))
    parser.add_argument("--files", type=int, default=15)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--windows", type=int, default=0,
                        help="clients flooding new feed windows instead of SIGHUPs")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="plancal-storm-")
    data = os.path.join(work, "data")
    write_data(data, args.files, args.items, 0)
    shutil.copytree(os.path.join(SRC, "data", "holidays"), os.path.join(data, "holidays"))
    port = free_port()
    log_path = os.path.join(work, "plancald.log")
    log = open(log_path, "wb")
    started = time.monotonic()
    daemon = subprocess.Popen(
        [args.plancald, "--listen", f"127.0.0.1:{port}", "--data", data,
         "--db", os.path.join(work, "plancal.db"), "--admin-socket", os.path.join(work, "a.sock"),
         "--mail-spool", os.path.join(work, "spool"), "--now", "2023-01-01T00:00:00+08:00"],
        stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                if daemon.poll() is not None:
                    raise SystemExit(open(log_path).read()[-3000:])
                time.sleep(0.2)
        while "reminders: planned" not in open(log_path, encoding="utf-8", errors="replace").read():
            time.sleep(0.2)  # ready: the first planning is done
        print(f"reload storm: {args.files * args.items * 50} activities in {args.files} files; "
              f"start {time.monotonic() - started:.1f} s")
        quiet = probe(port, 5)

        stop = threading.Event()

        def storm():
            round_ = 0
            while not stop.is_set():
                round_ += 1
                write_data(data, 1, args.items, round_)  # the first plan's title changes
                for _ in range(int(args.rate)):
                    daemon.send_signal(signal.SIGHUP)
                    time.sleep(1 / args.rate)
                    if stop.is_set():
                        break

        windows_served = []

        def flood(client):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            day = 0
            while not stop.is_set():
                day += 1
                start = 1 + (client * 7919 + day) % 300  # a new (from, to) each time
                plan = (client + day) % args.files
                path = (f"/feeds/bench-{plan}.ics?from=2023-{1 + start // 31 % 12:02d}-"
                        f"{1 + start % 28:02d}&to=2023-12-{1 + (day * 13 + client) % 28:02d}")
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                windows_served.append(r.status)
            conn.close()

        seen = len(open(log_path, encoding="utf-8", errors="replace").read())
        threads = ([threading.Thread(target=flood, args=(c,)) for c in range(args.windows)]
                   if args.windows else [threading.Thread(target=storm)])
        for thread in threads:
            thread.start()
        loud = probe(port, args.duration)
        stop.set()
        for thread in threads:
            thread.join()
        time.sleep(3)
        text = open(log_path, encoding="utf-8", errors="replace").read()[seen:]
        reloads = text.count("SIGHUP: reloading data")
        served = len(re.findall(r"data: data version \d+, serving", text))
        print(f"{'':16} {'probes':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        load = f"{args.windows} window clients" if args.windows else "SIGHUP storm"
        for name, values in (("quiet (peer)", quiet), (load, loud)):
            print(f"{name:16} {len(values):7d} {pct(values, 50):8.1f} {pct(values, 99):8.1f} "
                  f"{values[-1]:8.1f}")
        if args.windows:
            ok = sum(1 for status in windows_served if status == 200)
            print(f"windows: {len(windows_served)} answered, {ok} with 200")
        else:
            print(f"signals: about {int(args.rate * args.duration)}; reloads started {reloads}, "
                  f"new data served {served}")
        ratio = pct(loud, 99) / max(pct(quiet, 99), 0.001)
        print(f"p99 under the load / quiet p99: {ratio:.2f}")
        return 0 if pct(loud, 99) < 100 else 1
    finally:
        daemon.terminate()
        daemon.wait(timeout=60)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
