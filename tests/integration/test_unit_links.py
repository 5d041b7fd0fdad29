"""The units close the loop, end to end with the real daemon, aiosmtpd and curl:
  - the 30-day reminders of item p9 (units sbzx, ybj, swj) arrive at 2023-11-20 09:00, each
    with its own "办理：<URL>" line in the text and the HTML part;
  - GET shows the unit's page; a tampered token is the 404 of an unknown path and stores
    nothing; POST action=receipt / progress answer 303 and the page shows the new state;
  - POST action=done cancels swj's remaining reminders of p9 (outbox rows cancelled) while
    sbzx and ybj keep theirs;
  - ybj asks for an extension, `plancalctl extensions` lists it, `approve-extension` moves
    ybj's reminders of p9 to the new date, and ybj's page shows the decision;
  - kill -9 right after a POST loses no action: after the restart it is there and the
    re-plan honours it;
  - the 督办 board (`plancalctl board-link`) in headless Chromium holds the states after
    these POSTs, and a red light once the daemon's clock is past the due date; a screenshot
    is kept in test-artifacts/board.png;
  - `plancalctl link-secret rotate` makes every old link a 404."""

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
from html.parser import HTMLParser

import icalendar
from aiosmtpd.controller import Controller

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "support"))
from daemon_case import DaemonTestCase  # noqa: E402
from mail_inbox import Inbox, free_port  # noqa: E402

PLANCALD = os.environ["PLANCALD"]
PLANCALCTL = os.environ["PLANCALCTL"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(PLANCALD)), "test-artifacts")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT = 60
P9_UNITS = ("sbzx", "ybj", "swj")


class Dom(HTMLParser):
    """The attributes of every <tr> of a dumped DOM."""

    def __init__(self, html):
        super().__init__()
        self.rows = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append(dict(attrs))


def link_of(message):
    """The URL of the 办理 line, from the text part; the HTML part must link the same."""
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    found = re.findall(r"^办理：(\S+)\r?$", text, re.M)
    assert len(found) == 1, text
    assert f'href="{found[0]}"' in html, html
    return found[0]


class UnitLinks(DaemonTestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancal-units-")
        self.addCleanup(shutil.rmtree, self.dir)
        self.data = os.path.join(self.dir, "data")
        shutil.copytree(os.path.join(SRC, "data"), self.data)
        self.db = os.path.join(self.dir, "plancal.db")
        self.socket = os.path.join(self.dir, "admin.sock")
        self.log_path = os.path.join(self.dir, "plancald.log")
        self.inbox = Inbox()
        self.smtp_port = free_port()
        controller = Controller(self.inbox, hostname="127.0.0.1", port=self.smtp_port)
        controller.start()
        self.addCleanup(controller.stop)
        self.config = os.path.join(self.dir, "plancal.toml")
        with open(self.config, "w") as f:
            f.write('[units]\nweekly_report = "mon 09:00"\n')

    def start(self, now):
        self.port = free_port()
        self.start_daemon(
            [PLANCALD, "--listen", f"127.0.0.1:{self.port}", "--data", self.data,
             "--db", self.db, "--now", now, "--admin-socket", self.socket,
             "--smtp", f"smtp://127.0.0.1:{self.smtp_port}",
             "--mail-from", "plancal@example.org", "--config", self.config])

    def local(self, url):
        """The daemon's URL for a link (its base URL is the listen address already)."""
        return re.sub(r"^http://127\.0\.0\.1:\d+", f"http://127.0.0.1:{self.port}", url)

    def curl(self, url, *args):
        out = subprocess.run(
            ["curl", "-s", "-o", "-", "-w", "\n%{http_code} %{redirect_url}", *args,
             self.local(url)], capture_output=True, timeout=TIMEOUT, check=True).stdout
        body, _, tail = out.rpartition(b"\n")
        status, _, location = tail.decode().partition(" ")
        return int(status), location, body.decode("utf-8", "replace")

    def post(self, url, **fields):
        args = []
        for name, value in fields.items():
            args += ["--data-urlencode", f"{name}={value}"]
        return self.curl(url, *args)

    def ctl(self, *args):
        proc = subprocess.run([PLANCALCTL, *args, "--socket", self.socket],
                              capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout

    def rows(self, item, unit):
        with sqlite3.connect(self.db, timeout=10) as db:
            return db.execute(
                "SELECT kind, occurrence, state FROM outbox WHERE item_id = ? AND unit_id = ?"
                " AND escalated_unit = ''", (item, unit)).fetchall()

    def count(self, table):
        with sqlite3.connect(self.db, timeout=10) as db:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def wait_for_p9_mail(self):
        deadline = time.monotonic() + TIMEOUT
        while True:
            links = {}
            for m in self.inbox.messages:
                key = m["X-Plancal-Reminder-Key"] or ""
                unit = key.split("/")[2] if key.count("/") >= 2 else ""
                if key.startswith("jinshan-2023.p9.") and unit in P9_UNITS:
                    links[unit] = link_of(m)
            if len(links) == len(P9_UNITS):
                return links
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.fail(f"p9 reminders did not all arrive: {sorted(links)}\n{self.log()[-3000:]}")
            time.sleep(0.2)

    def reports(self):
        return [m for m in self.inbox.messages
                if (m["X-Plancal-Reminder-Key"] or "").startswith("jinshan-2023.report@plancal/")]

    def wait_for_report(self):
        """The week's report is due at the same minute as p9's reminders, and may be sent after
        them: wait for it rather than race the delivery loop."""
        deadline = time.monotonic() + TIMEOUT
        while not self.reports():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.fail(f"the weekly report did not arrive\n{self.log()[-3000:]}")
            time.sleep(0.2)
        return self.reports()

    def dom(self, url):
        profile = tempfile.mkdtemp(prefix="plancal-chromium-")
        try:
            proc = subprocess.run(
                [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 f"--user-data-dir={profile}", "--dump-dom", self.local(url)],
                capture_output=True, timeout=90)
            self.assertEqual(proc.returncode, 0, proc.stderr[-2000:])
            return proc.stdout.decode()
        finally:
            shutil.rmtree(profile, ignore_errors=True)

    def screenshot(self, url, png):
        profile = tempfile.mkdtemp(prefix="plancal-chromium-")
        try:
            subprocess.run(
                [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 "--no-first-run", f"--user-data-dir={profile}", "--window-size=1100,1400",
                 f"--screenshot={png}", self.local(url)], capture_output=True, timeout=90)
        finally:
            shutil.rmtree(profile, ignore_errors=True)

    def board_rows(self, url):
        return {(r.get("data-item"), r.get("data-unit")): r for r in Dom(self.dom(url)).rows
                if r.get("data-item")}

    @unittest.skipIf(CHROMIUM is None, "chromium is not installed (.ci/install-deps installs it)")
    def test_the_loop(self):
        self.start("2023-11-20T08:59:57+08:00")
        links = self.wait_for_p9_mail()
        self.assertEqual(len(set(links.values())), 3, "one link per unit")
        swj, ybj, sbzx = links["swj"], links["ybj"], links["sbzx"]
        self.assertRegex(swj, r"/work/jinshan-2023/p9/swj/[0-9a-f]{32}$")

        # The weekly 情况通报 to the plan's escalation unit (区发改委), Monday 09:00.
        reports = self.wait_for_report()
        self.assertEqual(len(reports), 1, [m["Subject"] for m in reports])
        self.assertEqual(reports[0]["To"], "fgw@jinshan.example.org")
        self.assertEqual(reports[0]["X-Plancal-Reminder-Key"],
                         "jinshan-2023.report@plancal/2023-11-20/fgw/report/0")
        report = reports[0].get_body(("plain",)).get_content()
        self.assertIn("【红灯、黄灯事项（按单位）】", report)
        self.assertIn("[红] 5.", report)  # p5, due 2023-06-30, never signed for
        self.assertIn("【尚未签收】", report)
        self.assertRegex(report, r"督办：http://127\.0\.0\.1:\d+/board/jinshan-2023/[0-9a-f]{32}")

        # The page, and a tampered token: the 404 of an unknown path, nothing stored.
        status, _, page = self.curl(swj)
        self.assertEqual(status, 200)
        self.assertIn('data-state="not_received"', page)
        self.assertIn("缓缴社会保险费补缴截止", page)
        self.assertIn("截止2023年12月31日", page)  # the precision the plan gives
        unknown = self.curl(f"http://127.0.0.1:{self.port}/no/such/page")
        tampered = swj[:-1] + ("0" if swj[-1] != "0" else "1")
        self.assertEqual(self.curl(tampered)[0::2], unknown[0::2])
        actions_before, audit_before = self.count("unit_actions"), self.count("audit_log")
        self.assertEqual(self.post(tampered, action="done")[0], 404)
        self.assertEqual(self.post(swj.replace("/swj/", "/ybj/"), action="done")[0], 404)
        self.assertEqual((self.count("unit_actions"), self.count("audit_log")),
                         (actions_before, audit_before))

        # Receipt and progress: 303 back to the page, which shows them.
        status, location, _ = self.post(swj, action="receipt")
        self.assertEqual((status, location), (303, swj + "?posted=receipt"))
        self.assertEqual(self.post(swj, action="receipt")[1], swj + "?posted=repeat")
        self.assertEqual(self.post(swj, action="progress", note="已通知参保单位 补缴")[0], 303)
        status, _, page = self.curl(swj)
        self.assertIn('data-state="in_progress"', page)
        self.assertIn("已通知参保单位 补缴", page)

        # Done: swj's remaining reminders of p9 are cancelled, the others' are not.
        pending = [r for r in self.rows("p9", "swj") if r[2] == "pending"]
        self.assertEqual(len(pending), 3, self.rows("p9", "swj"))  # 7-day, 1-day, overdue
        self.assertEqual(self.post(swj, action="done", note="已全部办结")[0], 303)
        # The planner thread re-plans right after the post (the loop claims nothing meanwhile).
        self.wait_for(lambda: not [r for r in self.rows("p9", "swj") if r[2] == "pending"],
                      "swj's p9 reminders to be cancelled", timeout=10)
        self.assertEqual(sum(r[2] == "cancelled" for r in self.rows("p9", "swj")), 3)
        for unit in ("sbzx", "ybj"):
            self.assertEqual(sum(r[2] == "pending" for r in self.rows("p9", unit)), 3, unit)
        shown = self.ctl("show", "p9", "--json")
        self.assertIn('"action": "done"', shown)
        self.assertIn('"client": "127.0.0.1"', shown)

        # An extension for ybj: requested on its page, approved by an operator.
        self.assertEqual(self.post(ybj, action="extend", until="2024-01-31",
                                   note="年底集中申报，需延期一个月")[0], 303)
        self.assertIn("2024-01-31", self.ctl("extensions"))
        listed = json.loads(self.ctl("extensions", "--json"))
        self.assertEqual([(e["unit"], e["until"], e["state"]) for e in listed],
                         [("ybj", "2024-01-31", "pending")])
        request_id = str(listed[0]["id"])
        self.assertIn("approved", self.ctl("approve-extension", request_id, "--note", "同意"))
        self.wait_for(lambda: {r[1] for r in self.rows("p9", "ybj") if r[2] == "pending"} ==
                      {"2024-01-31"}, "ybj's reminders to move to the approved date", timeout=10)
        self.assertEqual({r[1] for r in self.rows("p9", "sbzx") if r[2] == "pending"},
                         {"2023-12-31"})
        self.assertIn('data-state="approved"', self.curl(ybj)[2])
        # The feeds keep the plan's date and say so in DESCRIPTION (python-icalendar reads it).
        status, _, feed = self.curl(f"http://127.0.0.1:{self.port}/feeds/jinshan-2023.ics")
        self.assertEqual(status, 200)
        events = [e for e in icalendar.Calendar.from_ical(feed).walk("VEVENT")
                  if str(e["UID"]).startswith("jinshan-2023.p9.")]
        self.assertEqual(len(events), 1)
        self.assertIn("已批准延期：区医保局 至 2024-01-31", str(events[0]["DESCRIPTION"]))
        self.assertEqual(events[0].decoded("DTEND").isoformat(), "2024-01-01")  # unchanged

        # kill -9 right after a POST: the action and its acknowledgement survive.
        self.assertEqual(self.post(sbzx, action="done")[0], 303)
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=TIMEOUT)
        self.start("2023-11-21T10:00:00+08:00")
        self.assertIn('data-state="done"', self.curl(sbzx)[2])
        time.sleep(1)
        self.assertEqual(len(self.reports()), 1, "the week's report is not sent again")
        self.assertFalse([r for r in self.rows("p9", "sbzx") if r[2] == "pending"])

        # The board in Chromium: the states after these POSTs.
        board = self.ctl("board-link", "jinshan-2023").strip()
        rows = self.board_rows(board)
        self.assertEqual(rows[("p9", "swj")]["data-state"], "done")
        self.assertEqual(rows[("p9", "swj")]["data-light"], "green")
        self.assertEqual(rows[("p9", "ybj")]["data-state"], "extended")
        self.assertEqual(rows[("p9", "sbzx")]["data-state"], "done")
        self.assertEqual(rows[("p5", "czj")]["data-state"], "not_received")
        self.assertEqual(rows[("p5", "czj")]["data-light"], "red")  # due 2023-06-30
        os.makedirs(ARTIFACTS, exist_ok=True)
        self.screenshot(board, os.path.join(ARTIFACTS, "board.png"))
        self.screenshot(swj, os.path.join(ARTIFACTS, "unit-page.png"))
        self.assertEqual(self.curl(board + "-")[0], 404)

        # Rotating the link secret makes every old link a 404.
        self.ctl("link-secret", "rotate")
        self.assertEqual(self.curl(swj)[0], 404)
        self.assertEqual(self.curl(board)[0], 404)
        self.assertEqual(self.curl(self.ctl("board-link", "jinshan-2023").strip())[0], 200)


if __name__ == "__main__":
    unittest.main()
