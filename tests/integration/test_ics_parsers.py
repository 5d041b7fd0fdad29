"""Feeds rendered by `plancalctl feed` parse in two independent iCalendar parsers, python
icalendar and ical.js (node), with every SUMMARY intact, for summaries of every length
1..300 in ASCII, CJK and mixed text (with ; , \\ and newlines), and with every content line
folded to at most 75 octets of valid UTF-8 ending in CRLF. Needs node and
`npm install` in tests/integration (package.json) for ical.js."""

import datetime
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import unittest

import icalendar
from dateutil import rrule

CTL = os.environ["PLANCALCTL"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED = os.path.join(SRC, "data", "plans", "jinshan-2023.toml")
PLAN_ID = "jinshan-2023"
NOW = "2023-02-13T09:00"
MAX_LENGTH = 300
PER_ITEM = 20  # well under the loader's limit of activities per item

# Reads the .ics named by argv[1]; prints a JSON array of its VEVENTs with their
# occurrences as ical.js expands them.
ICAL_JS_DUMP = r"""
const ICAL = require('ical.js');
const text = require('fs').readFileSync(process.argv[1], 'utf8');
const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
process.stdout.write(JSON.stringify(vevents.map((c) => {
  const event = new ICAL.Event(c);
  const occurrences = [];
  const it = event.iterator();
  for (let t = it.next(); t && occurrences.length < 400; t = it.next()) {
    occurrences.push(t.toString());
  }
  return {uid: event.uid, summary: event.summary, dtstart: event.startDate.toString(),
          dtend: event.endDate.toString(),
          rrule: String(c.getFirstPropertyValue('rrule') || ''), occurrences};
})));
"""

WEEKEND_FAIRS = ["2023-02-04", "2023-02-05", "2023-02-11", "2023-02-12", "2023-02-18",
                 "2023-02-19", "2023-02-25", "2023-02-26", "2023-03-04", "2023-03-05"]


def rfc5545_unescape(text):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def python_icalendar_decodes_exactly(text):
    """python icalendar 4.0.x (Debian 12) unescapes TEXT twice: Contentline.parts() turns
    an escaped backslash before '\\', ',', ';' or 'n' into an escape of its own, so a
    literal backslash followed by one of those characters comes back changed; and it
    decodes a literal "%2C", "%3A", "%3B" or "%5C" as the character. Such titles are
    checked against the raw line and ical.js instead."""
    return re.search(r"\\[\\,;nN]|%2C|%3A|%3B|%5C", text) is None


def raw_summaries(data):
    unfolded = re.sub(rb"\r\n[ \t]", b"", data).decode("utf-8")
    uids = re.findall(r"^UID:(.*)\r$", unfolded, re.M)
    summaries = re.findall(r"^SUMMARY:(.*)\r$", unfolded, re.M)
    return dict(zip(uids, (rfc5545_unescape(s) for s in summaries)))


def ctl(*args):
    proc = subprocess.run([CTL, *args], capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"plancalctl {args} failed ({proc.returncode}): "
                             f"{proc.stderr.decode(errors='replace')}")
    return proc.stdout


def ical_js(path):
    node = shutil.which("node")
    if node is None:
        raise AssertionError("node is not installed: ical.js cannot be checked "
                             "(apt-get install nodejs, then npm install in tests/integration)")
    if not os.path.isdir(os.path.join(HERE, "node_modules", "ical.js")):
        raise AssertionError(f"ical.js is missing: run `npm install` in {HERE}")
    proc = subprocess.run([node, "-e", ICAL_JS_DUMP, path], cwd=HERE, capture_output=True,
                          text=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"ical.js failed on {path}: {proc.stderr}")
    return {e["uid"]: e for e in json.loads(proc.stdout)}


def python_occurrences(event):
    """Dates of the event's occurrences, expanded with dateutil as python icalendar reads
    RRULE, RDATE and EXDATE."""
    start = event["DTSTART"].dt
    dates = {start}
    if "RRULE" in event:
        rule = rrule.rrulestr(event["RRULE"].to_ical().decode(),
                              dtstart=datetime.datetime.combine(start, datetime.time()))
        dates |= {d.date() for d in rule}

    def listed(name):
        value = event.get(name, [])
        for entry in value if isinstance(value, list) else [value]:
            for d in entry.dts:
                yield d.dt

    dates |= set(listed("RDATE"))
    dates -= set(listed("EXDATE"))
    return sorted(d.isoformat() for d in dates)


def summaries():
    """(item id, text) pairs: every length 1..MAX_LENGTH in three alphabets, PER_ITEM
    to an item."""
    rng = random.Random(20230213)
    ascii_pool = [chr(c) for c in range(0x21, 0x7F)] + [" "] * 4
    cjk_pool = list("金山区提信心扩需求稳增长促发展行动方案招聘会丰收节〔〕、。；，：“”")
    mixed_pool = ascii_pool + cjk_pool + [";", ",", "\\", "\n", "é", "😀", "\t"]
    for item, pool in (("ascii", ascii_pool), ("cjk", cjk_pool), ("mixed", mixed_pool)):
        for length in range(1, MAX_LENGTH + 1):
            chars = [rng.choice(pool) for _ in range(length)]
            if item == "ascii" and length % 3 == 0:
                chars[length // 2] = ";,\\"[length % 9 // 3]
            # Titles are trimmed by the loader: no whitespace at either end.
            for i in (0, -1):
                if chars[i].isspace():
                    chars[i] = "x"
            yield f"{item}{(length - 1) // PER_ITEM + 1}", "".join(chars)


def plan_toml(plan_id, activities):
    items = {}
    for item, title in activities:
        items.setdefault(item, []).append(title)
    out = [f'''[plan]
id = "{plan_id}"
title = "属性测试方案"
issuer = "测试"
document_number = "测〔2023〕1号"
published = 2023-02-13
effective_from = 2023-02-13
effective_until = 2023-12-31
year = 2023
escalation_unit = "t"

[[units]]
id = "t"
name = "测试单位"
''']
    for number, (item, titles) in enumerate(items.items(), start=1):
        out.append(f'''
[[items]]
id = "{item}"
kind = "measure"
section = "一、测试"
number = "{number}"
title = "测试"
text = "5月8日举办。"
units = ["t"]
''')
        for title in titles:
            out.append(f'''
[[items.activities]]
title = {json.dumps(title, ensure_ascii=False)}
category = "event"
when = "5月8日"
''')
    return "".join(out)


class IcsParsers(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancal-ics-")
        self.db = os.path.join(self.dir, "plancal.db")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def render(self, plan_file, feed):
        ctl("import", plan_file, "--db", self.db, "--now", NOW)
        data = ctl("feed", "--db", self.db, "--feed", feed)
        path = os.path.join(self.dir, feed + ".ics")
        with open(path, "wb") as f:
            f.write(data)
        return data, path

    def check_lines(self, data):
        self.assertTrue(data.endswith(b"\r\n"))
        lines = data.split(b"\r\n")[:-1]
        for number, line in enumerate(lines, start=1):
            self.assertLessEqual(len(line), 75, f"line {number}: {line!r}")
            self.assertNotIn(b"\r", line, f"line {number}")
            self.assertNotIn(b"\n", line, f"line {number}")
            line.decode("utf-8")  # raises on a split or invalid sequence

    def test_every_summary_length_survives_both_parsers(self):
        expected = {}
        counters = {}
        for item, title in summaries():
            counters[item] = counters.get(item, 0) + 1
            expected[f"prop.{item}.{counters[item]}@plancal"] = title
        plan_file = os.path.join(self.dir, "prop.toml")
        with open(plan_file, "w", encoding="utf-8") as f:
            f.write(plan_toml("prop", summaries()))
        data, path = self.render(plan_file, "prop")
        self.check_lines(data)

        calendar = icalendar.Calendar.from_ical(data)
        parsed = {str(e["UID"]): str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
        self.assertEqual(len(parsed), len(expected))
        js = ical_js(path)
        self.assertEqual(len(js), len(expected))
        raw = raw_summaries(data)
        for uid, title in expected.items():
            self.assertEqual(raw[uid], title, f"strict RFC 5545 reading, {uid}")
            if python_icalendar_decodes_exactly(title):
                self.assertEqual(parsed[uid], title, f"python icalendar, {uid}")
            self.assertEqual(js[uid]["summary"], title, f"ical.js, {uid}")
            self.assertEqual((js[uid]["dtstart"], js[uid]["dtend"]), ("2023-05-08", "2023-05-09"))

    def test_bundled_plan_weekend_job_fairs_expand_to_ten_days(self):
        self.assertTrue(os.path.exists(BUNDLED), f"the bundled plan {BUNDLED} is missing")
        data, path = self.render(BUNDLED, "jinshan-2023")
        self.check_lines(data)
        calendar = icalendar.Calendar.from_ical(data)
        # The phrase as the PDF gives it has spaces: "2月 4日至 3月 5日，每周六、周日".
        fairs = [e for e in calendar.walk("VEVENT")
                 if "2月4日至3月5日，每周六、周日"
                 in str(e.get("X-PLANCAL-PHRASE", "")).replace(" ", "")]
        self.assertTrue(fairs, "no VEVENT for 2月4日至3月5日，每周六、周日")
        js = ical_js(path)
        for event in fairs:
            uid = str(event["UID"])
            self.assertIn("RRULE", event, "recurrences are rules, never expanded")
            self.assertEqual(python_occurrences(event), WEEKEND_FAIRS, f"python, {uid}")
            self.assertEqual(js[uid]["occurrences"], WEEKEND_FAIRS, f"ical.js, {uid}")
        # One UID per VEVENT, and each parser sees every event.
        uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
        self.assertEqual(len(uids), len(set(uids)))
        self.assertEqual(set(js), set(uids))

    def test_bundled_feeds_follow_what_clients_trip_over(self):
        ctl("import", BUNDLED, "--db", self.db, "--now", NOW)
        listing = ctl("feed", "--db", self.db, "--list").decode().splitlines()
        feeds = [line.split()[0] for line in listing[2:] if line.startswith(PLAN_ID)]
        self.assertGreater(len(feeds), 10)
        for feed in feeds:
            data = ctl("feed", "--db", self.db, "--feed", feed)
            self.check_lines(data)
            text = data.replace(b"\r\n ", b"").decode("utf-8")  # unfolded
            self.assertIn("\r\nMETHOD:PUBLISH\r\n", text, feed)  # Outlook
            # Never a TZID without its VTIMEZONE; the zone has an RRULE-free STANDARD block
            # and no RDATE lists (Outlook ignores RDATE-based zones).
            for tzid in set(re.findall(r";TZID=([^:;]+)", text)):
                self.assertIn(f"\r\nTZID:{tzid}\r\n", text, f"{feed}: VTIMEZONE for {tzid}")
            zone = text[text.find("BEGIN:VTIMEZONE"):text.find("END:VTIMEZONE")]
            self.assertNotIn("RDATE", zone, feed)
            # Subscriptions carry no alarms: Google and Outlook ignore them, plancal mails.
            self.assertNotIn("BEGIN:VALARM", text, feed)
            # DTSTAMP is the data's modification time, so a refresh changes nothing.
            for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
                self.assertEqual(event["DTSTAMP"].dt, event["LAST-MODIFIED"].dt, feed)


if __name__ == "__main__":
    unittest.main()
