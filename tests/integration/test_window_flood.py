"""Windowed feeds (?from=&to=) flooded on a large plan: /healthz stays fast.

A generated plan of 20,000 activities (2,000 under the sanitizers) whose whole-plan feed is
about 15 MB. Four clients ask, without pause, for windows of it that nobody asked for before,
so each request renders a window; meanwhile a probe GETs /healthz every 20 ms. A window that
is not in the cache is rendered off the event loop (HttpResponse::later), so the probe does
not wait behind the renders: its p99 stays under 100 ms (checked in the optimised build).
Every window answer is a calendar holding only its window's days; a window holding the whole
feed is the feed's own bytes (same ETag)."""

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import unittest

PLANCALD = os.environ["PLANCALD"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
SANITIZED = os.environ.get("PLANCAL_SANITIZED", "0") in ("1", "ON", "TRUE", "true")
ACTIVITIES = 2000 if SANITIZED else 20000
FLOOD_SECONDS = 4


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def when(i):
    return f"{3 + i % 9}月{1 + i % 28}日"


def big_plan():
    out = ['[plan]', 'id = "flood-2023"', 'title = "窗口压力测试方案"', 'issuer = "测试区"',
           'document_number = "测〔2023〕9号"', 'published = 2023-02-13',
           'effective_from = 2023-02-13', 'effective_until = 2023-12-31', 'year = 2023',
           'escalation_unit = "fgw"', '', '[[units]]', 'id = "fgw"', 'name = "区发改委"']
    for i in range(ACTIVITIES):
        if i % 10 == 0:
            text = "；".join(f"{when(k)}举办招聘会" for k in range(i, min(i + 10, ACTIVITIES)))
            out += ['', '[[items]]', f'id = "a{i // 10}"', 'kind = "project"',
                    'section = "一、活动"', f'number = "{i // 10 + 1}"', f'text = "{text}。"',
                    'units = ["fgw"]']
        out += ['', '[[items.activities]]', f'title = "招聘会第{i}场"', 'category = "job_fair"',
                f'when = "{when(i)}"']
    return "\n".join(out) + "\n"


class WindowFlood(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancal-window-flood-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        data = os.path.join(self.dir, "data")
        os.makedirs(os.path.join(data, "plans"))
        shutil.copytree(os.path.join(SRC, "data", "holidays"), os.path.join(data, "holidays"))
        with open(os.path.join(data, "plans", "flood-2023.toml"), "w", encoding="utf-8") as f:
            f.write(big_plan())
        self.port = free_port()
        self.log_path = os.path.join(self.dir, "plancald.log")
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [PLANCALD, "--listen", f"127.0.0.1:{self.port}", "--data", data,
                 "--db", os.path.join(self.dir, "plancal.db"),
                 "--mail-spool", os.path.join(self.dir, "spool"),
                 "--now", "2023-01-02T09:00:00+08:00"], stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(self.stop)
        deadline = time.monotonic() + (600 if SANITIZED else 120)
        while "reminders: planned" not in self.log():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.fail(f"plancald did not come up:\n{self.log()[-3000:]}")
            time.sleep(0.2)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=60)

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def get(self, conn, path, headers=None):
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()

    def test_new_windows_do_not_hold_up_other_requests(self):
        stop = threading.Event()
        answers, failures = [], []

        def flood(client):
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            n = 0
            while not stop.is_set():
                n += 1
                day = 2 + (client * 7 + n) % 26  # from 3月2日 on: never the whole feed
                path = (f"/feeds/flood-2023.ics?from=2023-03-{day:02d}"
                        f"&to=2023-{5 + n % 6:02d}-{1 + (n * 3 + client) % 28:02d}")
                status, _, body = self.get(conn, path)
                if status != 200 or not body.startswith(b"BEGIN:VCALENDAR"):
                    failures.append((path, status))
                elif b"DTSTART;VALUE=DATE:20230301" in body:
                    failures.append((path, "a day outside the window"))
                answers.append(len(body))
            conn.close()

        threads = [threading.Thread(target=flood, args=(c,)) for c in range(4)]
        for thread in threads:
            thread.start()
        latencies = []
        probe = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        end = time.monotonic() + FLOOD_SECONDS
        while time.monotonic() < end:
            t = time.monotonic()
            status, _, _ = self.get(probe, "/healthz")
            latencies.append(time.monotonic() - t)
            self.assertEqual(status, 200)
            time.sleep(0.02)
        stop.set()
        for thread in threads:
            thread.join()
        probe.close()

        self.assertEqual(failures, [])
        self.assertGreater(len(answers), 4, "the windows were not served")
        latencies.sort()
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
        print(f"window flood: {len(answers)} new windows of a {ACTIVITIES}-activity feed in "
              f"{FLOOD_SECONDS} s; healthz p99 {p99 * 1000:.1f} ms over {len(latencies)} probes")
        if not SANITIZED:
            self.assertLess(p99, 0.1, f"healthz p99 {p99:.3f} s")

        # A window holding every activity is the whole feed, byte for byte.
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        _, whole_headers, whole = self.get(conn, "/feeds/flood-2023.ics")
        _, window_headers, window = self.get(conn, "/feeds/flood-2023.ics?from=2023-01-01")
        conn.close()
        self.assertEqual(window, whole)
        self.assertEqual(window_headers["ETag"], whole_headers["ETag"])


if __name__ == "__main__":
    unittest.main()
