"""plancald's admin socket as a real process: every command through plancalctl (tables and
--json) and through a raw AF_UNIX client, a broken reload that keeps the served bytes and
names file:line, a good reload that changes the ETag, malformed requests that leave the
daemon working, a uid that SO_PEERCRED refuses, and a stale socket file after a crash."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest

PLANCALD = os.environ["PLANCALD"]
PLANCALCTL = os.environ["PLANCALCTL"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
PLAN_ID = "jinshan-2023"
PLAN_FILE = os.path.join("plans", PLAN_ID + ".toml")
ITEM, UNIT = "a1", "rsj"  # an item with activities, and its responsible unit
TIMEOUT = 10
MAX_REQUEST = 64 * 1024


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RawClient:
    """One AF_UNIX connection speaking JSON lines."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(TIMEOUT)
        self.sock.connect(path)
        self.buffer = b""

    def send(self, data):
        self.sock.sendall(data)

    def line(self):
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("connection closed; unanswered: %r" % self.buffer[:100])
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def call(self, command, args=None, request_id=1):
        request = {"id": request_id, "command": command}
        if args is not None:
            request["args"] = args
        self.send(json.dumps(request).encode() + b"\n")
        return self.line()

    def closed(self):
        """True once the daemon has closed the connection."""
        try:
            return self.sock.recv(1) == b""
        except ConnectionResetError:
            return True

    def close(self):
        self.sock.close()


class AdminSocket(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancald-admin-")
        self.data = os.path.join(self.dir, "data")
        shutil.copytree(os.path.join(SRC, "data"), self.data)
        self.socket = os.path.join(self.dir, "admin.sock")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.dir, "plancald.log")
        self.log = open(self.log_path, "ab")
        self.proc = self.start_daemon()
        if self.proc.poll() is not None or not os.path.exists(self.socket):
            log = self.log_text()
            self.discard()  # tearDown does not run when setUp fails
            self.fail(f"plancald did not come up with its admin socket:\n{log}")

    def discard(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=TIMEOUT)
        self.log.close()
        shutil.rmtree(self.dir)

    def start_daemon(self):
        proc = subprocess.Popen(
            [PLANCALD, "--listen", f"127.0.0.1:{self.port}", "--data", self.data,
             "--db", os.path.join(self.dir, "plancal.db"), "--now", "2023-05-01T09:00",
             "--admin-socket", self.socket],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while self.curl("/healthz", check=False)[0] != 200:
            if proc.poll() is not None or time.monotonic() > deadline:
                return proc
            time.sleep(0.1)
        # The admin socket opens before the feeds are served; allow for a slow file system.
        deadline = time.monotonic() + 2
        while not os.path.exists(self.socket) and time.monotonic() < deadline:
            time.sleep(0.05)
        return proc

    def tearDown(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.assertEqual(self.proc.wait(timeout=TIMEOUT), 0)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self.fail("plancald did not stop on SIGTERM")
        self.log.close()
        shutil.rmtree(self.dir)

    def log_text(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def curl(self, path, check=True):
        """(status, ETag, body bytes) of one GET."""
        head = os.path.join(self.dir, "headers")
        proc = subprocess.run(
            ["curl", "-sS", "--max-time", str(TIMEOUT), "-D", head, "-o", "-", self.base + path],
            capture_output=True, timeout=TIMEOUT + 5)
        if proc.returncode != 0:
            if check:
                self.fail(f"curl {path}: {proc.stderr!r}")
            return 0, None, b""
        with open(head, encoding="latin-1") as f:
            lines = f.read().splitlines()
        status = int(lines[0].split()[1])
        etag = next((l.split(":", 1)[1].strip() for l in lines if l.lower().startswith("etag:")),
                    None)
        return status, etag, proc.stdout

    def ctl(self, *args, expect=0):
        proc = subprocess.run([PLANCALCTL, *args, "--socket", self.socket],
                              capture_output=True, text=True, timeout=60)
        if expect is not None:
            self.assertEqual(proc.returncode, expect,
                             f"plancalctl {' '.join(args)}: {proc.stdout}{proc.stderr}")
        return proc

    def ctl_json(self, *args):
        return json.loads(self.ctl(*args, "--json").stdout)

    def raw(self):
        client = RawClient(self.socket)
        self.addCleanup(client.close)
        return client

    def assert_alive(self):
        self.assertIsNone(self.proc.poll(), self.log_text())
        self.assertTrue(self.raw().call("status")["ok"])
        self.assertEqual(self.curl("/healthz")[0], 200)

    # --- every command -------------------------------------------------------------

    def test_every_command_through_plancalctl(self):
        status = self.ctl_json("status")
        self.assertEqual(status["plans"], 1)
        self.assertIn("data version", self.ctl("status").stdout)
        self.assertEqual(self.ctl_json("plans")[0]["id"], PLAN_ID)
        self.assertIn("金山区", self.ctl("plans").stdout)
        self.assertIn("区人社局", self.ctl("units").stdout)
        self.assertTrue(any(i["id"] == ITEM for i in self.ctl_json("items", "--unit", UNIT)))
        self.assertIn("区人社局", self.ctl("items", "--category", "job_fair").stdout)
        upcoming = self.ctl_json("upcoming", "--days", "60", "--unit", UNIT)
        self.assertTrue(upcoming["activities"])
        self.assertIn("招聘活动", self.ctl("upcoming", "--category", "job_fair").stdout)
        shown = self.ctl_json("show", ITEM)
        self.assertEqual(shown["item"]["id"], ITEM)
        self.assertTrue(shown["activities"])
        self.assertIn("activities:", self.ctl("show", ITEM).stdout)
        self.assertGreaterEqual(self.ctl_json("reload")["data_version"], 1)
        self.assertIsInstance(self.ctl_json("outbox", "--from", "2023-05-01"), list)
        self.ctl("outbox", "--state", "pending", "--limit", "5")
        self.assertTrue(self.ctl_json("ack", ITEM, UNIT, "--note", "已办结")["new"])
        self.assertEqual(self.ctl_json("show", ITEM)["acknowledgements"][0]["note"], "已办结")
        self.ctl("unack", ITEM, UNIT)
        self.ctl("unack", ITEM, UNIT, expect=1)
        reminders = self.ctl_json("outbox", "--state", "pending", "--limit", "1")
        if reminders:
            self.ctl("snooze", reminders[0]["key"], "2023-12-01T09:00")
        self.assertIn("not_found", self.ctl("snooze", "no/such/key", "2023-12-01", expect=1).stderr)
        self.assertTrue(self.ctl_json("pause-mail")["mail_paused"])
        self.assertTrue(self.ctl_json("status")["mail_paused"])
        self.assertIn("resumed", self.ctl("resume-mail").stdout)
        self.assertEqual(self.ctl_json("retry", "--unit", UNIT)["retried"], 0)
        # The reply comes once the message is in the spool (beside the database).
        test = subprocess.run([PLANCALCTL, "send-test", UNIT, "--socket", self.socket, "--json"],
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(test.returncode, 0, test.stderr)
        message_id = json.loads(test.stdout)["message_id"]
        spooled = os.listdir(os.path.join(self.dir, "mail-spool"))
        self.assertTrue(any(message_id.split("@")[0] in name for name in spooled),
                        (message_id, spooled))
        self.assertIn("token=", self.ctl("feed-token", "show", UNIT).stdout)
        self.assertIn("debug", self.ctl("log-level", "debug").stdout)
        self.ctl("log-level", "info")
        audit = self.ctl_json("audit", "--limit", "100")
        commands = {entry["command"] for entry in audit}
        for command in ("reload", "ack", "unack", "pause-mail", "resume-mail", "retry",
                        "send-test", "feed-token", "log-level"):
            self.assertIn(command, commands)
        self.assertTrue(all(entry["uid"] == os.getuid() for entry in audit))
        self.assertIn("feed-token", self.ctl("audit").stdout)

    def test_every_command_through_a_raw_socket(self):
        client = self.raw()
        requests = [
            ("status", None), ("plans", None), ("units", {"plan": PLAN_ID}),
            ("items", {"unit": UNIT}), ("upcoming", {"days": 30}), ("show", {"item": ITEM}),
            ("reload", None), ("reminders", {"limit": 10}),
            ("ack", {"item": ITEM, "unit": UNIT}), ("unack", {"item": ITEM, "unit": UNIT}),
            ("pause-mail", None), ("resume-mail", None), ("retry", {}),
            ("feed-token", {"action": "show", "unit": UNIT}), ("log-level", {"level": "info"}),
            ("audit", {"limit": 5}),
        ]
        for n, (command, args) in enumerate(requests):
            response = client.call(command, args, request_id=f"r{n}")
            self.assertEqual(response["id"], f"r{n}")
            self.assertTrue(response["ok"], (command, response))
        snooze = client.call("snooze", {"key": "x/y", "until": "2023-12-01"})
        self.assertEqual(snooze["error"]["code"], "not_found")
        send_test = client.call("send-test", {"unit": UNIT})
        self.assertTrue(send_test["ok"] or send_test["error"]["code"] == "delivery_failed")
        # Pipelined: three requests in one write, three answers in order.
        client.send(b"".join(json.dumps({"id": i, "command": "status"}).encode() + b"\n"
                             for i in range(3)))
        self.assertEqual([client.line()["id"] for _ in range(3)], [0, 1, 2])

    def test_feed_token_rotate_retires_the_old_url(self):
        old = self.ctl("feed-token", "show", UNIT).stdout.strip()
        path = old[old.index("/feeds/"):]
        self.assertEqual(self.curl(path)[0], 200)
        new = self.ctl("feed-token", "rotate", UNIT).stdout.strip()
        self.assertNotEqual(new, old)
        self.assertNotEqual(self.curl(path)[0], 200)
        self.assertEqual(self.curl(new[new.index("/feeds/"):])[0], 200)

    # --- reload --------------------------------------------------------------------

    def test_broken_reload_keeps_the_served_bytes_and_names_the_line(self):
        status, etag, body = self.curl(f"/feeds/{PLAN_ID}.ics")
        self.assertEqual(status, 200)
        _, _, index = self.curl("/feeds.json")
        with open(os.path.join(self.data, PLAN_FILE), "a", encoding="utf-8") as f:
            f.write("\n[[items]]\nid = \n")
        proc = self.ctl("reload", expect=1)
        self.assertRegex(proc.stderr, re.escape(PLAN_ID + ".toml") + r":\d+")
        self.assertIn("reload_failed", proc.stderr)
        error = self.raw().call("reload")["error"]
        self.assertEqual(error["code"], "reload_failed")
        self.assertTrue(any(d["line"] > 0 and d["file"].endswith(PLAN_ID + ".toml")
                            for d in error["details"]))
        self.assertEqual(self.curl(f"/feeds/{PLAN_ID}.ics"), (200, etag, body))
        self.assertEqual(self.curl("/feeds.json")[2], index)
        self.assertIn("still serving", self.ctl_json("audit")[0]["result"])

    def test_good_reload_changes_the_etag(self):
        _, etag, _ = self.curl(f"/feeds/{PLAN_ID}.ics")
        path = os.path.join(self.data, PLAN_FILE)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        title = re.search(r'^title = "([^"]+)"$', text, re.M).group(1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(f'title = "{title}"', f'title = "{title}（修订）"', 1))
        version = self.ctl_json("status")["data_version"]
        self.assertGreater(self.ctl_json("reload")["data_version"], version)
        self.assertNotEqual(self.curl(f"/feeds/{PLAN_ID}.ics")[1], etag)

    # --- bad input -----------------------------------------------------------------

    def test_malformed_requests_get_errors_and_the_daemon_keeps_working(self):
        client = self.raw()
        cases = [
            (b"this is not json\n", "bad_json"),
            (b"\xff\xfe\n", "bad_json"),
            (b"[1,2]\n", "bad_request"),
            (b"{}\n", "bad_request"),
            (b'{"command":"fly"}\n', "unknown_command"),
            (b'{"command":"status","args":"x"}\n', "bad_request"),
            (b'{"command":"upcoming","args":{"days":"ten"}}\n', "bad_argument"),
            (b'{"command":"ack","args":{"item":1,"unit":"rsj"}}\n', "bad_argument"),
            (b'{"command":"reminders","args":{"from":"May"}}\n', "bad_argument"),
            (b'{"command":"status","args":{"a":' + b"[" * 1000 + b"]" * 1000 + b"}}\n",
             "bad_request"),
        ]
        for request, code in cases:
            client.send(request)
            response = client.line()
            self.assertFalse(response["ok"], request)
            self.assertEqual(response["error"]["code"], code, request[:80])
        self.assertTrue(client.call("status")["ok"])  # same connection still usable

        big = self.raw()
        big.send(b'{"command":"status","args":{"note":"' + b"x" * (MAX_REQUEST + 10) + b'"}}\n')
        self.assertEqual(big.line()["error"]["code"], "too_large")
        self.assertTrue(big.closed())
        self.assert_alive()

    def test_plancalctl_reports_errors_with_nonzero_exit(self):
        self.assertIn("not_found", self.ctl("show", "zz99", expect=1).stderr)
        self.assertIn("bad_argument", self.ctl("items", "--category", "party", expect=1).stderr)
        self.ctl("upcoming", "--days", "x", expect=2)
        missing = subprocess.run([PLANCALCTL, "status", "--socket", self.socket + ".none"],
                                 capture_output=True, text=True, timeout=60)
        self.assertEqual(missing.returncode, 3)
        self.assertIn("cannot connect", missing.stderr)

    def test_many_clients_at_once(self):
        clients = [self.raw() for _ in range(50)]
        for n, client in enumerate(clients):
            client.send(json.dumps({"id": n, "command": "plans"}).encode() + b"\n")
        for n, client in enumerate(clients):
            self.assertEqual(client.line()["id"], n)

    def test_audit_output_escapes_control_characters(self):
        self.ctl("ack", "a1", "rsj", "--note", "done\x1b[2J\x07")  # audited with its note
        self.ctl("ack", "a1\x1b[31m", "rsj", expect=1)  # audited with the error echoing it
        out = self.ctl("audit").stdout
        self.assertNotIn("\x1b", out)
        self.assertNotIn("\x07", out)
        self.assertIn("[2J", out)
        self.assertIn("[31m", out)

    def test_over_the_connection_limit_plancalctl_says_refused(self):
        # AdminServerOptions::max_connections: 256. The 257th client is told, not dropped.
        clients = [self.raw() for _ in range(256)]
        for client in clients[:1]:
            client.send(json.dumps({"id": 1, "command": "plans"}).encode() + b"\n")
            self.assertEqual(client.line()["id"], 1)  # all 256 are accepted
        refused = self.ctl("status", expect=1)
        self.assertIn("refused: too many clients", refused.stderr)
        self.assertIn("[too_many_clients]", refused.stderr)
        for client in clients:
            client.close()
        deadline = time.monotonic() + TIMEOUT
        while self.ctl("status", expect=None).returncode != 0:
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.1)

    # --- access --------------------------------------------------------------------

    @unittest.skipUnless(os.getuid() == 0 and shutil.which("setpriv"),
                         "needs root and setpriv to act as another user")
    def test_a_disallowed_uid_is_refused_by_peer_credentials(self):
        os.chmod(self.dir, 0o755)
        os.chmod(self.socket, 0o666)  # so the refusal comes from SO_PEERCRED
        client = ("import socket,sys\n"
                  "s=socket.socket(socket.AF_UNIX)\n"
                  f"s.connect({self.socket!r})\n"
                  "try:\n"
                  "    s.sendall(b'{\"command\":\"status\"}\\n')\n"
                  "except BrokenPipeError:\n"
                  "    pass  # refused at once: the answer is already waiting\n"
                  "sys.stdout.write(s.makefile().readline())\n")
        proc = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
             "/usr/bin/python3", "-c", client],
            capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        response = json.loads(proc.stdout)
        self.assertFalse(response["ok"])
        self.assertEqual(response["error"]["code"], "forbidden")
        deadline = time.monotonic() + TIMEOUT
        while "refused connection from uid 65534" not in self.log_text():
            self.assertLess(time.monotonic(), deadline, self.log_text())
            time.sleep(0.1)
        self.assertRegex(self.log_text(), r"refused connection from uid 65534 gid 65534 pid \d+")
        self.assert_alive()

    def test_socket_file_mode_is_0660(self):
        self.assertEqual(os.stat(self.socket).st_mode & 0o777, 0o660)

    # --- lifecycle -----------------------------------------------------------------

    def test_a_stale_socket_is_replaced_and_a_live_one_is_not(self):
        second = subprocess.run(
            [PLANCALD, "--listen", f"127.0.0.1:{free_port()}", "--data", self.data,
             "--db", os.path.join(self.dir, "other.db"), "--admin-socket", self.socket],
            capture_output=True, text=True, timeout=60)
        self.assertNotEqual(second.returncode, 0)
        self.assertIn("another process answers", second.stdout + second.stderr)
        self.assert_alive()

        self.proc.kill()  # a crash leaves the socket file behind
        self.proc.wait()
        self.assertTrue(os.path.exists(self.socket))
        self.proc = self.start_daemon()
        self.assertIn("removing stale socket", self.log_text())
        self.assert_alive()

    def test_sigterm_removes_the_socket_file(self):
        self.proc.send_signal(signal.SIGTERM)
        self.assertEqual(self.proc.wait(timeout=TIMEOUT), 0)
        self.assertFalse(os.path.exists(self.socket))


if __name__ == "__main__":
    unittest.main()
