"""plancalctl draft and diff as real processes: the seed as text, as a PDF made here with
reportlab and a CJK font from Debian, and in GB18030; a district page in HTML (GBK, with
menus and footer); bad inputs; and a drafted plan loaded by a running plancald."""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import tomllib
import unittest

from icalendar import Calendar

CTL = os.environ["PLANCALCTL"]
PLANCALD = os.environ["PLANCALD"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
SEED = os.path.join(SRC, "tests", "fixtures", "draft", "jinshan-2023.txt")
HTML = os.path.join(SRC, "tests", "fixtures", "draft", "html", "songjiang-2025.html")
HAND = os.path.join(SRC, "data", "plans", "jinshan-2023.toml")
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def ctl(*args, check=True):
    proc = subprocess.run([CTL, *args], capture_output=True, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"plancalctl {args} failed ({proc.returncode}): {proc.stderr.decode()}")
    return proc


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def body_of(toml_text):
    """The draft without its first comment line, which names the source file."""
    return toml_text.split(b"\n", 1)[1]


def seed_pdf(path, lines_per_page=48):
    """The seed's lines drawn one per text line, as a PDF export would place them."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
    c = canvas.Canvas(path)
    y, n = 800, 0
    with open(SEED, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            c.setFont("WQY", 10)
            c.drawString(40, y, line)
            y, n = y - 16, n + 1
            if n % lines_per_page == 0:
                c.showPage()
                y = 800
    c.showPage()
    c.save()


class Draft(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plancal-draft-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_seed_text_drafts_a_file_that_checks_twice_the_same(self):
        first = ctl("draft", SEED, "-o", self.path("a.toml"))
        ctl("draft", SEED, "-o", self.path("b.toml"))
        self.assertEqual(read_bytes(self.path("a.toml")), read_bytes(self.path("b.toml")))
        summary = first.stderr.decode()
        self.assertRegex(summary, r"drafted plan jinshan-2023: \d+ sections, 74 items, \d+ units, "
                                  r"\d+ activities, \d+ REVIEW marks")
        check = ctl("check", self.path("a.toml")).stdout.decode()
        self.assertIn("ok: plan jinshan-2023 (金发改规〔2023〕1号)", check)
        # stdout is the same file as -o
        self.assertEqual(ctl("draft", SEED).stdout, read_bytes(self.path("a.toml")))

    def test_pdf_of_the_seed_drafts_to_the_same_file_as_its_text(self):
        seed_pdf(self.path("seed.pdf"))
        pdf = ctl("draft", self.path("seed.pdf")).stdout
        text = ctl("draft", SEED).stdout
        self.assertTrue(pdf.startswith(b"# Drafted by plancalctl draft from seed.pdf."))
        self.assertEqual(body_of(pdf), body_of(text))

    def test_gb18030_text_drafts_like_utf8(self):
        with open(SEED, encoding="utf-8") as f, open(self.path("seed-gbk.txt"), "wb") as out:
            out.write(f.read().encode("gb18030"))
        self.assertEqual(body_of(ctl("draft", self.path("seed-gbk.txt")).stdout),
                         body_of(ctl("draft", SEED).stdout))

    def test_html_page_of_a_district_site(self):
        out = ctl("draft", HTML, "-o", self.path("songjiang.toml"))
        self.assertIn("6 items", out.stderr.decode())
        ctl("check", self.path("songjiang.toml"))
        with open(self.path("songjiang.toml"), "rb") as f:
            plan = tomllib.load(f)
        header = plan["plan"]
        self.assertEqual(header["id"], "songjiang-2025")
        self.assertEqual(header["title"], "松江区2025年消费提振活动方案")
        self.assertEqual(header["document_number"], "沪松府办〔2025〕8号")
        self.assertEqual(header["issuer"], "上海市松江区人民政府办公室")
        self.assertEqual(str(header["published"]), "2025-02-20")
        self.assertEqual((str(header["effective_from"]), str(header["effective_until"])),
                         ("2025-03-01", "2025-12-31"))
        names = {u["id"]: u["name"] for u in plan["units"]}
        self.assertLessEqual({"区商务委", "区财政局", "区文旅局", "区发展改革委"}, set(names.values()))
        for unit in plan["units"]:
            self.assertTrue(all(e.endswith(".example.org") for e in unit["emails"]))
        items = plan["items"]
        self.assertEqual([i["kind"] for i in items], ["measure"] * 3 + ["project"] * 3)
        whens = [a["when"] for i in items for a in i.get("activities", [])]
        self.assertEqual(whens, ["3月至4月", "7月中旬", "4月至6月，每周六", "2025年2月底前", "5月", "下半年"])
        # menus, breadcrumb, scripts and footer are not the plan's text
        text = read_text(self.path("songjiang.toml"))
        for furniture in ("政务服务", "当前位置", "脚本里的字", "网站地图", "沪ICP备"):
            self.assertNotIn(furniture, text)
        self.assertEqual(names[items[5]["units"][0]], "区发展改革委")  # lead unit first
        self.assertEqual(items[3]["section"], "二、任务分工")

    def test_bad_inputs_get_a_clear_error_and_no_crash(self):
        from reportlab.pdfgen import canvas
        cases = {}
        open(self.path("empty.txt"), "wb").close()
        cases["empty.txt"] = "the file is empty"
        with open(self.path("random.bin"), "wb") as f:
            f.write(bytes(range(256)) * 64)
        cases["random.bin"] = "binary data"
        c = canvas.Canvas(self.path("scan.pdf"))
        c.rect(50, 50, 400, 600, fill=1)  # a page with an image-like shape and no text
        c.showPage()
        c.save()
        cases["scan.pdf"] = "no text layer"
        with open(self.path("big.txt"), "wb") as f:
            line = "1月至3月，举办招聘会。（责任单位：区人社局）\n".encode()
            f.write(line * (50 * 1024 * 1024 // len(line)))
        cases["big.txt"] = "larger than 20 MB"
        with open(self.path("prose.txt"), "w", encoding="utf-8") as f:
            f.write("今天天气很好，我们去公园散步。\n")
        cases["prose.txt"] = "no numbered measure and no task-table row"
        with open(self.path("broken.pdf"), "wb") as f:
            f.write(b"%PDF-1.7\n" + b"\x00garbage" * 100)
        cases["broken.pdf"] = "not a PDF"
        for name, message in cases.items():
            proc = ctl("draft", self.path(name), check=False)
            err = proc.stderr.decode()
            self.assertEqual(proc.returncode, 1, f"{name}: {err}")
            self.assertIn(self.path(name), err, name)
            self.assertIn(message, err, name)
            self.assertEqual(proc.stdout, b"", name)
        self.assertEqual(ctl("draft", "--year", "abc", SEED, check=False).returncode, 2)
        self.assertEqual(ctl("draft", "--id", "Not Ok", SEED, check=False).returncode, 2)
        # the loader's id rule, length included: a draft must load
        self.assertEqual(ctl("draft", "--id", "x" * 65, SEED, check=False).returncode, 2)
        self.assertEqual(ctl("draft", self.path("missing.txt"), check=False).returncode, 1)

    def test_diff_shows_changes_in_plan_terms(self):
        same = ctl("diff", HAND, HAND).stdout.decode()
        self.assertIn("0 activities added, 0 removed, 0 re-dated, 0 retitled", same)
        edited = read_text(HAND).replace('when = "9月"\n', 'when = "9月下旬"\n', 1)
        self.assertNotEqual(edited, read_text(HAND))
        with open(self.path("edited.toml"), "w", encoding="utf-8") as f:
            f.write(edited)
        changed = ctl("diff", HAND, self.path("edited.toml")).stdout.decode()
        self.assertRegex(changed, r"~ activity a3\.\d+ 金山旅游节活动: .*2023-09-01 … 2023-09-30.* -> .*9月下旬")
        self.assertIn("0 activities added, 0 removed, 1 re-dated, 0 retitled", changed)
        retitled = read_text(HAND).replace('title = "金山旅游节活动"', 'title = "金山旅游节"', 1)
        with open(self.path("retitled.toml"), "w", encoding="utf-8") as f:
            f.write(retitled)
        out = ctl("diff", HAND, self.path("retitled.toml")).stdout.decode()
        self.assertRegex(out, r"\* activity a3\.\d+ retitled: 金山旅游节活动 -> 金山旅游节")
        ctl("draft", SEED, "-o", self.path("draft.toml"))
        versus = ctl("diff", HAND, self.path("draft.toml")).stdout.decode()
        self.assertRegex(versus, r"\d+ activities added, \d+ removed, \d+ re-dated, \d+ retitled, \d+ unchanged")
        bad = ctl("diff", HAND, self.path("missing.toml"), check=False)
        self.assertEqual(bad.returncode, 1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DraftedPlanInTheDaemon(unittest.TestCase):
    def test_reload_serves_the_drafted_plan(self):
        work = tempfile.mkdtemp(prefix="plancal-draft-daemon-")
        try:
            data = os.path.join(work, "data")
            shutil.copytree(os.path.join(SRC, "data"), data)
            port = free_port()
            log = open(os.path.join(work, "log"), "wb")
            proc = subprocess.Popen(
                [PLANCALD, "--listen", f"127.0.0.1:{port}", "--data", data,
                 "--db", os.path.join(work, "plancal.db"), "--now", "2025-03-01T09:00"],
                stdout=log, stderr=subprocess.STDOUT)
            base = f"http://127.0.0.1:{port}"

            def get(path):
                r = subprocess.run(["curl", "-s", "-o", "-", "-w", "\n%{http_code}", base + path],
                                   capture_output=True, timeout=20)
                body, _, status = r.stdout.rpartition(b"\n")
                return int(status or 0), body

            try:
                deadline = time.monotonic() + 30
                while get("/healthz")[0] != 200:
                    self.assertIsNone(proc.poll())
                    self.assertLess(time.monotonic(), deadline)
                    time.sleep(0.1)
                self.assertEqual(get("/feeds/songjiang-2025.ics")[0], 404)
                ctl("draft", HTML, "-o", os.path.join(data, "plans", "songjiang-2025.toml"))
                proc.send_signal(signal.SIGHUP)
                deadline = time.monotonic() + 20
                while (status := get("/feeds/songjiang-2025.ics"))[0] != 200:
                    self.assertLess(time.monotonic(), deadline, read_text(log.name))
                    time.sleep(0.2)
                events = Calendar.from_ical(status[1]).walk("VEVENT")
                summaries = {str(e["SUMMARY"]) for e in events}
                # every activity: the plan is public, its deadline too
                self.assertEqual(len(events), 6, summaries)
                self.assertIn("〔截止〕制定消费券发放细则", summaries)
                self.assertTrue(any("啤酒节" in s for s in summaries), summaries)
            finally:
                proc.kill()
                proc.wait(timeout=10)
                log.close()
        finally:
            shutil.rmtree(work)


if __name__ == "__main__":
    unittest.main()
