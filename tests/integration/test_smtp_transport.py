"""The SMTP transport against a real SMTP server (aiosmtpd) on a loopback port: the
send_test_mail driver composes reminder messages for a sample unit and sends them through
SmtpTransport. Checks that every message arrives intact (headers, Chinese subject, MIME
structure, the .ics attachment), over one connection, and how failures are classified:
no listener → transient, 550 to RCPT → permanent, 451 to DATA → transient."""

import email
import email.header
import email.policy
import os
import re
import socket
import subprocess
import time
import unittest

import icalendar
from aiosmtpd.controller import Controller

DRIVER = os.environ["SEND_TEST_MAIL"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collector:
    """Keeps every envelope and counts EHLO/HELO: curl greets once per connection."""

    def __init__(self, rcpt_reply=None, data_reply=None):
        self.envelopes = []
        self.greetings = 0
        self.sessions = set()
        self.rcpt_reply = rcpt_reply
        self.data_reply = data_reply

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.greetings += 1
        session.host_name = hostname
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        self.greetings += 1
        session.host_name = hostname
        return "250 {}".format(server.hostname)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        self.sessions.add(id(session))
        self.envelopes.append(envelope)
        return "250 OK"


def run_driver(*args, timeout=60):
    started = time.monotonic()
    proc = subprocess.run([DRIVER, *args], capture_output=True, text=True, timeout=timeout)
    return proc, time.monotonic() - started


def parse_output(stdout):
    ids = dict(re.findall(r"^message (\d+) (\S+)$", stdout, re.M))
    results = {int(i): (kind, error) for i, kind, error in
               re.findall(r"^result (\d+) (\w+) ?(.*)$", stdout, re.M)}
    connections = int(re.search(r"^connections (\d+)$", stdout, re.M).group(1))
    return {int(k): v for k, v in ids.items()}, results, connections


class SmtpServerCase(unittest.TestCase):
    handler_args = {}

    def setUp(self):
        self.handler = Collector(**self.handler_args)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        self.addCleanup(self.controller.stop)
        self.url = "smtp://127.0.0.1:{}".format(self.port)


class Delivery(SmtpServerCase):
    N = 12

    def send(self):
        proc, _ = run_driver("--url", self.url, "--count", str(self.N))
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        return parse_output(proc.stdout)

    def test_all_messages_arrive_over_one_connection(self):
        ids, results, connections = self.send()
        self.assertEqual(len(self.handler.envelopes), self.N)
        self.assertTrue(all(kind == "ok" for kind, _ in results.values()), results)
        self.assertEqual(self.handler.greetings, 1)
        self.assertEqual(len(self.handler.sessions), 1)
        self.assertEqual(connections, 1)
        for envelope in self.handler.envelopes:
            self.assertEqual(envelope.mail_from, "plancal@example.gov.cn")
            self.assertEqual(envelope.rcpt_tos,
                             ["rsj@example.gov.cn", "rsj-office@example.gov.cn"])
        self.assertEqual(len(set(ids.values())), self.N)

    def test_headers_decode_and_message_ids_match_the_driver(self):
        ids, _, _ = self.send()
        seen = {}
        for envelope in self.handler.envelopes:
            raw = envelope.original_content
            self.assertNotIn(b"\n", raw.replace(b"\r\n", b""), "bare LF")
            self.assertTrue(all(len(line) <= 998 for line in raw.split(b"\r\n")))
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            subject = "".join(
                part.decode(charset) if isinstance(part, bytes) else part
                for part, charset in email.header.decode_header(envelope_header(raw, "Subject")))
            number = int(re.search(r"第(\d+)场", subject).group(1))
            self.assertEqual(subject,
                             "【开始前提醒】就业招聘会 第{}场（距开始还有 2 个工作日）".format(number))
            self.assertEqual(str(msg["Subject"]), subject)
            self.assertEqual(msg["Message-ID"], "<{}>".format(ids[number]))
            self.assertEqual(str(msg["From"]), "金山区行动方案日历 <plancal@example.gov.cn>")
            self.assertEqual(msg["Date"], "Mon, 05 Jun 2023 09:00:00 +0800")
            self.assertTrue(msg["X-Plancal-Reminder-Key"].endswith("/rsj/before_start/2"))
            seen[number] = msg["Message-ID"]
        self.assertEqual(sorted(seen), list(range(1, self.N + 1)))
        self.assertEqual(len(set(seen.values())), self.N)

    def test_multipart_structure_and_calendar_attachment(self):
        self.send()
        msg = email.message_from_bytes(self.handler.envelopes[0].original_content,
                                       policy=email.policy.default)
        self.assertEqual(msg.get_content_type(), "multipart/mixed")
        alternative, attachment = msg.get_payload()
        self.assertEqual(alternative.get_content_type(), "multipart/alternative")
        plain, html = alternative.get_payload()
        self.assertEqual(plain.get_content_type(), "text/plain")
        self.assertEqual(html.get_content_type(), "text/html")
        text = plain.get_content()
        self.assertIn("就业招聘会", text)
        self.assertIn("区人社局（牵头） 电话：57921234", text)
        self.assertIn("https://plancal.example.gov.cn/feeds/jinshan-2023-unit-rsj.ics", text)
        self.assertIn("&lt;现场&gt; &amp; 直播带岗", html.get_content())
        self.assertNotIn("<现场>", html.get_content())
        self.assertEqual(attachment.get_content_type(), "text/calendar")
        self.assertEqual(attachment.get_param("method"), "PUBLISH")
        self.assertEqual(attachment.get_filename(), "activity.ics")
        self.assertEqual(attachment.get_content_disposition(), "attachment")
        cal = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
        self.assertEqual(str(cal["METHOD"]), "PUBLISH")
        events = [c for c in cal.walk() if c.name == "VEVENT"]
        self.assertEqual(len(events), 1)
        self.assertIn("就业招聘会 第", str(events[0]["SUMMARY"]))


def envelope_header(raw, name):
    """The raw (still encoded, unfolded) header value, for email.header.decode_header."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    match = re.search(r"^{}: ([^\r\n]*(?:\r\n [^\r\n]*)*)".format(name), head, re.M)
    return match.group(1).replace("\r\n", "")


class NoServer(unittest.TestCase):
    def test_connection_refused_is_transient_and_quick(self):
        proc, elapsed = run_driver("--url", "smtp://127.0.0.1:{}".format(free_port()),
                                   "--count", "1")
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        _, results, connections = parse_output(proc.stdout)
        kind, error = results[1]
        self.assertEqual(kind, "transient")
        self.assertIn("SMTP reply 0", error)
        self.assertEqual(connections, 0)
        self.assertLess(elapsed, 5)


class RecipientRefused(SmtpServerCase):
    handler_args = {"rcpt_reply": "550 5.1.1 mailbox unavailable"}

    def test_550_to_rcpt_is_permanent(self):
        proc, _ = run_driver("--url", self.url, "--count", "1")
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        _, results, _ = parse_output(proc.stdout)
        kind, error = results[1]
        self.assertEqual(kind, "permanent")
        self.assertIn("SMTP reply 550", error)
        self.assertEqual(self.handler.envelopes, [])


class DataDeferred(SmtpServerCase):
    handler_args = {"data_reply": "451 4.3.0 try again later"}

    def test_451_to_data_is_transient(self):
        proc, _ = run_driver("--url", self.url, "--count", "2")
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        _, results, _ = parse_output(proc.stdout)
        self.assertEqual([kind for kind, _ in results.values()], ["transient", "transient"])
        self.assertIn("SMTP reply 451", results[1][1])


if __name__ == "__main__":
    unittest.main()
