"""plancald as a real process: it serves every feed of a copy of the bundled data over HTTP
(checked with curl), answers conditional requests, reloads on SIGHUP (keeping the current
feeds when a data file is broken) and exits 0 on SIGTERM."""

import json
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import tomllib
import unittest

from icalendar import Calendar

PLANCALD = os.environ["PLANCALD"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
PLAN_ID = "jinshan-2023"
PLAN_FILE = os.path.join("plans", PLAN_ID + ".toml")
TIMEOUT = 10


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HttpDaemon(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancald-test-")
        self.data = os.path.join(self.dir, "data")
        shutil.copytree(os.path.join(SRC, "data"), self.data)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.dir, "plancald.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [PLANCALD, "--listen", f"127.0.0.1:{self.port}", "--data", self.data,
             "--db", os.path.join(self.dir, "plancal.db"), "--now", "2023-05-01T09:00"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while self.curl("/healthz", check=False)[0] != 200:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.fail(f"plancald did not come up:\n{self.log_text()}")
            time.sleep(0.1)

    def tearDown(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=TIMEOUT)
        self.log.close()
        shutil.rmtree(self.dir)

    def log_text(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def curl(self, path, *args, check=True):
        """(status, headers with lower-case names, body bytes) of one request."""
        head_file = os.path.join(self.dir, "headers")
        body_file = os.path.join(self.dir, "body")
        for f in (head_file, body_file):
            if os.path.exists(f):
                os.remove(f)
        proc = subprocess.run(
            ["curl", "-sS", "--max-time", str(TIMEOUT), "-D", head_file, "-o", body_file,
             "-w", "%{http_code}", *args, self.base + path],
            capture_output=True, text=True, timeout=TIMEOUT + 5)
        if proc.returncode != 0:
            if check:
                self.fail(f"curl {path} failed: {proc.stderr}")
            return 0, {}, b""
        headers = {}
        with open(head_file, encoding="latin-1") as f:
            for line in f.read().splitlines()[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
        body = b""
        if os.path.exists(body_file):
            with open(body_file, "rb") as f:
                body = f.read()
        return int(proc.stdout), headers, body

    def raw(self, request):
        """All bytes the server sends for a raw request on a fresh connection."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT) as s:
            s.sendall(request.encode())
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    def feeds(self):
        status, _, body = self.curl("/feeds.json")
        self.assertEqual(status, 200)
        return json.loads(body)

    def plan_feed(self):
        status, headers, body = self.curl(f"/feeds/{PLAN_ID}.ics")
        self.assertEqual(status, 200)
        return headers, body

    def events(self, body):
        cal = Calendar.from_ical(body)
        return {str(e["UID"]): e for e in cal.walk("VEVENT")}

    def reload(self, wait_for):
        """SIGHUP, then wait until the log has `wait_for` (a compiled regex) in its new part."""
        seen = len(self.log_text())
        self.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + TIMEOUT
        while not wait_for.search(self.log_text()[seen:]):
            if time.monotonic() > deadline:
                self.fail(f"no {wait_for.pattern!r} after SIGHUP:\n{self.log_text()[seen:]}")
            time.sleep(0.1)
        return self.log_text()[seen:]

    def test_every_public_feed_is_a_calendar(self):
        feeds = self.feeds()
        self.assertTrue(any(f["id"] == PLAN_ID for f in feeds))
        for feed in feeds:
            self.assertEqual(set(feed), {"id", "title", "url", "events", "private", "bytes"})
            self.assertFalse(feed["private"])
            self.assertTrue(feed["url"].startswith(self.base + "/feeds/"))
            status, headers, body = self.curl(feed["url"][len(self.base):])
            self.assertEqual(status, 200, feed["id"])
            self.assertTrue(headers["content-type"].startswith("text/calendar"))
            self.assertEqual(len(body), feed["bytes"])
            self.assertEqual(len(Calendar.from_ical(body).walk("VEVENT")), feed["events"])

    def test_public_plan_feeds_carry_every_activity_deadlines_and_sections_included(self):
        out = subprocess.run([os.environ["PLANCALCTL"], "check", os.path.join(self.data, PLAN_FILE)],
                             capture_output=True, text=True, check=True).stdout
        dated = int(re.search(r"(\d+) dated activities", out).group(1))
        _, body = self.plan_feed()
        self.assertEqual(len(self.events(body)), dated)  # deadlines and targets included
        feeds = {f["id"]: f for f in self.feeds()}
        self.assertGreater(feeds[f"{PLAN_ID}-category-deadline"]["events"], 10)
        sections = [f for f in feeds.values() if "-section-" in f["id"]]
        self.assertEqual(len(sections), 9)  # the main text's nine action sections
        # the task tables' rows count under them: every section feed has events
        self.assertTrue(all(f["events"] > 0 for f in sections), [(f["id"], f["events"]) for f in sections])
        self.assertEqual(sum(f["events"] for f in sections), dated)

    def test_index_lists_feeds(self):
        status, headers, body = self.curl("/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        self.assertIn(f"webcal://127.0.0.1:{self.port}/feeds/{PLAN_ID}.ics", body.decode())

    def test_conditional_get_with_etag_is_304(self):
        headers, _ = self.plan_feed()
        status, again, body = self.curl(f"/feeds/{PLAN_ID}.ics",
                                        "-H", f"If-None-Match: {headers['etag']}")
        self.assertEqual(status, 304)
        self.assertEqual(body, b"")
        self.assertEqual(again["etag"], headers["etag"])
        status, _, _ = self.curl(f"/feeds/{PLAN_ID}.ics",
                                 "-H", f"If-Modified-Since: {headers['last-modified']}")
        self.assertEqual(status, 304)

    def test_head_has_headers_and_no_body(self):
        headers, body = self.plan_feed()
        reply = self.raw(f"HEAD /feeds/{PLAN_ID}.ics HTTP/1.1\r\nHost: x\r\n"
                         "Connection: close\r\n\r\n")
        head, _, rest = reply.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 200"))
        self.assertIn(f"Content-Length: {len(body)}".encode(), head)
        self.assertEqual(rest, b"")

    def test_errors(self):
        self.assertEqual(self.curl(f"/feeds/{PLAN_ID}.ics", "-X", "POST")[0], 405)
        unknown = self.curl("/no/such/path")
        self.assertEqual(unknown[0], 404)
        private = self.curl(f"/feeds/{PLAN_ID}-work-rsj.ics")
        self.assertEqual(private[0], 404)
        self.assertEqual(private[2], unknown[2])
        self.assertEqual(self.curl(f"/feeds/{PLAN_ID}-work-rsj.ics?token=0")[0], 404)
        self.assertIn(self.curl("/feeds/%2e%2e/%2e%2e/etc/passwd")[0], (400, 404))
        # Only a POST may carry a body (a form, to a unit's page): elsewhere it is 405 ...
        reply = self.raw("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        self.assertTrue(reply.startswith(b"HTTP/1.1 405"), reply[:40])
        # ... and any other method with a body, or a form over 8 KiB, is 413.
        reply = self.raw("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        self.assertTrue(reply.startswith(b"HTTP/1.1 413"), reply[:40])
        big = "a=" + "x" * 9000
        reply = self.raw(f"POST /work/a/b/c/d HTTP/1.1\r\nHost: x\r\nContent-Length: {len(big)}"
                         f"\r\n\r\n{big}")
        self.assertTrue(reply.startswith(b"HTTP/1.1 413"), reply[:40])

    def test_gzip_gives_identical_bytes(self):
        _, plain = self.plan_feed()
        status, headers, body = self.curl(f"/feeds/{PLAN_ID}.ics", "--compressed")
        self.assertEqual(status, 200)
        self.assertEqual(headers.get("content-encoding"), "gzip")
        self.assertEqual(body, plain)

    def test_sighup_after_an_edit_changes_etag_and_sequence_keeps_uids(self):
        path = os.path.join(self.data, PLAN_FILE)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        plan = tomllib.loads(text)
        target = None
        for item in plan["items"]:
            for n, activity in enumerate(item.get("activities", []), 1):
                line = f'title = "{activity["title"]}"'
                if (activity.get("public", activity["category"] != "deadline")
                        and text.count(line) == 1):
                    target = (f"{PLAN_ID}.{item['id']}.{n}@plancal", line, activity["title"])
                    break
            if target:
                break
        self.assertIsNotNone(target, "no public activity with a unique title line")
        uid, line, title = target
        headers, body = self.plan_feed()
        before = self.events(body)
        self.assertIn(uid, before)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(line, f'title = "{title}（更新）"'))
        self.reload(re.compile(r"data version \d+, serving"))
        after_headers, after_body = self.plan_feed()
        after = self.events(after_body)
        self.assertNotEqual(after_headers["etag"], headers["etag"])
        self.assertEqual(set(after), set(before))
        self.assertEqual(int(after[uid].get("SEQUENCE", 0)),
                         int(before[uid].get("SEQUENCE", 0)) + 1)
        self.assertIn("（更新）", str(after[uid]["SUMMARY"]))

    def test_sighup_with_a_broken_file_keeps_serving_the_same_bytes(self):
        _, feeds_before = self.curl("/feeds.json")[1:]
        _, body = self.plan_feed()
        with open(os.path.join(self.data, PLAN_FILE), "a", encoding="utf-8") as f:
            f.write("\n[[items]]\nid = \n")
        log = self.reload(re.compile(r"error\(s\) in"))
        self.assertRegex(log, re.escape(PLAN_ID + ".toml") + r":\d+")
        self.assertEqual(self.plan_feed()[1], body)
        self.assertEqual(self.curl("/feeds.json")[2], feeds_before)

    def test_a_sighup_storm_coalesces_into_few_reloads_and_healthz_stays_fast(self):
        seen = len(self.log_text())
        latencies = []
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        for i in range(100):  # 100 SIGHUPs over about a second, /healthz between them
            self.proc.send_signal(signal.SIGHUP)
            t = time.monotonic()
            conn.request("GET", "/healthz")
            response = conn.getresponse()
            response.read()
            latencies.append(time.monotonic() - t)
            self.assertEqual(response.status, 200)
            time.sleep(0.01)
        conn.close()
        time.sleep(1)  # the last coalescing delay (200 ms) and its reload
        log = self.log_text()[seen:]
        reloads = log.count("SIGHUP: reloading data")
        self.assertGreaterEqual(reloads, 1, log)
        self.assertLessEqual(reloads, 10, log)  # one per 200 ms window at most, not 100
        self.assertIn("coalesced into this reload", log)
        latencies.sort()
        print(f"SIGHUP storm: 100 signals, {reloads} reloads, healthz p99 "
              f"{latencies[98] * 1000:.1f} ms")
        # Latency is a property of the optimised build: under ASan every reload is several
        # times slower, and that build checks memory, not speed.
        if os.environ.get("PLANCAL_SANITIZED") != "1":
            self.assertLess(latencies[98], 0.1, f"healthz p99 {latencies[98]:.3f} s")

    def test_sigterm_exits_zero_despite_an_idle_keep_alive_connection(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT) as idle:
            idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertTrue(idle.recv(65536).startswith(b"HTTP/1.1 200"))
            start = time.monotonic()
            self.proc.send_signal(signal.SIGTERM)
            self.assertEqual(self.proc.wait(timeout=TIMEOUT), 0)
            self.assertLess(time.monotonic() - start, 5)


if __name__ == "__main__":
    unittest.main()
