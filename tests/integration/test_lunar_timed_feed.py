"""A plan with a festival, a lunar date in brackets and times of day
(tests/fixtures/plans/lunar_timed.toml) is checked, imported and rendered by plancalctl,
and its feed is read back by python-icalendar and ical.js: the times are local times of
Asia/Shanghai and the festival falls on its Gregorian day."""

import datetime
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import icalendar

CTL = os.environ["PLANCALCTL"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
PLAN = os.path.join(SRC, "tests", "fixtures", "plans", "lunar_timed.toml")
HERE = os.path.dirname(os.path.abspath(__file__))

ICAL_JS_STARTS = r"""
const ICAL = require('ical.js');
const fs = require('fs');
const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(process.argv[1], 'utf8')));
for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
const out = {};
for (const v of comp.getAllSubcomponents('vevent')) {
  const e = new ICAL.Event(v);
  out[e.summary] = [e.startDate.toUnixTime(), e.endDate ? e.endDate.toUnixTime() : null];
}
console.log(JSON.stringify(out));
"""


def ctl(*args):
    proc = subprocess.run([CTL, *args], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"plancalctl {args} failed ({proc.returncode}): {proc.stderr}")
    return proc.stdout


class LunarTimedFeed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="plancal-lunar-")
        db = os.path.join(cls.tmp, "plancal.db")
        ctl("check", PLAN)
        ctl("import", PLAN, "--db", db, "--now", "2024-04-01T09:00:00+08:00")
        cls.path = os.path.join(cls.tmp, "feed.ics")
        with open(cls.path, "w") as f:
            f.write(ctl("feed", "--db", db, "--feed", "wenshang-2024"))
        with open(cls.path, "rb") as f:
            cls.calendar = icalendar.Calendar.from_ical(f.read())
        cls.events = {str(e.get("SUMMARY")): e for e in cls.calendar.walk("VEVENT")}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def event(self, title):
        for summary, event in self.events.items():
            if title in summary:
                return event
        self.fail(f"no event {title!r} in {list(self.events)}")

    def test_times_are_shanghai_local_times(self):
        start = self.event("启动仪式").get("DTSTART").dt
        self.assertEqual((start.hour, start.minute), (9, 0))
        self.assertEqual(start.utcoffset(), datetime.timedelta(hours=8))
        camp = self.event("夜游")
        self.assertEqual(camp.get("DTSTART").dt.hour, 16)
        self.assertEqual(camp.get("DTEND").dt.hour, 20)

    def test_lunar_span_and_festival_fall_on_their_gregorian_days(self):
        fair = self.event("庙会")
        self.assertEqual(fair.get("DTSTART").dt, datetime.date(2024, 4, 20))
        self.assertEqual(fair.get("DTEND").dt, datetime.date(2024, 4, 27))
        self.assertEqual(self.event("赏月").get("DTSTART").dt, datetime.date(2024, 9, 17))

    def test_ical_js_reads_the_same_instants(self):
        node = shutil.which("node")
        self.assertIsNotNone(node, "node is not installed")
        proc = subprocess.run([node, "-e", ICAL_JS_STARTS, self.path], cwd=HERE,
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        starts = json.loads(proc.stdout)
        opening = next(v for k, v in starts.items() if "启动仪式" in k)
        self.assertEqual(opening[0], int(datetime.datetime(2024, 4, 20, 1, 0,
                                                           tzinfo=datetime.timezone.utc).timestamp()))


if __name__ == "__main__":
    unittest.main()
