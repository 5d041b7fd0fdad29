"""plancald delivers reminders to a real SMTP server (aiosmtpd on a loopback port):
  - the batch due at 2023-01-28 09:00 arrives on time, reminders missed before the start
    arrive marked late, with decodable headers, the MIME parts and the .ics attachment, each
    to the addresses of its unit;
  - kill -9 while a batch is being delivered (before the first DATA, mid-batch, right after
    a 250), then restart: every due reminder arrives; only a message in flight at a kill may
    arrive twice, and then with the same Message-ID;
  - with the SMTP server down at start, reminders back off (visible in the log) and all
    arrive, none twice, once it is up.
  - while a slow server takes a batch, the feeds are still served at once.
Needs the daemon with reminders wired (docs/.wiring-reminders.patch.txt): --smtp, --mail-from
and a configuration file that lowers [reminders] retry_base_seconds."""

import asyncio
import collections
import email
import email.policy
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import tomllib
import unittest
import urllib.request
from datetime import datetime

import icalendar
from aiosmtpd.controller import Controller

PLANCALD = os.environ["PLANCALD"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
TIMEOUT = 60
FAIR_KEY = "jinshan-2023.a1.4@plancal/2023-02-04/rsj/before_start/7"  # due 01-28 09:00


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def epoch(instant):
    return int(datetime.fromisoformat(instant).timestamp())


def unit_emails():
    with open(os.path.join(SRC, "data", "plans", "jinshan-2023.toml"), "rb") as f:
        plan = tomllib.load(f)
    return {unit["id"]: unit.get("emails", []) for unit in plan["units"]}


class Collector:
    """Keeps every accepted message; optionally slow, and a hook that may kill the daemon."""

    def __init__(self, delay=0.0):
        self.delay = delay
        self.accepted = []  # (message id, key, envelope)
        self.on_mail = None  # called at MAIL FROM
        self.on_data = None  # called at DATA with the message's number (1-based); returns
        #                      "before" (kill now, no 250) or "after" (kill after the 250)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.on_mail:
            self.on_mail()
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        action = self.on_data(len(self.accepted) + 1) if self.on_data else None
        if action == "before":
            return "451 4.3.0 dying"  # the daemon is killed already: nobody reads this
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.accepted.append((msg["Message-ID"].strip("<>"), msg["X-Plancal-Reminder-Key"],
                              envelope))
        if action == "after":
            asyncio.get_running_loop().call_later(0.005, self.kill)
        return "250 OK"

    kill = None


class ReminderDaemonCase(unittest.TestCase):
    now = None  # --now of the daemon: its clock starts there

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancald-reminders-")
        self.addCleanup(shutil.rmtree, self.dir)
        self.data = os.path.join(self.dir, "data")
        shutil.copytree(os.path.join(SRC, "data"), self.data)
        self.db = os.path.join(self.dir, "plancal.db")
        self.log_path = os.path.join(self.dir, "plancald.log")
        self.smtp_port = free_port()
        self.config = os.path.join(self.dir, "plancal.toml")
        with open(self.config, "w") as f:
            f.write("[reminders]\nretry_base_seconds = 1\n")
        self.proc = None
        self.addCleanup(self.stop_daemon)

    def start_smtp(self, handler):
        controller = Controller(handler, hostname="127.0.0.1", port=self.smtp_port)
        controller.start()
        self.addCleanup(controller.stop)
        handler.kill = self.kill_daemon

    def start_daemon(self):
        port = self.http_port = free_port()
        seen = len(self.log_text()) if os.path.exists(self.log_path) else 0
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [PLANCALD, "--listen", f"127.0.0.1:{port}", "--data", self.data, "--db", self.db,
                 "--now", self.now, "--smtp", f"smtp://127.0.0.1:{self.smtp_port}",
                 "--mail-from", "plancal@example.org", "--config", self.config],
                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + TIMEOUT
        while "reminders: outbox recovered" not in self.log_text()[seen:]:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.fail(f"plancald did not start:\n{self.log_text()}")
            time.sleep(0.05)

    def kill_daemon(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=TIMEOUT)

    def stop_daemon(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=TIMEOUT)

    def log_text(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def outbox(self):
        with sqlite3.connect(self.db, timeout=10) as db:
            return db.execute(
                "SELECT key, message_id, state, send_at, last_error, attempts FROM outbox"
            ).fetchall()

    def wait_until_delivered(self, due_by):
        """Until every row planned for `due_by` (epoch seconds) or earlier is settled:
        nothing pending (retries included) or sending."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            open_rows = [r for r in self.outbox()
                         if r[3] <= due_by and r[2] in ("pending", "sending")]
            if not open_rows:
                return
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.fail(f"{len(open_rows)} reminder(s) not delivered, e.g. {open_rows[:3]}\n"
                          f"{self.log_text()[-4000:]}")
            time.sleep(0.2)

    def check_all_sent_arrived(self, handler, due_by):
        rows = self.outbox()
        sent = {r[1] for r in rows if r[2] == "sent"}
        received = collections.Counter(mid for mid, _, _ in handler.accepted)
        self.assertFalse([r for r in rows if r[3] <= due_by and r[2] == "failed"])
        self.assertEqual(set(received), sent, "every sent row arrived, nothing else did")
        self.assertTrue(sent)
        keys = {}
        for mid, key, _ in handler.accepted:
            self.assertEqual(keys.setdefault(mid, key), key, "one key per Message-ID")
        return received


class OnTimeAndLate(ReminderDaemonCase):
    now = "2023-01-28T08:59:56+08:00"

    def test_batch_arrives_on_time_and_missed_ones_late_to_the_right_units(self):
        handler = Collector()
        self.start_smtp(handler)
        self.start_daemon()
        deadline = time.monotonic() + TIMEOUT
        while FAIR_KEY not in [key for _, key, _ in handler.accepted]:
            if time.monotonic() > deadline:
                self.fail(f"{FAIR_KEY} did not arrive:\n{self.log_text()}")
            time.sleep(0.1)
        self.wait_until_delivered(epoch("2023-01-28T09:00:00+08:00"))
        received = self.check_all_sent_arrived(handler, epoch("2023-01-28T09:00:00+08:00"))
        self.assertEqual(max(received.values()), 1, "nothing twice")

        emails = unit_emails()
        late_keys = []
        for _, key, envelope in handler.accepted:
            uid, occurrence, unit, kind, lead = key.split("/")[:5]
            self.assertEqual(envelope.mail_from, "plancal@example.org")
            self.assertEqual(envelope.rcpt_tos, emails[unit], key)
            msg = email.message_from_bytes(envelope.original_content,
                                           policy=email.policy.default)
            self.assertEqual(str(msg["To"]), ", ".join(emails[unit]))
            self.assertTrue(msg["Date"].startswith("Sat, 28 Jan 2023 0"), msg["Date"])
            subject = str(msg["Subject"])
            self.assertTrue(subject.startswith("【开始前提醒】" if kind == "before_start"
                                               else "【"), subject)
            self.assertEqual(msg.get_content_type(), "multipart/mixed")
            alternative, attachment = msg.get_payload()
            plain, html = alternative.get_payload()
            self.assertEqual(plain.get_content_type(), "text/plain")
            self.assertEqual(html.get_content_type(), "text/html")
            self.assertEqual(attachment.get_filename(), "activity.ics")
            cal = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
            events = [c for c in cal.walk() if c.name == "VEVENT"]
            self.assertEqual(len(events), 1)
            self.assertEqual(str(events[0]["UID"]), uid)
            if "迟发" in plain.get_content():
                late_keys.append(key)
        fair = [env for _, key, env in handler.accepted if key == FAIR_KEY][0]
        fair_msg = email.message_from_bytes(fair.original_content, policy=email.policy.default)
        self.assertTrue(fair_msg["Date"].startswith("Sat, 28 Jan 2023 09:00:"), fair_msg["Date"])
        self.assertNotIn(FAIR_KEY, late_keys)
        self.assertEqual(fair.rcpt_tos, ["rsj@jinshan.example.org"])
        self.assertTrue(late_keys, "reminders due before the start arrive marked late")
        skipped = [r for r in self.outbox() if r[2] == "skipped"]
        self.assertTrue(skipped)
        self.assertTrue(all(r[4].startswith("too late: ") for r in skipped), skipped[:3])
        print(f"\non time + late: {len(handler.accepted)} messages, {len(late_keys)} late, "
              f"{len(skipped)} skipped as too late")


class CrashDuringDelivery(ReminderDaemonCase):
    now = "2023-02-20T08:59:58+08:00"

    def test_reminders_long_past_are_summed_up_not_listed(self):
        self.now = "2026-12-01T09:00:00+08:00"
        self.start_smtp(Collector())
        self.start_daemon()
        deadline = time.monotonic() + TIMEOUT
        while "fell due before now: skipped" not in self.log_text():
            if time.monotonic() > deadline:
                self.fail(f"no summary of the skipped reminders:\n{self.log_text()}")
            time.sleep(0.1)
        log = self.log_text()
        summaries = [line for line in log.splitlines() if "fell due before now" in line]
        kinds = {re.search(r"\((\w+)\) fell due", line).group(1) for line in summaries}
        self.assertEqual(len(summaries), len(kinds), "one line per plan and kind")
        self.assertIn("before_start", kinds)
        self.assertNotIn("skipped: too late", log)  # single skips are debug lines
        self.assertLess(len([l for l in log.splitlines() if " info: " in l]), 20)

    def test_kill_9_at_several_points_loses_nothing(self):
        handler = Collector(delay=0.2)
        self.start_smtp(handler)
        in_flight = set()  # Message-IDs accepted just before a kill
        kills = []
        plan = [("mail", 0), ("before", 4), ("after", 8)]  # kill points, by accepted count

        for point, count in plan:
            done = []

            def on_mail(point=point, count=count, done=done):
                if point == "mail" and not done:
                    done.append(1)
                    self.kill_daemon()

            def on_data(number, point=point, count=count, done=done):
                if point != "mail" and not done and number > count:
                    done.append(1)
                    if point == "before":
                        self.kill_daemon()
                    return point
                return None

            handler.on_mail, handler.on_data = on_mail, on_data
            self.start_daemon()
            deadline = time.monotonic() + TIMEOUT
            while self.proc.poll() is None:
                if time.monotonic() > deadline:
                    self.fail(f"no kill at {point}:\n{self.log_text()}")
                time.sleep(0.05)
            if point == "after":
                in_flight.add(handler.accepted[-1][0])
            kills.append(f"{point}: {len(handler.accepted)} accepted")

        handler.on_mail = handler.on_data = None
        self.start_daemon()
        due_by = epoch(self.now) + 2
        self.wait_until_delivered(due_by)
        received = self.check_all_sent_arrived(handler, due_by)
        duplicates = {mid: n for mid, n in received.items() if n > 1}
        recovered = re.findall(r"outbox recovered: (\d+)", self.log_text())
        print(f"\ncrash test: kills ({'; '.join(kills)}), recovered at each start {recovered}; "
              f"{len(handler.accepted)} messages received, "
              f"{len(received)} distinct, {len(duplicates)} duplicate(s): {duplicates}")
        self.assertGreaterEqual(len(received), 9)
        self.assertLessEqual(set(duplicates), in_flight)
        self.assertTrue(all(n == 2 for n in duplicates.values()))
        self.assertIn("reminders: outbox recovered:", self.log_text())
        self.assertRegex(self.log_text(), r"outbox recovered: [1-9]\d* reminder")


class SmtpOutageAtStart(ReminderDaemonCase):
    now = "2023-02-20T08:59:58+08:00"

    def test_reminders_back_off_then_all_arrive_once(self):
        self.start_daemon()  # nothing listens on smtp_port yet
        deadline = time.monotonic() + TIMEOUT
        backoff = re.compile(r"reminder \S+: attempt (\d+) failed: .*; retrying in (\d+) s")
        while len({m.group(1) for m in backoff.finditer(self.log_text())}) < 2:
            if time.monotonic() > deadline:
                self.fail(f"no backoff in the log:\n{self.log_text()}")
            time.sleep(0.1)
        handler = Collector()
        self.start_smtp(handler)
        due_by = epoch(self.now) + 2
        self.wait_until_delivered(due_by)
        received = self.check_all_sent_arrived(handler, due_by)
        self.assertEqual(max(received.values()), 1, "nothing twice")
        lines = backoff.findall(self.log_text())
        self.assertTrue(any(int(attempt) >= 2 for attempt, _ in lines), lines[:5])
        print(f"\noutage: {len(received)} messages after {len(lines)} backoff line(s), "
              f"e.g. {backoff.search(self.log_text()).group(0)}")


class HungRelay:
    """An SMTP server that greets, answers EHLO, and then never answers MAIL FROM."""

    def __init__(self, port):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(8)
        self.hung = threading.Event()  # a MAIL FROM arrived and is left unanswered
        self.connections = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(conn)
            threading.Thread(target=self.talk, args=(conn,), daemon=True).start()

    def talk(self, conn):
        try:
            conn.sendall(b"220 hung.example ESMTP\r\n")
            data = b""
            while True:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
                if b"EHLO" in data or b"HELO" in data:
                    conn.sendall(b"250 hung.example\r\n")
                    data = b""
                if b"MAIL FROM" in data:
                    self.hung.set()  # and say nothing, ever
        except OSError:
            return

    def close(self):
        self.listener.close()
        for conn in self.connections:
            conn.close()


class HungRelayAtShutdown(ReminderDaemonCase):
    now = "2023-02-20T08:59:58+08:00"

    def test_sigterm_cuts_a_hung_transfer_off_and_the_next_start_sends_it(self):
        with open(self.config, "a") as f:
            f.write("[http]\nshutdown_timeout = 2\n")  # and [mail] response_timeout stays 30
        relay = HungRelay(self.smtp_port)
        self.addCleanup(relay.close)
        self.start_daemon()
        self.assertTrue(relay.hung.wait(TIMEOUT), f"no MAIL FROM:\n{self.log_text()}")
        t0 = time.monotonic()
        self.proc.terminate()
        self.proc.wait(timeout=TIMEOUT)
        elapsed = time.monotonic() - t0
        print(f"\nhung relay: SIGTERM to exit in {elapsed:.2f} s (shutdown_timeout 2 s)")
        self.assertLess(elapsed, 2 + 5, self.log_text()[-2000:])
        self.assertEqual(self.proc.returncode, 0)
        self.assertIn("aborted: the daemon is stopping", self.log_text())
        relay.close()

        # The next start, with a working relay (on a new port): the message cut off arrives.
        self.smtp_port = free_port()
        handler = Collector()
        self.start_smtp(handler)
        self.start_daemon()
        due_by = epoch(self.now) + 2
        self.wait_until_delivered(due_by)
        received = self.check_all_sent_arrived(handler, due_by)
        self.assertEqual(max(received.values()), 1, "nothing twice")


class HttpDuringSlowSmtp(ReminderDaemonCase):
    now = "2023-02-20T08:59:58+08:00"

    def test_feeds_are_served_while_a_slow_server_takes_the_batch(self):
        handler = Collector(delay=1.0)
        started = []
        handler.on_mail = lambda: started.append(time.monotonic())
        self.start_smtp(handler)
        self.start_daemon()
        deadline = time.monotonic() + TIMEOUT
        while not started:
            if time.monotonic() > deadline:
                self.fail(f"no delivery started:\n{self.log_text()}")
            time.sleep(0.05)
        latencies = []
        for _ in range(20):
            t0 = time.monotonic()
            url = f"http://127.0.0.1:{self.http_port}/feeds/jinshan-2023.ics"
            with urllib.request.urlopen(url, timeout=10) as response:
                self.assertEqual(response.status, 200)
                response.read()
            latencies.append(time.monotonic() - t0)
            time.sleep(0.05)
        self.assertLess(len(handler.accepted), 13, "the batch was still being delivered")
        print(f"\nHTTP during slow SMTP (1 s per message): max {max(latencies) * 1000:.0f} ms "
              f"over {len(latencies)} feed requests")
        self.assertLess(max(latencies), 0.5)


if __name__ == "__main__":
    unittest.main()
