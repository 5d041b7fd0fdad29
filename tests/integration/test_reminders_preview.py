"""plancalctl reminders: the offline preview of the reminders of the bundled plan for 2023,
checked against the 2023 holiday facts written out independently here."""

import datetime
import json
import os
import subprocess
import tempfile
import tomllib
import unittest

CTL = os.environ["PLANCALCTL"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
DATA = os.path.join(SRC, "data")


def days(first, last):
    d, out = datetime.date.fromisoformat(first), set()
    while d <= datetime.date.fromisoformat(last):
        out.add(d)
        d += datetime.timedelta(days=1)
    return out


# From the State Council notice (docs: /work/shared/reference/cn-public-holidays-2023.md).
DAYS_OFF = (days("2022-12-31", "2023-01-02") | days("2023-01-21", "2023-01-27")
            | days("2023-04-05", "2023-04-05") | days("2023-04-29", "2023-05-03")
            | days("2023-06-22", "2023-06-24") | days("2023-09-29", "2023-10-06"))
WORKING_WEEKEND = {datetime.date.fromisoformat(d) for d in (
    "2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07",
    "2023-10-08")}


def is_working_day(d):
    if d in WORKING_WEEKEND:
        return True
    return d.weekday() < 5 and d not in DAYS_OFF


def preview(*extra):
    proc = subprocess.run([CTL, "reminders", "--from", "2023-01-01", "--to", "2023-12-31",
                           "--data", DATA, "--json", *extra],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"plancalctl reminders failed ({proc.returncode}): {proc.stderr}")
    return json.loads(proc.stdout)


class RemindersPreview(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rows = preview()
        with open(os.path.join(DATA, "plans", "jinshan-2023.toml"), "rb") as f:
            cls.plan = tomllib.load(f)

    def test_there_are_reminders(self):
        self.assertGreater(len(self.rows), 50)
        for key in ("send_at", "unit", "item", "activity_uid", "kind", "lead_days", "due"):
            self.assertIn(key, self.rows[0])

    def test_sent_at_nine_on_working_days_in_range(self):
        for row in self.rows:
            send_at = datetime.datetime.fromisoformat(row["send_at"])
            self.assertEqual(send_at.utcoffset(), datetime.timedelta(hours=8), row)
            self.assertEqual((send_at.hour, send_at.minute, send_at.second), (9, 0, 0), row)
            self.assertTrue(row["send_at"].endswith("T09:00:00+08:00"), row)
            self.assertTrue(is_working_day(send_at.date()), row)
            self.assertEqual(send_at.year, 2023, row)

    def test_sorted_by_send_time(self):
        times = [row["send_at"] for row in self.rows]
        self.assertEqual(times, sorted(times))

    def test_keys_are_unique(self):
        keys = [(r["activity_uid"], r["due"], r["unit"], r["kind"], r["lead_days"],
                 r["about_unit"]) for r in self.rows]
        self.assertEqual(len(keys), len(set(keys)))

    def test_units_and_items_exist_in_the_plan(self):
        units = {u["id"] for u in self.plan["units"]}
        items = {i["id"] for i in self.plan["items"]}
        for row in self.rows:
            self.assertIn(row["unit"], units, row)
            self.assertIn(row["about_unit"], units, row)
            self.assertIn(row["item"], items, row)

    def test_lead_days_count_working_days(self):
        for row in self.rows:
            send = datetime.datetime.fromisoformat(row["send_at"]).date()
            due = datetime.date.fromisoformat(row["due"])
            if due.year != 2023:
                continue
            if row["kind"] == "overdue":
                first, last = due, send
            else:
                first, last = send, due
            between = sum(1 for d in days(first.isoformat(), last.isoformat())
                          if d != first and is_working_day(d))
            if row["kind"] != "overdue" and not is_working_day(due):
                between += 1  # counted back from a day off: that day is not a working day
            self.assertEqual(between, row["lead_days"], row)

    def test_weekend_job_fairs_remind_rsj_before_4_february(self):
        fairs = [r for r in self.rows
                 if r["unit"] == "rsj" and r["kind"] == "before_start" and r["due"] == "2023-02-04"]
        self.assertEqual(sorted(r["lead_days"] for r in fairs), [1, 7])
        for r in fairs:
            self.assertLess(r["send_at"][:10], "2023-02-04")
        self.assertIn("2023-01-28T09:00:00+08:00", {r["send_at"] for r in fairs})

    def test_overdue_notices_escalate_to_fgw(self):
        overdue = [r for r in self.rows if r["kind"] == "overdue"]
        self.assertTrue(overdue)
        escalated = [r for r in overdue if r["unit"] != r["about_unit"]]
        self.assertTrue(escalated)
        self.assertEqual({r["unit"] for r in escalated}, {"fgw"})

    def test_unit_filter(self):
        rsj = preview("--unit", "rsj")
        self.assertTrue(rsj)
        self.assertEqual({r["unit"] for r in rsj}, {"rsj"})
        self.assertEqual(rsj, [r for r in self.rows if r["unit"] == "rsj"])

    def test_human_output_names_units_in_chinese(self):
        proc = subprocess.run([CTL, "reminders", "--from", "2023-01-20", "--to", "2023-02-05",
                               "--data", DATA, "--unit", "rsj"],
                              capture_output=True, text=True, timeout=120, check=True)
        self.assertIn("区人社局", proc.stdout)
        self.assertIn("2023-01-28", proc.stdout)
        self.assertNotIn("{", proc.stdout)

    def test_database_gives_the_same_preview(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "plancal.db")
            subprocess.run([CTL, "import", os.path.join(DATA, "plans", "jinshan-2023.toml"),
                            "--db", db], capture_output=True, timeout=120, check=True)
            proc = subprocess.run([CTL, "reminders", "--from", "2023-01-01", "--to",
                                   "2023-12-31", "--db", db, "--holidays",
                                   os.path.join(DATA, "holidays"), "--json"],
                                  capture_output=True, text=True, timeout=120, check=True)
        self.assertEqual(json.loads(proc.stdout), self.rows)

    def test_the_daemons_configuration_is_used(self):
        with tempfile.TemporaryDirectory() as tmp:
            config = os.path.join(tmp, "plancal.toml")
            with open(config, "w") as f:
                f.write('[reminders]\nsend_time = "14:30"\ndeadline_lead_days = [2]\n'
                        'activity_lead_days = [4]\n')
            rows = preview("--config", config)
            bad = os.path.join(tmp, "bad.toml")
            with open(bad, "w") as f:
                f.write("[reminders]\nsend_tme = \"09:00\"\n")
            proc = subprocess.run([CTL, "reminders", "--from", "2023-01-01", "--to", "2023-12-31",
                                   "--data", DATA, "--config", bad], capture_output=True,
                                  text=True, timeout=120)
        self.assertNotEqual(rows, self.rows)
        self.assertTrue(all(r["send_at"][11:16] == "14:30" for r in rows))
        leads = {r["lead_days"] for r in rows if r["kind"] != "overdue"}
        self.assertEqual(leads, {2, 4})
        self.assertEqual(proc.returncode, 1)
        self.assertIn("bad.toml:2:1", proc.stderr)
        self.assertIn("did you mean 'send_time'", proc.stderr)

    def test_bad_arguments(self):
        for args in (["--from", "2023-01-01", "--to", "2023-12-31"],
                     ["--from", "2023-13-01", "--to", "2023-12-31", "--data", DATA],
                     ["--from", "2023-12-31", "--to", "2023-01-01", "--data", DATA],
                     ["--from", "2023-01-01", "--to", "2023-12-31", "--data", DATA,
                      "--unit", "nobody"]):
            proc = subprocess.run([CTL, "reminders", *args], capture_output=True, text=True,
                                  timeout=120)
            self.assertEqual(proc.returncode, 2, args)


if __name__ == "__main__":
    unittest.main()
