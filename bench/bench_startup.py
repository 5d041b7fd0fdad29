#!/usr/bin/env python3
"""plancald start-up: time from exec to READY=1 on a NOTIFY_SOCKET with the bundled plan
(fresh database each run: the import is part of start-up), and peak RSS (VmHWM from
/proc/<pid>/status) right after READY=1. Prints the median over several runs and
compares them with the targets (< 150 ms, < 30 MB).

usage: bench/bench_startup.py [PLANCALD] [--runs N]
       PLANCALD defaults to build/daemon/plancald; --runs to 9.
"""

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time

TARGET_MS = 150
TARGET_MB = 30


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vm_hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for pid {pid}")


def one_run(plancald, work, warm_db):
    notify_path = os.path.join(work, "notify")
    db = os.path.join(work, "plancal.db")
    if os.path.exists(notify_path):
        os.remove(notify_path)
    if not warm_db and os.path.exists(db):
        os.remove(db)
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind(notify_path)
        notify.settimeout(30)
        env = dict(os.environ, NOTIFY_SOCKET=notify_path)
        start = time.perf_counter()
        proc = subprocess.Popen([plancald, "--listen", f"127.0.0.1:{free_port()}", "--db", db,
                                 "--log-level", "warn"], env=env)
        try:
            while True:
                message = notify.recv(4096).decode()
                if "READY=1" in message.split("\n"):
                    break
            elapsed_ms = (time.perf_counter() - start) * 1000
            rss_mb = vm_hwm_kib(proc.pid) / 1024
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    return elapsed_ms, rss_mb


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("plancald", nargs="?", default="build/daemon/plancald")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="plancal-bench-startup-")
    try:
        for label, warm in (("fresh database", False), ("existing database", True)):
            runs = [one_run(args.plancald, work, warm) for _ in range(args.runs)]
            ms = statistics.median(r[0] for r in runs)
            mb = statistics.median(r[1] for r in runs)
            print(f"startup ({label}, {args.runs} runs): exec → READY=1 median {ms:.1f} ms "
                  f"(min {min(r[0] for r in runs):.1f}, max {max(r[0] for r in runs):.1f}; "
                  f"target < {TARGET_MS} ms {'ok' if ms < TARGET_MS else 'MISSED'}), "
                  f"peak RSS median {mb:.1f} MB (target < {TARGET_MB} MB "
                  f"{'ok' if mb < TARGET_MB else 'MISSED'})")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
