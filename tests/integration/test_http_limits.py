"""plancald under many slow clients from one address (issue: one local client locked
everyone out): 520 connections from 127.0.0.2 that never send a request. The address gets
its share of connections, every connection over it is answered 503 with Retry-After (none is
closed silently), the refusals are logged as one summary line, the held ones get 408 when
their header deadline passes, and meanwhile other clients' /healthz stays fast. Also: a
kept-alive connection with nothing more to ask is closed quietly after the idle timeout."""

import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import unittest

PLANCALD = os.environ["PLANCALD"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
PER_ADDRESS = 32       # ServerLimits::max_per_address
HEADER_TIMEOUT = 10.0  # ServerLimits::header_timeout
IDLE_TIMEOUT = 5.0     # ServerLimits::idle_timeout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_all(sock, timeout):
    sock.settimeout(timeout)
    chunks = []
    try:
        while chunk := sock.recv(4096):
            chunks.append(chunk)
    except (socket.timeout, ConnectionResetError):
        pass
    return b"".join(chunks)


class SlowClients(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancal-limits-")
        self.port = free_port()
        self.log_path = os.path.join(self.dir, "log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [PLANCALD, "--listen", f"127.0.0.1:{self.port}", "--data", os.path.join(SRC, "data"),
             "--db", os.path.join(self.dir, "plancal.db"), "--mail-spool",
             os.path.join(self.dir, "spool")],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while self.healthz()[0] != 200:
            self.assertIsNone(self.proc.poll())
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.1)

    def tearDown(self):
        self.proc.kill()
        self.proc.wait(timeout=10)
        self.log.close()
        shutil.rmtree(self.dir)

    def healthz(self):
        start = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                reply = read_all(s, 5)
        except OSError:
            return 0, time.monotonic() - start
        status = int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/1.1 ") else 0
        return status, time.monotonic() - start

    def slow_client(self):
        s = socket.socket()
        s.bind(("127.0.0.2", 0))
        s.connect(("127.0.0.1", self.port))
        return s

    def test_one_address_gets_its_share_and_others_stay_served(self):
        clients = [self.slow_client() for _ in range(520)]
        # meanwhile, other clients ask for /healthz
        latencies = []
        statuses = []
        for _ in range(200):
            status, seconds = self.healthz()
            statuses.append(status)
            latencies.append(seconds)
        answers = []
        lock = threading.Lock()

        def collect(sock):
            reply = read_all(sock, HEADER_TIMEOUT + 5)
            with lock:
                answers.append(reply)

        threads = [threading.Thread(target=collect, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for c in clients:
            c.close()

        self.assertEqual(set(statuses), {200})
        p99 = sorted(latencies)[int(len(latencies) * 0.99) - 1]
        print(f"\n/healthz under 520 slow clients: median {statistics.median(latencies) * 1000:.1f} ms, "
              f"p99 {p99 * 1000:.1f} ms", flush=True)
        self.assertLess(p99, 0.100, f"p99 {p99:.3f} s, median {statistics.median(latencies):.3f} s")
        refused = [a for a in answers if a.startswith(b"HTTP/1.1 503 ")]
        timed_out = [a for a in answers if a.startswith(b"HTTP/1.1 408 ")]
        self.assertEqual(len(refused), 520 - PER_ADDRESS)
        self.assertTrue(all(b"\r\nRetry-After: 5\r\n" in a for a in refused))
        self.assertEqual(len(timed_out), PER_ADDRESS)  # none closed without an answer
        time.sleep(0.5)
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            log = f.read()
        summaries = re.findall(r"http: refused (\d+) connection\(s\) in the last \d+ s", log)
        self.assertTrue(1 <= len(summaries) <= 3, log[-3000:])  # one line per 10 s, not 488
        self.assertEqual(sum(int(n) for n in summaries), 520 - PER_ADDRESS)
        self.assertIn("over the limit of 32 per client address (last: 127.0.0.2)", log)

    def test_an_idle_kept_alive_connection_is_closed_quietly(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            s.settimeout(5)
            first = s.recv(4096)
            self.assertTrue(first.startswith(b"HTTP/1.1 200 "))
            start = time.monotonic()
            rest = read_all(s, IDLE_TIMEOUT + 5)
            waited = time.monotonic() - start
        self.assertEqual(rest, b"")  # closed without a 408: nothing was asked
        self.assertGreater(waited, IDLE_TIMEOUT - 1)
        self.assertLess(waited, IDLE_TIMEOUT + 2)

    def test_a_request_that_stalls_midway_gets_408(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHo")
            start = time.monotonic()
            reply = read_all(s, HEADER_TIMEOUT + 5)
        self.assertTrue(reply.startswith(b"HTTP/1.1 408 "), reply)
        self.assertLess(time.monotonic() - start, HEADER_TIMEOUT + 2)


if __name__ == "__main__":
    unittest.main()
