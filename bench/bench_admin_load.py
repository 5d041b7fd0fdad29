#!/usr/bin/env python3
"""Admin socket under load: CLIENTS concurrent connections issue a mix of admin commands
(reads, audited ack and feed-token show, reconnects) for DURATION seconds while curl keeps
fetching feeds. Passes when no request gets a transport error or an unexpected error
response, every curl gets 200, and plancald is still alive and answering afterwards.
Prints commands/s and feeds/s.

usage: bench/bench_admin_load.py [PLANCALD] [--clients N] [--duration S]
       PLANCALD defaults to $PLANCALD, else build/daemon/plancald; 200 clients, 30 s.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

SRC = os.environ.get("PLANCAL_SOURCE_DIR",
                     os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAN_ID = "jinshan-2023"
MIX = [
    ("status", {}), ("plans", {}), ("units", {}), ("items", {"unit": "rsj"}),
    ("upcoming", {"days": 30}), ("show", {"item": "a1"}), ("reminders", {"limit": 20}),
    ("audit", {"limit": 5}), ("ack", {"item": "a1", "unit": "rsj", "note": "load"}),
    ("feed-token", {"action": "show", "unit": "rsj"}),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(60)
        self.sock.connect(path)
        self.file = self.sock.makefile("rb")

    def call(self, command, args, request_id):
        self.sock.sendall(json.dumps({"id": request_id, "command": command,
                                      "args": args}).encode() + b"\n")
        line = self.file.readline()
        if not line:
            raise EOFError("connection closed")
        return json.loads(line)

    def close(self):
        self.file.close()
        self.sock.close()


def client_loop(path, index, stop, counts, errors, lock):
    done = 0
    try:
        client = Client(path)
        n = index
        while not stop.is_set():
            command, args = MIX[n % len(MIX)]
            response = client.call(command, args, n)
            if not response.get("ok") or response.get("id") != n:
                raise RuntimeError(f"{command}: {response}")
            done += 1
            n += 1
            if n % 97 == 0:  # reconnect now and then
                client.close()
                client = Client(path)
        client.close()
    except Exception as e:  # noqa: BLE001 - every failure is reported
        with lock:
            errors.append(f"client {index}: {e!r}")
    with lock:
        counts.append(done)


def curl_loop(base, stop, results, lock):
    paths = ["/feeds.json", f"/feeds/{PLAN_ID}.ics", f"/feeds/{PLAN_ID}-unit-rsj.ics"]
    n = 0
    while not stop.is_set():
        code = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "30",
             base + paths[n % len(paths)]], capture_output=True, text=True).stdout
        with lock:
            results.append(code)
        n += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("plancald", nargs="?",
                        default=os.environ.get("PLANCALD", os.path.join(SRC, "build/daemon/plancald")))
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=30)
    options = parser.parse_args()

    work = tempfile.mkdtemp(prefix="plancal-admin-load-")
    data = os.path.join(work, "data")
    shutil.copytree(os.path.join(SRC, "data"), data)
    path = os.path.join(work, "admin.sock")
    port = free_port()
    log = open(os.path.join(work, "plancald.log"), "wb")
    proc = subprocess.Popen(
        [options.plancald, "--listen", f"127.0.0.1:{port}", "--data", data,
         "--db", os.path.join(work, "plancal.db"), "--now", "2023-05-01T09:00",
         "--admin-socket", path, "--log-level", "warn"], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not os.path.exists(path):
            if proc.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"plancald did not open {path}; see {log.name}")
            time.sleep(0.1)

        stop, lock = threading.Event(), threading.Lock()
        counts, errors, curls = [], [], []
        threads = [threading.Thread(target=client_loop, args=(path, i, stop, counts, errors, lock))
                   for i in range(options.clients)]
        threads += [threading.Thread(target=curl_loop,
                                     args=(f"http://127.0.0.1:{port}", stop, curls, lock))
                    for _ in range(2)]
        start = time.monotonic()
        for t in threads:
            t.start()
        time.sleep(options.duration)
        stop.set()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start

        alive = proc.poll() is None
        if alive:
            Client(path).call("status", {}, 0)
        bad_curls = [c for c in curls if c != "200"]
        print(f"admin_load: {options.clients} clients, {elapsed:.1f} s")
        print(f"admin_commands_per_second {sum(counts) / elapsed:.0f}")
        print(f"feed_fetches_per_second {len(curls) / elapsed:.1f}")
        print(f"errors {len(errors)}, failed feed fetches {len(bad_curls)}, "
              f"daemon alive {alive}")
        for e in errors[:10]:
            print("  " + e)
        ok = alive and not errors and not bad_curls and curls
        sys.exit(0 if ok else 1)
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)
        log.close()
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
