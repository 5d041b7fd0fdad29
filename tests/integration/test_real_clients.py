"""Real clients subscribe to plancald end to end.

vdirsyncer (an `http` storage on the feed URL, a `filesystem` storage in a temp folder)
syncs the whole-plan feed and one unit feed; khal lists the synced folders and shows the
weekend job fairs on their ten days. After an edit of one activity's title in the daemon's
data and a SIGHUP, a second sync brings the new title, drops the old one and leaves no
duplicate. Then every recurring event of the whole-plan feed is expanded over 2023 by
python (icalendar + dateutil) and by ical.js (node), and the occurrences of known
activities are compared with hand-written dates.

Needs the Debian packages vdirsyncer, khal, python3-icalendar and python3-dateutil
(.ci/install-deps installs them), node, and `npm install` in tests/integration for ical.js.

vdirsyncer's `http` storage replaces every UID by a hash of the item (it cannot tell a
webcal server with stable UIDs from one that makes new UIDs on every request), so in the
synced folder a changed event is one file deleted and one created, under a new name; the
test accepts that, and checks that nothing else in the folder moves. The UID in the feed
itself stays the same (checked here too).
"""

import datetime
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
import urllib.request

PLANCALD = os.environ["PLANCALD"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
HERE = os.path.dirname(os.path.abspath(__file__))
PLAN_ID = "jinshan-2023"
UNIT_FEED = f"{PLAN_ID}-unit-rsj"  # 区人社局: responsible for the job fairs
PLAN_FILE = os.path.join("plans", PLAN_ID + ".toml")
TIMEOUT = 10
CLIENT_TIMEOUT = 120

# Titles from data/plans/jinshan-2023.toml.
FAIRS_TITLE = "各街镇（高新区）社区事务受理服务中心及区级层面线下招聘会（共计 12 场）"
FAIRS_NEW_TITLE = "各街镇（高新区）周末线下招聘会（已改名）"
WEDNESDAY_TITLE = "“金山就业”微信公众号周周专场招聘"
MONTHLY_FROM_MARCH_TITLE = "“金山就业”微信公众号每月推送线上招聘"  # 3月起，每月
SPRING_TITLE = "春季促进就业专项行动、“沪岗行动”线上线下招聘活动"  # 1月至 3月
FRUIT_TITLE = "“金山区缤纷百果节”活动"  # 第二季度
RURAL_ROUTES_TITLE = "金山区休闲农业与乡村旅游线路推介"  # 3月、6月、9月 (RDATE)

# Hand-written expected occurrences.
WEEKEND_FAIRS = ["2023-02-04", "2023-02-05", "2023-02-11", "2023-02-12", "2023-02-18",
                 "2023-02-19", "2023-02-25", "2023-02-26", "2023-03-04", "2023-03-05"]
# 每周三 read within the plan year: 4 January is 2023's first Wednesday, 27 December its
# last; 52 in all.
WEDNESDAYS_2023 = [(datetime.date(2023, 1, 4) + datetime.timedelta(weeks=n)).isoformat()
                   for n in range(52)]
MONTHLY_FROM_MARCH = [f"2023-{m:02d}-01" for m in range(3, 13)]
SPRING_MARKERS = ["2023-01-01", "2023-02-01", "2023-03-01"]
FRUIT_MARKERS = ["2023-04-01", "2023-05-01", "2023-06-01"]
RURAL_ROUTES = ["2023-03-01", "2023-06-01", "2023-09-01"]

# Reads the .ics named by argv[1]; prints a JSON array of its VEVENTs with their
# occurrences in 2023 as ical.js expands them.
ICAL_JS_EXPAND = r"""
const ICAL = require('ical.js');
const text = require('fs').readFileSync(process.argv[1], 'utf8');
const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
process.stdout.write(JSON.stringify(vevents.map((c) => {
  const event = new ICAL.Event(c);
  const occurrences = [];
  const it = event.iterator();
  for (let t = it.next(); t && t.year <= 2023 && occurrences.length < 1000; t = it.next()) {
    occurrences.push(t.toString());
  }
  return {uid: event.uid, summary: event.summary, recurring: event.isRecurring(),
          rrule: c.hasProperty('rrule'), dtstart: event.startDate.toString(), occurrences};
})));
"""

APT_HINT = ("{tool} is not installed: apt-get install {package} "
            "(the Debian package {package}; .ci/install-deps installs it)")


def unfold(data):
    return re.sub(rb"\r\n[ \t]", b"", data)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_tool(testcase, tool, package):
    path = shutil.which(tool)
    if path is None:
        testcase.fail(APT_HINT.format(tool=tool, package=package))
    return path


class RealClients(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancal-clients-")
        self.data = os.path.join(self.dir, "data")
        shutil.copytree(os.path.join(SRC, "data"), self.data)
        self.home = os.path.join(self.dir, "home")
        os.mkdir(self.home)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.dir, "plancald.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [PLANCALD, "--listen", f"127.0.0.1:{self.port}", "--data", self.data,
             "--db", os.path.join(self.dir, "plancal.db"), "--now", "2023-05-01T09:00"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while self.get("/healthz", check=False) is None:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.fail(f"plancald did not come up:\n{self.log_text()}")
            time.sleep(0.1)

    def tearDown(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=TIMEOUT)
        self.log.close()
        shutil.rmtree(self.dir)

    # --- helpers ---------------------------------------------------------------------

    def log_text(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def get(self, path, check=True):
        """The body of a 200 answer, or None (a failure when check)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=TIMEOUT) as reply:
                return reply.read()
        except OSError as e:
            if check:
                self.fail(f"GET {path}: {e}")
            return None

    def reload(self, path, expected):
        """SIGHUP, then wait until GET path has `expected` (bytes) in it; the body."""
        seen = len(self.log_text())
        self.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + TIMEOUT
        while True:
            body = self.get(path, check=False) or b""
            if expected in unfold(body):
                return body
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.fail(f"{path} lacks {expected.decode()} after SIGHUP:\n"
                          f"{self.log_text()[seen:]}")
            time.sleep(0.1)

    def client_env(self):
        env = dict(os.environ)
        env.update(HOME=self.home, LANG="C.UTF-8", LC_ALL="C.UTF-8", TZ="Asia/Shanghai",
                   PYTHONIOENCODING="utf-8", NO_PROXY="127.0.0.1,localhost",
                   no_proxy="127.0.0.1,localhost",
                   XDG_CONFIG_HOME=os.path.join(self.home, ".config"),
                   XDG_DATA_HOME=os.path.join(self.home, ".local", "share"),
                   XDG_CACHE_HOME=os.path.join(self.home, ".cache"))
        for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
                     "ALL_PROXY"):
            env.pop(name, None)
        return env

    def run_client(self, *args):
        proc = subprocess.run(list(args), cwd=self.dir, env=self.client_env(),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=CLIENT_TIMEOUT)
        if proc.returncode != 0:
            self.fail(f"{' '.join(args)} exited {proc.returncode}:\n"
                      f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
        return proc.stdout

    def folder(self, name):
        return os.path.join(self.dir, "calendars", name)

    def files(self, name):
        """{file name: bytes} of a synced folder."""
        out = {}
        for entry in sorted(os.listdir(self.folder(name))):
            with open(os.path.join(self.folder(name), entry), "rb") as f:
                out[entry] = f.read()
        return out

    def write_configs(self):
        vdir_config = os.path.join(self.dir, "vdirsyncer.conf")
        khal_config = os.path.join(self.dir, "khal.conf")
        pairs = []
        for name, feed in (("plan", PLAN_ID), ("unit", UNIT_FEED)):
            os.makedirs(self.folder(name))
            pairs.append(f'''
[pair {name}]
a = "{name}_local"
b = "{name}_remote"
collections = null
conflict_resolution = "b wins"

[storage {name}_local]
type = "filesystem"
path = "{self.folder(name)}/"
fileext = ".ics"

[storage {name}_remote]
type = "http"
url = "{self.base}/feeds/{feed}.ics"
''')
        with open(vdir_config, "w", encoding="utf-8") as f:
            f.write(f'[general]\nstatus_path = "{os.path.join(self.dir, "status")}/"\n')
            f.write("".join(pairs))
        with open(khal_config, "w", encoding="utf-8") as f:
            f.write(f"""[calendars]
[[plan]]
path = {self.folder("plan")}
readonly = True
[[unit]]
path = {self.folder("unit")}
readonly = True

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = Asia/Shanghai
local_timezone = Asia/Shanghai
firstweekday = 0

[sqlite]
path = {os.path.join(self.dir, "khal.db")}
""")
        return vdir_config, khal_config

    def khal_days(self, khal, khal_config, calendar):
        """{title: [dates]} that `khal list` shows in Feb-Mar 2023 for one calendar, from
        the days under which khal prints each event."""
        out = self.run_client(khal, "-c", khal_config, "list", "-a", calendar,
                              "--format", "{title}", "--day-format", "DAY {date}",
                              "2023-02-01", "2023-03-31")
        days = {}
        day = None
        for line in out.splitlines():
            if line.startswith("DAY "):
                day = line[4:].strip()
            elif line.strip():
                self.assertIsNotNone(day, f"khal printed an event before a day:\n{out}")
                days.setdefault(line.strip(), []).append(day)
        return days, out

    def feed_uid(self, body, title):
        unfolded = unfold(body).decode("utf-8")
        for event in unfolded.split("BEGIN:VEVENT")[1:]:
            summary = re.search(r"^SUMMARY:(.*)\r$", event, re.M)[1]
            if summary == title:
                return re.search(r"^UID:(.*)\r$", event, re.M)[1]
        self.fail(f"no VEVENT titled {title!r} in the feed")

    # --- vdirsyncer + khal -----------------------------------------------------------

    def test_vdirsyncer_and_khal_follow_an_edit_without_duplicates(self):
        vdirsyncer = require_tool(self, "vdirsyncer", "vdirsyncer")
        khal = require_tool(self, "khal", "khal")
        vdir_config, khal_config = self.write_configs()
        plan_feed = self.get(f"/feeds/{PLAN_ID}.ics")
        unit_feed = self.get(f"/feeds/{UNIT_FEED}.ics")
        uid = self.feed_uid(plan_feed, FAIRS_TITLE)

        self.run_client(vdirsyncer, "-c", vdir_config, "discover")
        self.run_client(vdirsyncer, "-c", vdir_config, "sync")
        before = {name: self.files(name) for name in ("plan", "unit")}
        for name, feed in (("plan", plan_feed), ("unit", unit_feed)):
            self.assertEqual(len(before[name]), feed.count(b"BEGIN:VEVENT\r\n"),
                             f"{name}: one file per VEVENT of the feed")
            self.assertTrue(all(f.endswith(".ics") for f in before[name]))

        for calendar in ("plan", "unit"):
            days, out = self.khal_days(khal, khal_config, calendar)
            self.assertEqual(days.get(FAIRS_TITLE), WEEKEND_FAIRS,
                             f"khal list, {calendar}:\n{out}")
            self.assertEqual(days.get(WEDNESDAY_TITLE),
                             [d for d in WEDNESDAYS_2023 if "2023-02-01" <= d <= "2023-03-31"],
                             f"khal list, {calendar}:\n{out}")
        days, out = self.khal_days(khal, khal_config, "plan")
        self.assertEqual(days.get(f"〔1月至3月〕{SPRING_TITLE}"), ["2023-02-01", "2023-03-01"],
                         out)
        self.assertEqual(days.get(f"〔每月一场〕{MONTHLY_FROM_MARCH_TITLE}"), ["2023-03-01"],
                         out)
        # The default format (what a person sees) shows the title too.
        plain = self.run_client(khal, "-c", khal_config, "list", "-a", "plan",
                                "2023-02-01", "2023-03-31")
        self.assertIn(FAIRS_TITLE, plain)
        self.assertIn("2023-02-04", plain)

        # Edit the title in the daemon's data, reload, sync again.
        path = os.path.join(self.data, PLAN_FILE)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        line = f'title = "{FAIRS_TITLE}"'
        self.assertEqual(text.count(line), 1, f"{line} is not unique in {PLAN_FILE}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(line, f'title = "{FAIRS_NEW_TITLE}"'))
        new_plan_feed = self.reload(f"/feeds/{PLAN_ID}.ics",
                                    f"SUMMARY:{FAIRS_NEW_TITLE}\r\n".encode())
        self.assertEqual(self.feed_uid(new_plan_feed, FAIRS_NEW_TITLE), uid,
                         "the feed keeps the activity's UID across the edit")
        self.run_client(vdirsyncer, "-c", vdir_config, "sync")

        for name in ("plan", "unit"):
            after = self.files(name)
            self.assertEqual(len(after), len(before[name]), f"{name}: no duplicate, no loss")
            old_title = f"SUMMARY:{FAIRS_TITLE}\r\n".encode()
            new_title = f"SUMMARY:{FAIRS_NEW_TITLE}\r\n".encode()
            self.assertFalse([f for f, b in after.items() if old_title in unfold(b)],
                             f"{name}: the old title is gone")
            renamed = [f for f, b in after.items() if new_title in unfold(b)]
            self.assertEqual(len(renamed), 1, f"{name}: exactly one file has the new title")
            edited_before = [f for f, b in before[name].items() if old_title in unfold(b)]
            self.assertEqual(len(edited_before), 1)
            # Everything else in the folder is untouched: same names, same bytes.
            untouched_before = {f: b for f, b in before[name].items() if f != edited_before[0]}
            untouched_after = {f: b for f, b in after.items() if f != renamed[0]}
            self.assertEqual(untouched_after, untouched_before, f"{name}: other files moved")

        for calendar in ("plan", "unit"):
            days, out = self.khal_days(khal, khal_config, calendar)
            self.assertEqual(days.get(FAIRS_NEW_TITLE), WEEKEND_FAIRS,
                             f"khal list after the edit, {calendar}:\n{out}")
            self.assertNotIn(FAIRS_TITLE, days, f"khal list after the edit, {calendar}")
            self.assertNotIn(FAIRS_TITLE, out)

    # --- occurrence expansion in two parsers -----------------------------------------

    def python_expand(self, body):
        """{summary: [dates in 2023]} of every VEVENT, expanded with python icalendar and
        dateutil (python icalendar does not expand RRULE itself); and the set of summaries
        of recurring events."""
        try:
            import icalendar
            from dateutil import rrule
        except ImportError as e:
            self.fail(f"{e}: apt-get install python3-icalendar python3-dateutil")
        out, recurring = {}, set()
        for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
            start = event["DTSTART"].dt
            self.assertIsInstance(start, datetime.date)
            dates = {start}
            if "RRULE" in event:
                rule = rrule.rrulestr(event["RRULE"].to_ical().decode(),
                                      dtstart=datetime.datetime.combine(start, datetime.time()))
                dates |= {d.date() for d in rule.between(
                    datetime.datetime(2023, 1, 1), datetime.datetime(2023, 12, 31, 23, 59),
                    inc=True)}

            def listed(name):
                value = event.get(name, [])
                for entry in value if isinstance(value, list) else [value]:
                    for d in entry.dts:
                        yield d.dt

            dates |= set(listed("RDATE"))
            dates -= set(listed("EXDATE"))
            summary = str(event["SUMMARY"])
            self.assertNotIn(summary, out, f"two VEVENTs titled {summary}")
            if "RRULE" in event or "RDATE" in event:
                recurring.add(summary)
            out[summary] = sorted(d.isoformat() for d in dates if d.year == 2023)
        return out, recurring

    def ical_js_expand(self, path):
        node = shutil.which("node")
        if node is None:
            self.fail("node is not installed: ical.js cannot be checked "
                      "(apt-get install nodejs, then npm install in tests/integration)")
        if not os.path.isdir(os.path.join(HERE, "node_modules", "ical.js")):
            self.fail(f"ical.js is missing: run `npm install` in {HERE}")
        proc = subprocess.run([node, "-e", ICAL_JS_EXPAND, path], cwd=HERE,
                              capture_output=True, text=True, timeout=CLIENT_TIMEOUT)
        if proc.returncode != 0:
            self.fail(f"ical.js failed on {path}: {proc.stderr}")
        events = json.loads(proc.stdout)
        out = {}
        for e in events:
            # The feed repeats DTSTART as the first RDATE of RDATE-only events, because
            # ical.js 2.x otherwise skips the DTSTART instance (kewisch/ical.js PR #534).
            occurrences = e["occurrences"]
            out[e["summary"]] = occurrences
        return out, {e["summary"] for e in events if e["recurring"]}

    def test_both_parsers_expand_recurrences_to_the_expected_dates(self):
        body = self.get(f"/feeds/{PLAN_ID}.ics")
        path = os.path.join(self.dir, f"{PLAN_ID}.ics")
        with open(path, "wb") as f:
            f.write(body)
        python, python_recurring = self.python_expand(body)
        js, js_recurring = self.ical_js_expand(path)

        self.assertEqual(set(js), set(python), "both parsers see the same events")
        self.assertEqual(js_recurring, python_recurring)
        self.assertGreaterEqual(len(python_recurring), 10, sorted(python_recurring))
        for summary in sorted(python_recurring):
            self.assertGreater(len(python[summary]), 1, f"python: {summary} does not recur")
            self.assertEqual(js[summary], python[summary], f"ical.js vs python: {summary}")

        def by_title(title):
            found = [s for s in python if s == title or s.endswith("〕" + title)]
            self.assertEqual(len(found), 1, f"one VEVENT titled {title}: {found}")
            return found[0]

        self.assertEqual(len(WEDNESDAYS_2023), 52)
        self.assertTrue(all(datetime.date.fromisoformat(d).weekday() == 2
                            for d in WEDNESDAYS_2023))
        expected = {
            FAIRS_TITLE: WEEKEND_FAIRS,
            WEDNESDAY_TITLE: WEDNESDAYS_2023,
            MONTHLY_FROM_MARCH_TITLE: MONTHLY_FROM_MARCH,
            SPRING_TITLE: SPRING_MARKERS,
            FRUIT_TITLE: FRUIT_MARKERS,
            RURAL_ROUTES_TITLE: RURAL_ROUTES,
        }
        for title, dates in expected.items():
            summary = by_title(title)
            self.assertIn(summary, python_recurring, f"{summary} is a recurring VEVENT")
            self.assertEqual(python[summary], dates, f"python icalendar + dateutil: {summary}")
            self.assertEqual(js[summary], dates, f"ical.js: {summary}")


if __name__ == "__main__":
    unittest.main()
