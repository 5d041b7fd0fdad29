"""Chat robots as a second channel, end to end with the real daemon, aiosmtpd and a local
robot server (tests/support/robot_server.py) that checks each API's request format and
signature and answers with its documented codes:
  - p9's 30-day reminders (units sbzx, ybj, swj, 2023-11-20 09:00) reach each unit's robot
    (WeCom, DingTalk signed, Feishu signed) as markdown with the same 办理 link as the
    unit's e-mail, and the weekly 情况通报 reaches the escalation unit's robot with its 督办
    link;
  - the robots are down when the reminders fall due: nothing is lost, each arrives once
    when they are back; DingTalk then rate-limits twice: retried, delivered once;
  - a revoked WeCom key (93000) fails that channel's row with the robot's message, and
    only that row: the unit's other robot and its e-mail are delivered;
  - messages to one robot are at least 60 s / per_minute apart;
  - `plancalctl units` lists each unit's robots without their URLs or secrets;
  - after a restart nothing is sent again; the log never holds a robot's key or secret."""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

from aiosmtpd.controller import Controller

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "support"))
from daemon_case import DaemonTestCase  # noqa: E402
from mail_inbox import Inbox, free_port  # noqa: E402
from robot_server import RobotServer  # noqa: E402

PLANCALD = os.environ["PLANCALD"]
PLANCALCTL = os.environ["PLANCALCTL"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
TIMEOUT = 60
PER_MINUTE = 30  # [robots] per_minute: 2 s apart

ROBOTS = {  # unit -> the TOML of its webhooks
    "sbzx": '[{ id = "group", kind = "wecom", url = "{wecom}?key=k-sbzx" }]',
    "ybj": '[{ id = "ding", kind = "dingtalk", url = "{ding}?access_token=t-ybj", '
           'secret = "SEC-ybj" }]',
    "swj": '[{ id = "fs", kind = "feishu", url = "{feishu}h-swj", secret = "fs-secret" }, '
           '{ id = "old", kind = "wecom", url = "{wecom}?key=k-revoked" }]',
    "fgw": '[{ id = "office", kind = "wecom", url = "{wecom}?key=k-fgw" }]',
}


def unescape(markdown):
    return re.sub(r"\\(.)", r"\1", markdown)


def reminder_keys(markdown):
    return re.findall(r"提醒编号：(\S+)", unescape(markdown))


class ChatRobots(DaemonTestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancal-robots-")
        self.addCleanup(shutil.rmtree, self.dir)
        self.robots = RobotServer().start()
        self.addCleanup(self.robots.stop)
        self.robots.wecom_keys = {"k-sbzx", "k-fgw"}
        self.robots.dingtalk = {"t-ybj": "SEC-ybj"}
        self.robots.feishu = {"h-swj": "fs-secret"}

        self.data = os.path.join(self.dir, "data")
        shutil.copytree(os.path.join(SRC, "data"), self.data)
        plan_path = os.path.join(self.data, "plans", "jinshan-2023.toml")
        with open(plan_path, encoding="utf-8") as f:
            plan = f.read()
        urls = {"wecom": self.robots.url("/cgi-bin/webhook/send"),
                "ding": self.robots.url("/robot/send"),
                "feishu": self.robots.url("/open-apis/bot/v2/hook/")}
        for unit, webhooks in ROBOTS.items():
            line = f'id = "{unit}"\n'
            assert plan.count(line) == 1, unit
            for name, url in urls.items():
                webhooks = webhooks.replace("{" + name + "}", url)
            plan = plan.replace(line, line + f"webhooks = {webhooks}\n")
        with open(plan_path, "w", encoding="utf-8") as f:
            f.write(plan)

        self.db = os.path.join(self.dir, "plancal.db")
        self.log_path = os.path.join(self.dir, "plancald.log")
        self.inbox = Inbox()
        self.smtp_port = free_port()
        controller = Controller(self.inbox, hostname="127.0.0.1", port=self.smtp_port)
        controller.start()
        self.addCleanup(controller.stop)
        self.config = os.path.join(self.dir, "plancal.toml")
        with open(self.config, "w") as f:
            f.write('[units]\nweekly_report = "mon 09:00"\n'
                    f"[robots]\nper_minute = {PER_MINUTE}\ntimeout = 5\n"
                    "[reminders]\nretry_base_seconds = 1\n")

    def start(self, now):
        self.start_daemon(
            [PLANCALD, "--listen", f"127.0.0.1:{free_port()}", "--data", self.data,
             "--db", self.db, "--now", now,
             "--admin-socket", os.path.join(self.dir, "admin.sock"),
             "--smtp", f"smtp://127.0.0.1:{self.smtp_port}",
             "--mail-from", "plancal@example.org", "--config", self.config])

    def row(self, item, unit, channel):
        with sqlite3.connect(self.db, timeout=10) as db:
            return db.execute(
                "SELECT state, attempts, last_error FROM outbox WHERE item_id = ? AND unit_id = ? "
                "AND channel = ? AND kind = 'before_deadline' AND escalated_unit = ''",
                (item, unit, channel)).fetchone()

    def email_link(self, unit):
        for m in self.inbox.messages:
            key = m["X-Plancal-Reminder-Key"] or ""
            if key.startswith("jinshan-2023.p9.") and key.split("/")[2] == unit:
                text = m.get_body(("plain",)).get_content()
                return re.search(r"^办理：(\S+?)\r?$", text, re.M).group(1)
        return None

    def p9_chat(self, robot):
        return [m for m in self.robots.messages(robot)
                if any(k.startswith("jinshan-2023.p9.") for k in reminder_keys(m.markdown))]

    def test_robots_close_the_loop(self):
        self.robots.down = True
        self.robots.rate_limit_next = {"dingtalk:t-ybj": 2}
        self.start("2023-11-20T08:59:57+08:00")

        # The operators see each unit's robots, never their URLs (they hold the keys).
        out = subprocess.run([PLANCALCTL, "units", "--json", "--socket",
                              os.path.join(self.dir, "admin.sock")],
                             capture_output=True, text=True, timeout=TIMEOUT, check=True).stdout
        units = {u["id"]: u for u in json.loads(out)}
        self.assertEqual(units["swj"]["webhooks"], [
            {"id": "fs", "kind": "feishu", "signed": True},
            {"id": "old", "kind": "wecom", "signed": False}])
        self.assertNotIn("k-revoked", out)
        self.assertNotIn("SEC-ybj", out)

        # The e-mails go out while every robot is down; the robots' rows wait and retry.
        self.wait_for(lambda: all(self.email_link(u) for u in ("sbzx", "ybj", "swj")),
                      "p9's e-mails")
        self.wait_for(lambda: self.robots.down_hits >= 4, "attempts during the outage")
        self.assertEqual(self.robots.received, [], "nothing accepted while down")
        # Waiting for its retry, or in the middle of one (answered 503 again).
        self.assertIn(self.row("p9", "sbzx", "group")[0], ("pending", "sending"))
        self.robots.down = False

        robots = {"sbzx": "wecom:k-sbzx", "ybj": "dingtalk:t-ybj", "swj": "feishu:h-swj"}
        self.wait_for(lambda: all(self.p9_chat(r) for r in robots.values()),
                      "p9's chat messages")
        for unit, robot in robots.items():
            chat = self.p9_chat(robot)
            self.assertEqual(len(chat), 1, (unit, [m.markdown for m in chat]))
            link = re.findall(r"^办理：\[[^\]]+\]\((\S+?)\)", chat[0].markdown, re.M)
            self.assertEqual(link, [self.email_link(unit)], chat[0].markdown)
            self.assertIn("【截止前提醒】", chat[0].markdown)
            self.assertTrue(chat[0].markdown.startswith("### "), chat[0].markdown)
        self.assertTrue(self.p9_chat("dingtalk:t-ybj")[0].title.startswith("【截止前提醒】"))

        # DingTalk's rate limit was answered twice and the row still got through.
        self.assertEqual([c for r, c in self.robots.refused if r == "dingtalk:t-ybj"],
                         [130101, 130101])
        state, attempts, _ = self.row("p9", "ybj", "ding")
        self.assertEqual(state, "sent")
        self.assertGreaterEqual(attempts, 3)

        # The revoked key fails its own row only, with WeCom's code and message.
        self.wait_for(lambda: (self.row("p9", "swj", "old") or [""])[0] == "failed",
                      "the revoked robot's row to fail")
        _, _, error = self.row("p9", "swj", "old")
        self.assertIn("93000", error)
        self.assertIn("invalid webhook url", error)
        self.assertEqual(self.row("p9", "swj", "fs")[0], "sent")
        self.assertEqual(self.row("p9", "swj", "")[0], "sent")

        # The weekly report reaches the escalation unit's robot, board link first.
        self.wait_for(lambda: any("情况通报" in m.markdown
                                  for m in self.robots.messages("wecom:k-fgw")), "the report")
        report = [m for m in self.robots.messages("wecom:k-fgw") if "情况通报" in m.markdown]
        self.assertEqual(len(report), 1)
        self.assertRegex(report[0].markdown,
                         r"督办：\[[^\]]+\]\(http://127\.0\.0\.1:\d+/board/jinshan-2023/"
                         r"[0-9a-f]{32}\)")
        self.assertLessEqual(len(report[0].markdown.encode()), 4096)

        # Paced: one robot's messages at least 60 s / per_minute apart (a little slack for
        # the network), however many were due together.
        spacing = 60 / PER_MINUTE
        for robot in {m.robot for m in self.robots.received}:
            times = [m.at for m in self.robots.messages(robot)]
            gaps = [b - a for a, b in zip(times, times[1:])]
            self.assertTrue(all(g >= spacing - 0.2 for g in gaps), (robot, gaps))

        # No key twice on any robot, and nothing again after a restart.
        self.wait_for(lambda: "reminders: planned" in self.log() and self.idle(), "idle outbox")
        before = len(self.robots.received)
        for robot in {m.robot for m in self.robots.received}:
            keys = [k for m in self.robots.messages(robot) for k in reminder_keys(m.markdown)]
            self.assertEqual(len(keys), len(set(keys)), robot)
        self.stop()
        self.start("2023-11-20T09:10:00+08:00")
        time.sleep(3)
        self.assertEqual(len(self.robots.received), before)

        # The log names robots by unit and id, never by their keys or secrets.
        for secret in ("k-sbzx", "k-revoked", "t-ybj", "SEC-ybj", "h-swj", "fs-secret"):
            self.assertNotIn(secret, self.log())
        self.assertIn("wecom robot old: wecom errcode 93000", self.log())

    def idle(self):
        with sqlite3.connect(self.db, timeout=10) as db:
            return db.execute(
                "SELECT count(*) FROM outbox WHERE state IN ('sending') OR (state = 'pending' "
                "AND due_at <= (SELECT max(updated) FROM outbox))").fetchone()[0] == 0


if __name__ == "__main__":
    unittest.main()
