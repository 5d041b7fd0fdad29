"""The bytes of every feed of the bundled plan, as plancalctl renders them for a fixed
import time, against the SHA-256 digests kept in tests/fixtures/feeds/. A refactoring must
leave them unchanged; a deliberate change of the feeds updates the digest file in the same
commit (regenerate it with PLANCAL_WRITE_FEED_DIGESTS=1)."""

import hashlib
import os
import subprocess
import tempfile
import unittest

CTL = os.environ["PLANCALCTL"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
BUNDLED = os.path.join(SRC, "data", "plans", "jinshan-2023.toml")
DIGESTS = os.path.join(SRC, "tests", "fixtures", "feeds", "jinshan-2023.sha256")
IMPORTED_AT = "2023-01-01T00:00:00+08:00"


def ctl(*args):
    proc = subprocess.run([CTL, *args], capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"plancalctl {args} failed ({proc.returncode}): {proc.stderr!r}")
    return proc.stdout


def rendered_digests(db):
    listing = ctl("feed", "--db", db, "--list").decode().splitlines()
    feeds = [line.split()[0] for line in listing[2:] if line.strip()]
    digests = {}
    for feed in feeds:
        events = ctl("feed", "--db", db, "--feed", feed, "--base-url", "https://cal.example")
        tasks = ctl("feed", "--db", db, "--feed", feed, "--tasks")
        digests[feed + ".ics"] = hashlib.sha256(events).hexdigest()
        digests[feed + ".tasks.ics"] = hashlib.sha256(tasks).hexdigest()
    return digests


class FeedBytes(unittest.TestCase):
    def test_every_feed_matches_its_digest(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "plancal.db")
            ctl("import", BUNDLED, "--db", db, "--now", IMPORTED_AT)
            digests = rendered_digests(db)
        if os.environ.get("PLANCAL_WRITE_FEED_DIGESTS") == "1":
            with open(DIGESTS, "w") as out:
                for name in sorted(digests):
                    out.write(f"{digests[name]}  {name}\n")
        expected = {}
        with open(DIGESTS) as kept:
            for line in kept:
                digest, name = line.split()
                expected[name] = digest
        self.assertGreater(len(expected), 80)
        self.assertEqual(sorted(digests), sorted(expected), "the set of feeds changed")
        changed = [name for name in sorted(digests) if digests[name] != expected[name]]
        self.assertEqual(changed, [], "these feeds render other bytes than before")


if __name__ == "__main__":
    unittest.main()
