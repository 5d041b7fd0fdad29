"""Three plancald sharing one PostgreSQL database, one killed with -9 in a burst of 500 reminders.

The database is a real PostgreSQL server (tests/support/pg_server.sh, a ctest fixture) with a
SCRAM password that the daemons read from --db-password-file (PGPASSFILE is removed from their
environment). A generated plan has 500 units, each due to get one reminder at 2024-03-28 09:00;
the three daemons start a few seconds before that (--now) with a 3 s claim lease. Each daemon
sends to its own port of one aiosmtpd mail server, so every message received says which daemon
sent it. When daemon a holds claims (read from the outbox table), it is killed with SIGKILL.

Checked at the SMTP side, in every round: each of the 500 reminders is received; a Message-ID
received twice is one that a held at the kill (the message in flight), sent once by a and once
by a survivor; no Message-ID is sent twice by the live daemons. Checked too: the feeds of the
three daemons are byte-identical with one ETag; `plancalctl status` names the backend and the
three instances; a second daemon under a live daemon's id is refused. Prints per round the
counts and the failover time: from the kill until no row is claimed by a any more.
Rounds: PLANCAL_KILL_ROUNDS (default 5; 2 under the sanitizers)."""

import datetime
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from collections import Counter

from aiosmtpd.controller import Controller

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "support"))
from mail_inbox import free_port  # noqa: E402

PLANCALD = os.environ["PLANCALD"]
PLANCALCTL = os.environ["PLANCALCTL"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
PG_DIR = os.environ.get("PLANCAL_TEST_PG_DIR", "")
SANITIZED = os.environ.get("PLANCAL_SANITIZED", "0") in ("1", "ON", "TRUE", "true")
ROUNDS = int(os.environ.get("PLANCAL_KILL_ROUNDS", "2" if SANITIZED else "5"))
UNITS = 500
INSTANCES = ("a", "b", "c")
LEASE = 3
NOW = "2024-03-28T08:59:52+08:00"  # the burst falls due at 09:00
TIMEOUT = 120 if SANITIZED else 60


def burst_plan():
    """500 units on 100 items, each item's deadline 2024-03-29: one reminder per unit."""
    out = ['[plan]', 'id = "burst-2024"', 'title = "压力测试行动方案"', 'issuer = "测试区"',
           'document_number = "测〔2024〕1号"', 'published = 2024-01-02',
           'effective_from = 2024-01-02', 'effective_until = 2024-12-31', 'year = 2024',
           'escalation_unit = "fgw"', '',
           '[[units]]', 'id = "fgw"', 'name = "区发改委"', 'emails = ["fgw@burst.example.org"]', '']
    for u in range(UNITS):
        out += ['[[units]]', f'id = "u{u:03d}"', f'name = "单位{u:03d}"',
                f'emails = ["u{u:03d}@burst.example.org"]', '']
    for i in range(UNITS // 5):
        units = ", ".join(f'"u{i * 5 + k:03d}"' for k in range(5))
        out += ['[[items]]', f'id = "m{i + 1}"', 'kind = "measure"', 'section = "一、测试"',
                f'number = "{i + 1}"', f'title = "任务{i + 1}"',
                'text = "2024年3月29日前完成。"', f'units = [{units}]', '',
                '[[items.activities]]', f'title = "任务{i + 1}完成"', 'category = "deadline"',
                'when = "2024年3月29日前"', '']
    return "\n".join(out)


class TaggedInbox:
    """One aiosmtpd handler per daemon, all filling one list of (daemon, Message-ID)."""

    def __init__(self, received, lock, tag):
        self.received, self.lock, self.tag = received, lock, tag

    async def handle_DATA(self, server, session, envelope):
        message_id = None
        for line in envelope.original_content.split(b"\r\n"):
            if line.lower().startswith(b"message-id:"):
                message_id = line.split(b":", 1)[1].strip().strip(b"<>").decode()
                break
            if not line:
                break
        with self.lock:
            self.received.append((self.tag, message_id, time.monotonic()))
        return "250 OK"


def psql(uri, sql, database=None):
    if database:
        uri = uri.replace("postgresql:///plancal?", f"postgresql:///{database}?")
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", uri, "-c", sql],
                         capture_output=True, text=True, env=dict(os.environ,
                         PGPASSFILE=os.path.join(PG_DIR, "pgpass"),
                         PGOPTIONS="-c client_min_messages=warning"))
    if out.returncode != 0:
        raise AssertionError(f"psql: {sql}: {out.stderr}")
    return out.stdout.strip()


@unittest.skipUnless(PG_DIR and os.path.exists(os.path.join(PG_DIR, "uri")),
                     "no PostgreSQL server (the ctest fixture postgres.start)")
class ScaleOut(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(PG_DIR, "uri")) as f:
            cls.base_uri = f.read().strip()
        cls.dir = tempfile.mkdtemp(prefix="plancal-scale-out-")
        data = os.path.join(cls.dir, "data")
        os.makedirs(os.path.join(data, "plans"))
        shutil.copytree(os.path.join(SRC, "data", "holidays"), os.path.join(data, "holidays"))
        with open(os.path.join(data, "plans", "burst-2024.toml"), "w") as f:
            f.write(burst_plan())
        cls.data = data
        cls.config = os.path.join(cls.dir, "plancal.toml")
        with open(cls.config, "w") as f:
            f.write(f'[data]\nlink_secret = "{cls.dir}/link-secret"\n'
                    f'[cluster]\nlease_seconds = {LEASE}\npoll_seconds = 1\n'
                    '[reminders]\ndeadline_lead_days = [1]\nactivity_lead_days = [1]\n'
                    'escalation = false\nretry_base_seconds = 1\n')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, True)

    def setUp(self):
        self.received, self.lock = [], threading.Lock()
        self.smtp_ports = {}
        for tag in INSTANCES:
            port = free_port()
            controller = Controller(TaggedInbox(self.received, self.lock, tag),
                                    hostname="127.0.0.1", port=port)
            controller.start()
            self.addCleanup(controller.stop)
            self.smtp_ports[tag] = port
        self.procs, self.http_ports, self.logs = {}, {}, {}
        self.clock_zero = None

    def new_database(self, name):
        psql(self.base_uri, f"DROP DATABASE IF EXISTS {name}")
        psql(self.base_uri, f"CREATE DATABASE {name}")
        self.addCleanup(psql, self.base_uri, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        return self.base_uri.replace("postgresql:///plancal?", f"postgresql:///{name}?")

    def start(self, tag, uri, wait=True, instance=None):
        """Starts daemon `tag` on `uri`. Its test clock starts at NOW plus the time since the
        first daemon of the round started, so that the daemons' clocks agree as real clocks
        would: claims' leases are compared across daemons."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        if not self.procs or self.clock_zero is None:
            self.clock_zero = time.monotonic()
        now = (datetime.datetime.fromisoformat(NOW) +
               datetime.timedelta(seconds=time.monotonic() - self.clock_zero))
        database = uri.split("?")[0].rsplit("/", 1)[1]
        self.http_ports[tag] = free_port()
        self.logs[tag] = os.path.join(self.dir, f"{database}-{tag}.log")
        seen = len(self.log(tag)) if os.path.exists(self.logs[tag]) else 0
        with open(self.logs[tag], "ab") as log:
            self.procs[tag] = subprocess.Popen(
                [PLANCALD, "--listen", f"127.0.0.1:{self.http_ports[tag]}", "--data", self.data,
                 "--db", uri, "--db-password-file", os.path.join(PG_DIR, "password"),
                 "--instance", instance or tag, "--now", now.isoformat(timespec="seconds"),
                 "--config", self.config,
                 "--admin-socket", os.path.join(self.dir, f"admin-{database}-{tag}.sock"),
                 "--smtp", f"smtp://127.0.0.1:{self.smtp_ports[instance or tag]}",
                 "--mail-from", "plancal@example.org",
                 "--base-url", "https://plancal.example.org"],  # one public URL, as behind nginx
                stdout=log, stderr=subprocess.STDOUT, env=env)
        self.addCleanup(self.stop, tag)
        if wait:
            self.wait_for(lambda: "reminders: outbox recovered" in self.log(tag)[seen:],
                          f"{tag} to start", tag)

    def stop(self, tag):
        proc = self.procs.get(tag)
        if proc and proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)

    def stop_all(self):
        for tag in list(self.procs):
            self.stop(tag)
        self.procs.clear()
        self.clock_zero = None

    def log(self, tag):
        with open(self.logs[tag], encoding="utf-8", errors="replace") as f:
            return f.read()

    def wait_for(self, condition, what, tag=None, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                tail = "".join(f"\n--- {t}\n{self.log(t)[-2500:]}" for t in self.logs)
                self.fail(f"timed out waiting for {what}{tail}")
            if tag and self.procs[tag].poll() is not None:
                self.fail(f"{tag} exited while waiting for {what}\n{self.log(tag)[-4000:]}")
            time.sleep(0.05)

    def curl(self, tag, path):
        out = subprocess.run(["curl", "-s", "-D", "-", "-o", "-", "--max-time", "10",
                              f"http://127.0.0.1:{self.http_ports[tag]}{path}"],
                             capture_output=True, check=True)
        head, _, body = out.stdout.partition(b"\r\n\r\n")
        headers = {}
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            headers[name.decode().lower()] = value.strip().decode()
        return headers, body

    def test_a_reload_on_one_daemon_is_served_by_the_others(self):
        database = f"follow_{os.getpid()}"
        uri = self.new_database(database)
        for tag in ("a", "b"):
            self.start(tag, uri)
        before = [self.curl(tag, "/feeds/burst-2024.ics") for tag in ("a", "b")]
        self.assertEqual(before[0][0]["etag"], before[1][0]["etag"])
        # Only a's files change and only a reloads: b must follow from the database.
        data = os.path.join(self.dir, "data-follow")
        shutil.copytree(self.data, data)
        plan = os.path.join(data, "plans", "burst-2024.toml")
        with open(plan, encoding="utf-8") as f:
            text = f.read()
        with open(plan, "w", encoding="utf-8") as f:
            f.write(text.replace('title = "任务7完成"', 'title = "任务7提前完成"'))
        self.stop("a")
        self.data, saved = data, self.data
        try:
            self.start("a", uri)  # a starts on the new files and imports them
        finally:
            self.data = saved
        self.wait_for(lambda: "任务7提前完成".encode() in self.curl("b", "/feeds/burst-2024.ics")[1],
                      "b to serve what a imported", "b", timeout=20)
        self.assertIn("following it", self.log("b"))
        after = [self.curl(tag, "/feeds/burst-2024.ics") for tag in ("a", "b")]
        self.assertEqual(after[0][1], after[1][1])
        self.assertEqual(after[0][0]["etag"], after[1][0]["etag"])
        self.assertNotEqual(after[0][0]["etag"], before[0][0]["etag"])
        self.assertIn("SEQUENCE:1", after[1][1].decode())

    def test_kill_9_in_a_burst_loses_nothing_and_repeats_only_what_was_in_flight(self):
        summary = []
        self.rounds_with_claims = 0
        for round_no in range(1, ROUNDS + 1):
            with self.subTest(round=round_no):
                try:
                    summary.append(self.one_round(round_no))
                finally:
                    self.stop_all()
        for line in summary:
            print(line, file=sys.stderr)
        self.assertGreater(self.rounds_with_claims, 0, "a never held claims at its kill")

    def one_round(self, round_no):
        with self.lock:
            self.received.clear()
        database = f"burst_{os.getpid()}_{round_no}"
        uri = self.new_database(database)
        for tag in INSTANCES:  # one after another: the first migrates and imports
            self.start(tag, uri)

        # The same bytes and ETag from each daemon, and all three in `status`.
        if round_no == 1:
            feeds = [self.curl(tag, "/feeds/burst-2024.ics") for tag in INSTANCES]
            self.assertTrue(feeds[0][1].startswith(b"BEGIN:VCALENDAR"))
            for headers, body in feeds[1:]:
                self.assertEqual(body, feeds[0][1])
                self.assertEqual(headers["etag"], feeds[0][0]["etag"])
            status = subprocess.run(
                [PLANCALCTL, "--socket", os.path.join(self.dir, f"admin-{database}-b.sock"),
                 "status"],
                capture_output=True, text=True, check=True).stdout
            self.assertIn("store: postgresql postgresql:///", status)
            with open(os.path.join(PG_DIR, "password")) as f:
                self.assertNotIn(f.read().strip(), status)
            self.assertIn("instance: b", status)
            for tag in INSTANCES:
                self.assertRegex(status, rf"\n  [ *] {tag} on ")
            # A fourth daemon under a live daemon's id is refused, naming the id.
            self.start("dup", uri, wait=False, instance="b")
            self.assertEqual(self.procs["dup"].wait(timeout=TIMEOUT), 1)
            self.assertIn("instance id b is in use by another running plancald", self.log("dup"))

        def held_by_a():
            return psql(self.base_uri, "SELECT message_id FROM outbox WHERE state = 'sending' "
                        "AND claimed_by = 'a'", database=database).split()

        # Kill a while it holds claims, once the burst is under way.
        self.wait_for(lambda: len(self.received) >= 30 and held_by_a(), "a to hold claims")
        self.procs["a"].send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        self.procs["a"].wait(timeout=10)
        in_flight = set(held_by_a())
        # a may have recorded its batch between the check and the kill: then this round tests
        # no takeover (the checks below still hold); the test asks for one round that does.
        self.rounds_with_claims += bool(in_flight)
        self.wait_for(lambda: not held_by_a(), "a's claims to be taken back", "b")
        failover = time.monotonic() - killed_at

        self.wait_for(lambda: len({m for _, m, _ in self.received}) >= UNITS,
                      f"{UNITS} distinct reminders", "b")
        burst = "kind = 'before_deadline'"  # the overdue notices come after the deadline
        expected = set(psql(self.base_uri, f"SELECT message_id FROM outbox WHERE {burst}",
                            database=database).split())
        self.assertEqual(len(expected), UNITS)
        time.sleep(LEASE + 1)  # anything sent twice late would arrive by now
        with self.lock:
            received = list(self.received)
        ids = Counter(m for _, m, _ in received)
        self.assertEqual(set(ids), expected, "a reminder was lost or one never planned sent")
        duplicated = {m for m, n in ids.items() if n > 1}
        self.assertLessEqual(duplicated, in_flight, "a duplicate that was not in flight at the kill")
        by_live = Counter(m for tag, m, _ in received if tag != "a")
        self.assertEqual([m for m, n in by_live.items() if n > 1], [],
                         "two live daemons sent the same reminder")
        by_a = Counter(m for tag, m, _ in received if tag == "a")
        self.assertEqual([m for m, n in by_a.items() if n > 1], [])
        sent = psql(self.base_uri, f"SELECT state, count(*) FROM outbox WHERE {burst} "
                    "GROUP BY state", database=database)
        self.assertEqual(sent, f"sent|{UNITS}")
        per = Counter(tag for tag, _, _ in received)
        return (f"scale-out round {round_no}: {len(received)} received, {len(ids)} distinct of "
                f"{UNITS}, {len(duplicated)} duplicate(s) of {len(in_flight)} in flight at the "
                f"kill; by daemon a={per['a']} b={per['b']} c={per['c']}; failover "
                f"{failover:.2f} s (lease {LEASE} s)")


if __name__ == "__main__":
    unittest.main()
