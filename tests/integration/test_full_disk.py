"""A full disk during a burst of reminders: no duplicate once space returns, none lost.

The database lives on a real 24 MB tmpfs. At 2024-01-02 09:00 49 overdue notices of the
bundled plan fall due; the mail server (aiosmtpd) checkpoints the WAL to 0 bytes and fills
the tmpfs when the first one arrives, and frees it at the tenth, so the daemon delivers messages whose outcome the
database cannot record (SQLITE_FULL). The outcomes are kept in memory and recorded once
space returns: every notice arrives once (unique Message-IDs), the outbox ends with 49 sent
and none sending, and a restart sends nothing again. Needs root (mount); skipped without."""

import errno
import os
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

PLANCALD = os.environ["PLANCALD"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
BURST = 49  # the bundled plan's reminders due at 2024-01-02 09:00
FILL_AT, FREE_AT = 1, 10


class FillingInbox(Inbox):
    """Fills the disk when message FILL_AT arrives, frees it at message FREE_AT."""

    def __init__(self, disk, db):
        super().__init__()
        self.filler = os.path.join(disk, "filler")
        self.db = db
        self.filled = False

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        if len(self.messages) == FILL_AT:
            # The WAL back to 0 bytes first, as after a quiet night's checkpoint: the
            # daemon's next write must grow it, which is what a full disk refuses.
            with sqlite3.connect(self.db, timeout=10) as db:
                busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                assert busy == 0, "the checkpoint could not complete"
            chunk = b"\0" * 65536
            fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                while os.write(fd, chunk) > 0:
                    pass
            except OSError as e:
                if e.errno != errno.ENOSPC:
                    raise
                self.filled = True
            finally:
                os.close(fd)
        elif len(self.messages) == FREE_AT:
            os.remove(self.filler)
        return reply


@unittest.skipUnless(os.geteuid() == 0, "mounting a tmpfs needs root")
class FullDisk(DaemonTestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancal-full-disk-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.disk = os.path.join(self.dir, "disk")
        os.mkdir(self.disk)
        mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m,mode=0700", "tmpfs",
                                self.disk], capture_output=True, text=True)
        if mount.returncode != 0:
            self.skipTest(f"cannot mount a tmpfs: {mount.stderr.strip()}")
        self.addCleanup(subprocess.run, ["umount", "-l", self.disk])
        self.db = os.path.join(self.disk, "plancal.db")
        self.log_path = os.path.join(self.dir, "plancald.log")
        self.inbox = FillingInbox(self.disk, self.db)
        self.smtp_port = free_port()
        controller = Controller(self.inbox, hostname="127.0.0.1", port=self.smtp_port)
        controller.start()
        self.addCleanup(controller.stop)
        self.config = os.path.join(self.dir, "plancal.toml")
        with open(self.config, "w") as f:
            f.write("[reminders]\nretry_base_seconds = 1\n")

    def start(self, now):
        self.start_daemon(
            [PLANCALD, "--listen", f"127.0.0.1:{free_port()}",
             "--data", os.path.join(SRC, "data"), "--db", self.db, "--now", now,
             "--admin-socket", os.path.join(self.dir, "admin.sock"),
             "--smtp", f"smtp://127.0.0.1:{self.smtp_port}",
             "--mail-from", "plancal@example.org", "--config", self.config])

    def states(self):
        with sqlite3.connect(self.db, timeout=10) as db:
            return dict(db.execute(
                "SELECT state, count(*) FROM outbox WHERE send_at = "
                "strftime('%s', '2024-01-02 01:00:00') GROUP BY state").fetchall())

    def test_full_disk_during_a_burst(self):
        self.start("2024-01-02T08:59:55+08:00")
        self.wait_for(lambda: len(self.inbox.messages) >= BURST, f"{BURST} messages")
        self.wait_for(lambda: self.states() == {"sent": BURST}, "every outcome recorded")
        self.assertTrue(self.inbox.filled)
        log = self.log()
        self.assertIn("not recorded: store:", log, "the disk was never full for the daemon")
        self.assertIn("outcome recorded after the store recovered", log)

        ids = [m["Message-ID"] for m in self.inbox.messages]
        self.assertEqual(len(ids), BURST)
        self.assertEqual(len(set(ids)), BURST, "a message was sent twice")

        # A restart (the 0-byte WAL and all) sends nothing again.
        self.stop()
        self.start("2024-01-02T09:05:00+08:00")
        time.sleep(3)
        self.assertEqual(len(self.inbox.messages), BURST)
        self.assertEqual(self.states(), {"sent": BURST})


if __name__ == "__main__":
    unittest.main()
