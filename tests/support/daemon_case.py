"""A unittest base for the integration tests that run plancald as a child process: its
output appended to self.log_path (one log across restarts), started until it reports the
outbox recovered, stopped with SIGTERM at cleanup, and a wait that fails the test with the
log's tail when the daemon exits or the time runs out."""

import os
import subprocess
import time
import unittest

TIMEOUT = 60


class DaemonTestCase(unittest.TestCase):
    log_path = None  # set by the subclass's setUp
    proc = None

    def start_daemon(self, argv):
        """Starts `argv` (plancald and its arguments); returns once it is ready."""
        seen = len(self.log()) if os.path.exists(self.log_path) else 0
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(self.stop)
        self.wait_for(lambda: "reminders: outbox recovered" in self.log()[seen:], "the start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=TIMEOUT)

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def wait_for(self, condition, what, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline or (self.proc and self.proc.poll() is not None):
                self.fail(f"timed out waiting for {what}\n{self.log()[-4000:]}")
            time.sleep(0.1)
