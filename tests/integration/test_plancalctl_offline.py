"""plancalctl's offline commands (parse, check, import, activities) run as real processes
against the bundled plan and a real SQLite file."""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

CTL = os.environ["PLANCALCTL"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
BUNDLED = os.path.join(SRC, "data", "plans", "jinshan-2023.toml")


def ctl(*args, check=True):
    proc = subprocess.run([CTL, *args], capture_output=True, text=True, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"plancalctl {args} failed ({proc.returncode}): {proc.stderr}")
    return proc


class ParseCommand(unittest.TestCase):
    def test_json_of_weekend_job_fairs(self):
        out = ctl("parse", "--json", "--year", "2023", "2月4日至3月5日，每周六、周日").stdout
        readings = json.loads(out.splitlines()[0])
        self.assertEqual(len(readings), 1)
        r = readings[0]
        self.assertEqual(r["kind"], "recurring")
        self.assertEqual((r["start"], r["end"]), ("2023-02-04", "2023-03-05"))
        self.assertEqual(r["precision"], "day")
        self.assertIn("FREQ=WEEKLY", r["rrule"])
        self.assertIn("BYDAY=SA,SU", r["rrule"])
        self.assertNotIn("DTSTART", r["rrule"])

    def test_lunar_and_festival_readings_show_their_rule(self):
        out = ctl("parse", "--year", "2024", "春节期间举办庙会", "农历三月十二至十八日").stdout
        self.assertIn("春节 = 农历正月初一 = 2024-02-10", out)
        self.assertIn("2024-02-10 … 2024-02-17", out)  # the 2024 holiday file's 春节
        self.assertIn("2024-04-20 … 2024-04-26", out)
        readings = json.loads(ctl("parse", "--json", "--year", "2024", "小年").stdout.splitlines()[0])
        self.assertTrue(readings[0]["ambiguous"])
        self.assertEqual(readings[0]["start"], "2024-02-02")
        self.assertIn("rule", readings[0])

    def test_global_options_before_the_command_and_help_per_command(self):
        before = ctl("--json", "parse", "--year", "2024", "春节").stdout
        after = ctl("parse", "--year", "2024", "春节", "--json").stdout
        self.assertEqual(before, after)
        self.assertIn("usage: plancalctl reminders", ctl("reminders", "--help").stdout)
        self.assertIn("usage: plancalctl status [--socket PATH]", ctl("status", "--help").stdout)
        for args in (["--socket", "/nonexistent/admin.sock", "status"],
                     ["status", "--socket", "/nonexistent/admin.sock"]):
            proc = ctl(*args, check=False)
            self.assertEqual(proc.returncode, 3, args)
            self.assertIn("/nonexistent/admin.sock", proc.stderr)

    def test_metadata_dates_are_marked(self):
        out = ctl("parse", "--json", "发文日期：2023-01-03").stdout
        self.assertEqual(json.loads(out.splitlines()[0])[0]["metadata"], "发文日期")

    def test_one_json_array_per_input(self):
        out = ctl("parse", "--json", "第二季度", "五五购物节", "9月下旬").stdout.splitlines()
        self.assertEqual(len(out), 3)
        q2, quiet, late_sept = (json.loads(line) for line in out)
        self.assertEqual((q2[0]["start"], q2[0]["end"], q2[0]["precision"]),
                         ("2023-04-01", "2023-06-30", "quarter"))
        self.assertEqual(quiet, [])
        self.assertEqual((late_sept[0]["start"], late_sept[0]["end"]), ("2023-09-21", "2023-09-30"))

    def test_year_option_applies_to_phrases_without_a_year(self):
        out = ctl("parse", "--json", "--year", "2024", "5月前后", "2025年3月1日").stdout.splitlines()
        may, march = json.loads(out[0])[0], json.loads(out[1])[0]
        self.assertEqual(may["start"], "2024-05-01")
        self.assertTrue(may["approximate"])
        self.assertEqual(march["start"], "2025-03-01")

    def test_human_output_is_readable(self):
        out = ctl("parse", "第二季度").stdout
        self.assertIn("第二季度", out)
        self.assertIn("2023-04-01", out)
        self.assertIn("quarter", out)
        self.assertNotIn("{", out)

    def test_impossible_date_is_reported_with_nonzero_status(self):
        proc = ctl("parse", "2月30日举办", check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("2月30日", proc.stdout + proc.stderr)

    def test_usage_errors(self):
        self.assertEqual(ctl("parse", check=False).returncode, 2)
        self.assertEqual(ctl("parse", "--year", "abc", "5月", check=False).returncode, 2)
        self.assertEqual(ctl("nonsense", check=False).returncode, 2)


class CheckAndImport(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancal-test-")
        self.db = os.path.join(self.dir, "plancal.db")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def activities(self):
        return json.loads(ctl("activities", "--db", self.db, "--json").stdout)

    def test_check_bundled_plan(self):
        out = ctl("check", BUNDLED).stdout
        self.assertIn("ok", out)
        self.assertIn("jinshan-2023", out)

    def test_check_reports_file_and_line_and_touches_no_database(self):
        broken = os.path.join(self.dir, "broken.toml")
        with open(BUNDLED, encoding="utf-8") as f:
            lines = f.read().split("\n")
        # Point the first activity's category at a value that does not exist.
        index = next(i for i, l in enumerate(lines) if l.strip().startswith("category ="))
        lines[index] = 'category = "picnic"'
        with open(broken, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        proc = ctl("check", broken, check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertRegex(proc.stderr, re.escape(broken) + f":{index + 1}(:\\d+)?: .*picnic")
        self.assertEqual(os.listdir(self.dir), ["broken.toml"])

    def test_check_a_data_directory_with_its_holiday_files(self):
        out = ctl("check", os.path.join(SRC, "data")).stdout
        self.assertIn("jinshan-2023", out)
        for year in (2023, 2024, 2025, 2026):
            self.assertIn(f"working days of {year}", out)
        data = os.path.join(self.dir, "data")
        shutil.copytree(os.path.join(SRC, "data"), data)
        os.remove(os.path.join(data, "holidays", "cn-2023.toml"))
        proc = ctl("check", data)
        self.assertIn("has activities in 2023, for which there is no holiday file", proc.stderr)
        broken = os.path.join(data, "holidays", "cn-2024.toml")
        with open(broken, "a", encoding="utf-8") as f:
            f.write("\n[[workdays]]\ndate = 2024-03-06\n")  # a Wednesday
        for args in ([data], [broken]):
            proc = ctl("check", *args, check=False)
            self.assertEqual(proc.returncode, 1, args)
            self.assertRegex(proc.stderr, re.escape(broken) + r":\d+:\d+: .*Saturday or Sunday")

    def test_an_emptied_database_is_refused(self):
        with open(self.db, "w"):
            pass
        proc = ctl("import", BUNDLED, "--db", self.db, check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("exists but is empty", proc.stderr)
        ctl("import", os.path.join(self.dir, "absent.toml"), "--db", self.db, check=False)
        self.assertEqual(os.path.getsize(self.db), 0)  # nothing written into it

    def test_a_new_database_is_readable_by_its_owner_only(self):
        ctl("import", BUNDLED, "--db", self.db)
        self.assertEqual(os.stat(self.db).st_mode & 0o777, 0o600)

    def test_reimport_changes_nothing_and_keeps_uids(self):
        first = ctl("import", BUNDLED, "--db", self.db, "--now", "2023-02-13T09:00").stdout
        added = int(re.search(r"(\d+) added", first).group(1))
        self.assertGreater(added, 50)
        before = self.activities()
        second = ctl("import", BUNDLED, "--db", self.db, "--now", "2023-03-01T09:00").stdout
        self.assertIn("0 added, 0 changed, 0 removed", second)
        self.assertIn(f"{added} unchanged", second)
        after = self.activities()
        self.assertEqual(before, after)
        self.assertEqual(len({a["uid"] for a in after}), added)
        with sqlite3.connect(self.db) as con:
            self.assertEqual(con.execute("select count(*) from activities").fetchone()[0], added)

    def test_editing_one_activity_bumps_only_its_sequence(self):
        ctl("import", BUNDLED, "--db", self.db, "--now", "2023-02-13T09:00")
        before = {a["uid"]: a for a in self.activities()}
        edited = os.path.join(self.dir, "edited.toml")
        with open(BUNDLED, encoding="utf-8") as f:
            text = f.read()
        match = re.search(r'^title = "(金山旅游节[^"]*|[^"]*旅游节[^"]*)"', text, re.M)
        self.assertIsNotNone(match, "the bundled plan has a 旅游节 activity")
        text = text[: match.start(1)] + match.group(1) + "（改期）" + text[match.end(1):]
        with open(edited, "w", encoding="utf-8") as f:
            f.write(text)
        out = ctl("import", edited, "--db", self.db, "--now", "2023-04-01T09:00").stdout
        self.assertIn("0 added, 1 changed, 0 removed", out)
        after = {a["uid"]: a for a in self.activities()}
        self.assertEqual(before.keys(), after.keys())
        changed = [uid for uid in after if after[uid] != before[uid]]
        self.assertEqual(len(changed), 1)
        a, b = before[changed[0]], after[changed[0]]
        self.assertEqual((a["sequence"], b["sequence"]), (0, 1))
        self.assertTrue(b["title"].endswith("（改期）"))
        self.assertGreater(b["last_modified"], a["last_modified"])

    def test_bad_file_writes_nothing_to_an_existing_database(self):
        ctl("import", BUNDLED, "--db", self.db, "--now", "2023-02-13T09:00")
        before = self.activities()
        broken = os.path.join(self.dir, "broken.toml")
        with open(BUNDLED, encoding="utf-8") as f:
            text = f.read()
        with open(broken, "w", encoding="utf-8") as f:
            f.write(text.replace('units = ["rsj"]', 'units = ["no-such-unit"]', 1))
        proc = ctl("import", broken, "--db", self.db, check=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("no-such-unit", proc.stderr)
        self.assertIn("nothing imported", proc.stderr)
        self.assertEqual(self.activities(), before)

    def test_activities_table_lists_chinese_titles(self):
        ctl("import", BUNDLED, "--db", self.db)
        out = ctl("activities", "--db", self.db, "--category", "job_fair").stdout
        self.assertIn("招聘", out)
        self.assertRegex(out, r"\d+ activities")


if __name__ == "__main__":
    unittest.main()
