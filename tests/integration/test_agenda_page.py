"""The front page (the agenda) and the item pages of a running plancald, loaded in a real
browser: headless Chromium from Debian dumps the DOM the tests assert on, and takes a
screenshot of the agenda kept as a test artefact (test-artifacts/agenda.png in the build
tree)."""

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
from html.parser import HTMLParser

PLANCALD = os.environ["PLANCALD"]
SRC = os.environ["PLANCAL_SOURCE_DIR"]
PLAN_ID = "jinshan-2023"
ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(PLANCALD)), "test-artifacts")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium(*args, timeout=90):
    profile = tempfile.mkdtemp(prefix="plancal-chromium-")
    try:
        proc = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", f"--user-data-dir={profile}", *args],
            capture_output=True, timeout=timeout)
        return proc
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class Dom(HTMLParser):
    """The elements of a dumped DOM with their attributes and text, in document order."""

    def __init__(self, html):
        super().__init__()
        self.raw = html
        self.elements = []  # [tag, attrs dict, text]
        self.stack = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs), ""]
        self.elements.append(element)
        if tag not in ("meta", "br", "link", "img", "input"):
            self.stack.append(element)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for element in self.stack:
            element[2] += data

    def having_class(self, name):
        return [e for e in self.elements if name in e[1].get("class", "").split()]


@unittest.skipIf(CHROMIUM is None, "chromium is not installed (.ci/install-deps installs it)")
class AgendaInChromium(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="plancal-agenda-")
        cls.port = free_port()
        cls.base = f"http://127.0.0.1:{cls.port}"
        cls.log = open(os.path.join(cls.dir, "log"), "wb")
        cls.proc = subprocess.Popen(
            [PLANCALD, "--listen", f"127.0.0.1:{cls.port}", "--data", os.path.join(SRC, "data"),
             "--db", os.path.join(cls.dir, "plancal.db"), "--now", "2023-05-20T09:00",
             "--mail-spool", os.path.join(cls.dir, "spool")],
            stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            r = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                cls.base + "/healthz"], capture_output=True, text=True)
            if r.stdout == "200":
                break
            if cls.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("plancald did not come up")
            time.sleep(0.1)
        feeds = subprocess.run(["curl", "-s", cls.base + "/feeds.json"], capture_output=True,
                               check=True).stdout
        cls.feeds = {f["id"]: f for f in json.loads(feeds)}

    @classmethod
    def tearDownClass(cls):
        cls.proc.kill()
        cls.proc.wait(timeout=10)
        cls.log.close()
        shutil.rmtree(cls.dir)

    def dom(self, path):
        proc = chromium("--dump-dom", self.base + path)
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace")[-2000:])
        return Dom(proc.stdout.decode())

    def test_agenda_lists_every_public_activity_upcoming_first(self):
        dom = self.dom("/")
        rows = dom.having_class("row")
        self.assertEqual(len(rows), self.feeds[PLAN_ID]["events"])
        self.assertEqual(len(dom.having_class("bar")), len(rows))
        scale = dom.having_class("scale")[0]
        self.assertEqual(re.findall(r"\d+月", scale[2]), [f"{m}月" for m in range(1, 13)])
        self.assertGreaterEqual(len(dom.having_class("today")), len(rows))  # today is marked
        headings = [e[2] for e in dom.elements if e[0] == "h3"]
        self.assertTrue(headings[0].startswith("即将开始"), headings)
        self.assertTrue(headings[1].startswith("进行中"), headings)
        first = rows[0][2]
        self.assertIn("长三角三地农民画优秀作品征集", first)  # 预计 6月, the soonest to start
        # each row links to its item page, and the bar's width is its precision
        links = [e[1]["href"] for e in dom.elements if e[0] == "a" and "/items/" in e[1].get("href", "")]
        self.assertEqual(len(links), len(rows))
        quarter = next(e for e in dom.having_class("bar") if "第三季度" in e[1].get("title", ""))
        width = float(re.search(r"width:([\d.]+)%", quarter[1]["style"]).group(1))
        self.assertAlmostEqual(width, 92 / 365 * 100, delta=0.5)
        # a hedged phrase (5月前后) is drawn striped, an exact one is not
        raw = dom.raw
        fair = re.search(r'<li class="row"(?:(?!</li>).)*?2023 金山购物节活动(?:(?!</li>).)*</li>', raw, re.S)
        self.assertIsNotNone(fair)
        self.assertIn("hedged", fair.group(0))
        exact = re.search(r'<li class="row"(?:(?!</li>).)*?长三角汽车定向赛(?:(?!</li>).)*</li>', raw, re.S)
        self.assertNotIn("hedged", exact.group(0))

    def test_filters_are_links_that_work_without_javascript(self):
        dom = self.dom("/?category=job_fair")
        rows = dom.having_class("row")
        self.assertEqual(len(rows), self.feeds[f"{PLAN_ID}-category-job_fair"]["events"])
        self.assertTrue(all(r[1]["data-category"] == "job_fair" for r in rows))
        dom = self.dom("/?unit=rsj")
        self.assertEqual(len(dom.having_class("row")), self.feeds[f"{PLAN_ID}-unit-rsj"]["events"])
        self.assertIn("只看 区人社局 负责的活动", dom.having_class("filtered")[0][2])

    def test_subscriptions_grouped_with_empty_feeds_folded(self):
        dom = self.dom("/")
        groups = [e[2] for e in dom.elements if e[0] == "h3" and e[2] in
                  ("整个方案", "按责任单位", "按类别", "按方案章节")]
        self.assertEqual(groups, ["整个方案", "按责任单位", "按类别", "按方案章节"])
        empty = [f for f in self.feeds.values() if not f["private"] and f["events"] == 0]
        folded = [e for e in dom.elements if e[0] == "summary" and "暂无活动" in e[2]]
        self.assertEqual(sum(int(re.search(r"(\d+) 个", e[2]).group(1)) for e in folded), len(empty))

    def test_item_page_shows_text_units_phones_and_readings(self):
        dom = self.dom(f"/items/{PLAN_ID}/a1")
        text = " ".join(e[2] for e in dom.elements if e[0] in ("p", "li", "dd", "dt", "h1"))
        self.assertIn("区人社局（牵头）", text)
        self.assertIn("67961951", text)  # the unit's phone
        self.assertIn("原文：“2月 4日至 3月 5日，每周六、周日”", text)
        self.assertIn("东西部劳务协作现场招聘会（镇沅县）", text)
        self.assertEqual(len([e for e in dom.elements if e[0] == "dt"]), 6)
        missing = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                  self.base + f"/items/{PLAN_ID}/nope"], capture_output=True, text=True)
        self.assertEqual(missing.stdout, "404")

    def test_screenshot_of_the_agenda_is_kept(self):
        os.makedirs(ARTIFACTS, exist_ok=True)
        png = os.path.join(ARTIFACTS, "agenda.png")
        if os.path.exists(png):
            os.remove(png)
        proc = chromium("--window-size=1100,1600", f"--screenshot={png}", self.base + "/")
        self.assertEqual(proc.returncode, 0, proc.stderr.decode(errors="replace")[-2000:])
        with open(png, "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"\x89PNG"))
        self.assertGreater(len(data), 30_000)  # a page of bars and text, not a blank
        phone = os.path.join(ARTIFACTS, "agenda-phone.png")
        proc = chromium("--window-size=390,844", f"--screenshot={phone}", self.base + "/")
        self.assertEqual(proc.returncode, 0)


if __name__ == "__main__":
    unittest.main()
