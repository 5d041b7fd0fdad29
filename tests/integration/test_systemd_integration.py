"""plancald under systemd's protocols, without systemd running: the notify socket (READY=1,
WATCHDOG=1, STOPPING=1, STATUS=), socket activation (systemd-socket-activate), a graceful
SIGTERM during a slow download, the watchdog going quiet when the event loop stalls,
--check-config, the unit files (systemd-analyze verify and security) and the install
layout and Debian package (cmake --install, cpack -G DEB)."""

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
BUILD = os.path.dirname(os.path.dirname(PLANCALD))
PLAN_ID = "jinshan-2023"
UNITS = ["plancal.service", "plancal.socket", "plancal-admin.socket"]
TIMEOUT = 30


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def big_data_dir(path, copies):
    """The bundled data with the plan's items repeated `copies` times (fresh item ids), so
    that the whole-plan feed is megabytes long."""
    shutil.copytree(os.path.join(SRC, "data", "holidays"), os.path.join(path, "holidays"))
    os.makedirs(os.path.join(path, "plans"))
    with open(os.path.join(SRC, "data", "plans", PLAN_ID + ".toml"), encoding="utf-8") as f:
        text = f.read()
    start = text.index("[[items]]")
    parts = [text[:start]]
    for k in range(copies):
        parts.append(re.sub(r'^id = "([^"]+)"', rf'id = "\1-x{k}"', text[start:], flags=re.M))
    with open(os.path.join(path, "plans", PLAN_ID + ".toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


class NotifySocket:
    """An AF_UNIX datagram socket standing in for systemd's NOTIFY_SOCKET; records each
    message with the time it arrived."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.messages = []  # (monotonic time, "KEY=value" lines)

    def close(self):
        self.sock.close()

    def wait_for(self, line, timeout=TIMEOUT):
        """Receives until a message has `line`; returns its time."""
        for when, lines in self.messages:
            if line in lines:
                return when
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                break
            when = time.monotonic()
            self.messages.append((when, data.decode().split("\n")))
            if line in self.messages[-1][1]:
                return when
        raise AssertionError(f"no {line} within {timeout} s; got {self.messages}")

    def drain(self, seconds):
        """Receives for `seconds`."""
        try:
            self.wait_for("\0never", timeout=seconds)
        except AssertionError:
            pass

    def order(self, *lines):
        """Index of the first message with each line, in the order given."""
        indexes = []
        for line in lines:
            start = indexes[-1] + 1 if indexes else 0
            found = [i for i, (_, l) in enumerate(self.messages) if i >= start and line in l]
            indexes.append(found[0] if found else -1)
        return indexes


class SystemdIntegration(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancald-systemd-test-")
        self.notify = NotifySocket(os.path.join(self.dir, "notify"))
        self.proc = None
        self.log_path = os.path.join(self.dir, "plancald.log")

    def tearDown(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)
        self.notify.close()
        shutil.rmtree(self.dir)

    def log_text(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def start(self, *args, data=None, watchdog_usec=2000000, env=None, wrapper=(),
              journal=False):
        """Starts plancald with NOTIFY_SOCKET and the watchdog set for its own pid; with
        `journal`, JOURNAL_STREAM names its stderr as systemd does for the journal."""
        environment = dict(os.environ, NOTIFY_SOCKET=self.notify.path,
                           WATCHDOG_USEC=str(watchdog_usec), **(env or {}))
        command = [*wrapper, PLANCALD, "--data", data or os.path.join(SRC, "data"),
                   "--db", os.path.join(self.dir, "plancal.db"), "--now", "2023-05-01T09:00",
                   *args]
        # WATCHDOG_PID must be plancald's pid: the shell sets it to its own, then execs.
        command = ["/bin/sh", "-c", 'export WATCHDOG_PID=$$; exec "$@"', "sh", *command]
        with open(self.log_path, "wb") as log:
            if journal:
                status = os.fstat(log.fileno())
                environment["JOURNAL_STREAM"] = f"{status.st_dev}:{status.st_ino}"
            self.proc = subprocess.Popen(command, env=environment, stdout=log,
                                         stderr=subprocess.STDOUT)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.assertEqual(self.proc.wait(timeout=TIMEOUT), 0, self.log_text())

    def curl(self, url, *args, timeout=TIMEOUT):
        return subprocess.run(["curl", "-sS", "--max-time", str(timeout), *args, url],
                              capture_output=True, timeout=timeout + 5)

    def test_ready_watchdog_and_stopping_in_order(self):
        port = free_port()
        self.start("--listen", f"127.0.0.1:{port}", journal=True)
        self.notify.wait_for("READY=1")
        # Journal lines: syslog priority prefixes, no timestamps.
        self.assertRegex(self.log_text(), r"(?m)^<6>data: data version 1, serving 1 plan")
        # READY=1 means the feeds are served.
        reply = self.curl(f"http://127.0.0.1:{port}/feeds/{PLAN_ID}.ics")
        self.assertEqual(reply.returncode, 0, reply.stderr)
        self.assertIn(b"BEGIN:VCALENDAR", reply.stdout)
        ready = self.notify.wait_for("READY=1")
        self.assertIn("STATUS=serving 1 plan, 71 activities, 88 feeds",
                      self.notify.messages[self.notify.order("READY=1")[0]][1])
        self.notify.drain(1.5)  # pings every 1 s (half of WATCHDOG_USEC)
        pings = [t for t, lines in self.notify.messages if "WATCHDOG=1" in lines and t >= ready]
        self.assertGreaterEqual(len(pings), 2, self.notify.messages)
        self.proc.send_signal(signal.SIGTERM)
        self.notify.wait_for("STOPPING=1")
        self.assertEqual(self.proc.wait(timeout=TIMEOUT), 0, self.log_text())
        ready_index, ping_index, stopping_index = self.notify.order(
            "READY=1", "WATCHDOG=1", "STOPPING=1")
        self.assertTrue(0 <= ready_index < ping_index < stopping_index, self.notify.messages)

    def test_socket_activation_serves_feeds_on_the_passed_socket(self):
        if shutil.which("systemd-socket-activate") is None:
            self.fail("systemd-socket-activate is not installed (apt-get install systemd)")
        port = free_port()
        unused = free_port()
        self.start("--listen", f"127.0.0.1:{unused}", wrapper=(
            "systemd-socket-activate", "-l", f"127.0.0.1:{port}", "--fdname=http",
            "-E", "NOTIFY_SOCKET", "-E", "WATCHDOG_USEC", "-E", "WATCHDOG_PID"))
        deadline = time.monotonic() + TIMEOUT
        while "Listening on" not in self.log_text():
            self.assertLess(time.monotonic(), deadline, self.log_text())
            time.sleep(0.05)
        # The first connection makes systemd-socket-activate exec plancald.
        reply = self.curl(f"http://127.0.0.1:{port}/feeds/{PLAN_ID}.ics")
        self.assertEqual(reply.returncode, 0, reply.stderr + self.log_text().encode())
        self.assertIn(b"BEGIN:VCALENDAR", reply.stdout)
        self.notify.wait_for("READY=1")
        self.assertIn("socket from systemd", self.log_text())
        self.assertNotEqual(self.curl(f"http://127.0.0.1:{unused}/healthz", timeout=2).returncode,
                            0)
        self.stop()

    def test_sigterm_lets_a_slow_download_finish(self):
        data = os.path.join(self.dir, "big")
        big_data_dir(data, copies=30)
        port = free_port()
        self.start("--listen", f"127.0.0.1:{port}", data=data)
        self.notify.wait_for("READY=1", timeout=120)
        out = os.path.join(self.dir, "feed.ics")
        curl = subprocess.Popen(
            ["curl", "-sS", "--limit-rate", "500k", "-o", out, "-w", "%{size_download}",
             f"http://127.0.0.1:{port}/feeds/{PLAN_ID}.ics"], stdout=subprocess.PIPE)
        while not os.path.exists(out) or os.path.getsize(out) < 200_000:
            self.assertIsNone(curl.poll(), "the download ended before SIGTERM")
            time.sleep(0.05)
        self.proc.send_signal(signal.SIGTERM)
        self.notify.wait_for("STOPPING=1")
        size = int(curl.communicate(timeout=TIMEOUT)[0])
        self.assertEqual(curl.returncode, 0)
        self.assertGreater(size, 1_000_000)
        with open(out, "rb") as f:
            self.assertTrue(f.read().rstrip().endswith(b"END:VCALENDAR"))
        self.assertEqual(self.proc.wait(timeout=TIMEOUT), 0, self.log_text())

    def test_a_stalled_loop_stops_the_watchdog_pings(self):
        config = os.path.join(self.dir, "stall.toml")
        with open(config, "w") as f:
            f.write("[testing]\nstall_event_loop_after_ms = 1000\n")
        self.start("--config", config, "--listen", f"127.0.0.1:{free_port()}",
                   watchdog_usec=400000)
        ready = self.notify.wait_for("READY=1")
        self.notify.drain(3.0)
        pings = [t - ready for t, lines in self.notify.messages if "WATCHDOG=1" in lines]
        self.assertGreaterEqual(len([t for t in pings if t < 1.0]), 3, pings)
        self.assertEqual([t for t in pings if t > 1.5], [], pings)
        self.assertIsNone(self.proc.poll())  # stuck, not dead: systemd would kill it

    def check_config(self, *args):
        return subprocess.run([PLANCALD, "--check-config", *args], capture_output=True,
                              text=True, timeout=TIMEOUT)

    def test_check_config(self):
        good = self.check_config("--config", os.path.join(SRC, "data", "plancal.example.toml"))
        self.assertEqual(good.returncode, 0, good.stderr)
        self.assertIn('db = "/var/lib/plancal/plancal.db"', good.stdout.replace("'", '"'))
        bad_path = os.path.join(self.dir, "bad.toml")
        with open(bad_path, "w") as f:
            f.write('[http]\nlisten = "127.0.0.1:8080"\nlisen = "x"\n[mail]\nstarttls = "no"\n')
        bad = self.check_config("--config", bad_path)
        self.assertEqual(bad.returncode, 1)
        self.assertIn(f"{bad_path}:3:1: 'lisen': unknown key in [http]", bad.stderr)
        self.assertIn(f"{bad_path}:5:12: [mail] starttls: 'no' is not one of", bad.stderr)
        self.assertEqual(bad.stdout, "")

    def test_units_verify_and_are_hardened(self):
        if shutil.which("systemd-analyze") is None:
            self.fail("systemd-analyze is not installed (apt-get install systemd)")
        # verify checks that ExecStart= exists: point it at the built binary.
        units = os.path.join(self.dir, "units")
        os.makedirs(units)
        for unit in UNITS:
            with open(os.path.join(SRC, "systemd", unit)) as f:
                text = f.read()
            with open(os.path.join(units, unit), "w") as f:
                f.write(text.replace("/usr/bin/plancald", PLANCALD))
        verify = subprocess.run(["systemd-analyze", "verify", "--man=no",
                                 *[os.path.join(units, u) for u in UNITS]],
                                capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        self.assertEqual(verify.stderr.strip(), "")
        security = subprocess.run(["systemd-analyze", "security", "--offline=true",
                                   os.path.join(SRC, "systemd", "plancal.service")],
                                  capture_output=True, text=True, timeout=TIMEOUT)
        match = re.search(r"Overall exposure level for plancal.service: ([0-9.]+)",
                          security.stdout)
        self.assertIsNotNone(match, security.stdout + security.stderr)
        print(f"systemd-analyze security: exposure {match.group(1)}")
        self.assertLessEqual(float(match.group(1)), 2.0)

    def test_install_layout_and_debian_package(self):
        root = os.path.join(self.dir, "root")
        install = subprocess.run(["cmake", "--install", BUILD, "--prefix", root],
                                 capture_output=True, text=True, timeout=120)
        self.assertEqual(install.returncode, 0, install.stdout + install.stderr)
        for path in ["bin/plancald", "bin/plancalctl", "share/plancal/plans/jinshan-2023.toml",
                     "share/plancal/holidays/cn-2023.toml", "share/man/man8/plancald.8.gz",
                     "share/man/man1/plancalctl.1.gz", "share/doc/plancal/plancal.example.toml",
                     "share/doc/plancal/copyright", "share/doc/plancal/changelog.gz",
                     "etc/plancal/plancal.toml"] + [f"lib/systemd/system/{u}" for u in UNITS]:
            self.assertTrue(os.path.exists(os.path.join(root, path)), path)
        # The installed binary's default data is the installed data.
        installed = subprocess.run([os.path.join(root, "bin/plancald"), "--check-config"],
                                   capture_output=True, text=True, timeout=TIMEOUT)
        self.assertIn(os.path.join(root, "share/plancal"), installed.stdout.replace("'", '"'))
        # An edited configuration survives a second install.
        config = os.path.join(root, "etc/plancal/plancal.toml")
        with open(config, "a") as f:
            f.write("# edited\n")
        subprocess.run(["cmake", "--install", BUILD, "--prefix", root], check=True,
                       capture_output=True, timeout=120)
        with open(config) as f:
            self.assertTrue(f.read().endswith("# edited\n"))

        if shutil.which("cpack") is None or shutil.which("dpkg-shlibdeps") is None:
            self.fail("cpack or dpkg-shlibdeps is not installed (apt-get install cmake dpkg-dev)")
        out = os.path.join(self.dir, "package")
        cpack = subprocess.run(["cpack", "-G", "DEB", "--config",
                                os.path.join(BUILD, "CPackConfig.cmake"), "-B", out],
                               capture_output=True, text=True, timeout=600)
        self.assertEqual(cpack.returncode, 0, cpack.stdout + cpack.stderr)
        debs = [f for f in os.listdir(out) if f.endswith(".deb")]
        self.assertEqual(len(debs), 1, os.listdir(out))
        deb = os.path.join(out, debs[0])
        listing = subprocess.run(["dpkg-deb", "-c", deb], capture_output=True, text=True,
                                 check=True).stdout
        for path in ["./usr/bin/plancald", "./usr/bin/plancalctl",
                     "./usr/lib/systemd/system/plancal.service",
                     "./usr/lib/systemd/system/plancal.socket",
                     "./usr/lib/systemd/system/plancal-admin.socket",
                     "./usr/share/man/man8/plancald.8.gz", "./usr/share/man/man1/plancalctl.1.gz",
                     "./usr/share/doc/plancal/copyright",
                     "./usr/share/plancal/plans/jinshan-2023.toml",
                     "./usr/share/plancal/holidays/cn-2023.toml", "./etc/plancal/plancal.toml"]:
            self.assertIn(path, listing)
        info = subprocess.run(["dpkg-deb", "-f", deb, "Package", "Depends"], capture_output=True,
                              text=True, check=True).stdout
        self.assertIn("Package: plancal", info)
        self.assertIn("libsystemd0", info)
        conffiles = subprocess.run(["dpkg-deb", "-I", deb, "conffiles"], capture_output=True,
                                   text=True, check=True).stdout
        self.assertIn("/etc/plancal/plancal.toml", conffiles)


if __name__ == "__main__":
    unittest.main()
