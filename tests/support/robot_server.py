"""A local stand-in for the three chat robot APIs plancal posts to, written from their
public documentation (it cannot reach the real ones):

  WeCom group robot    POST /cgi-bin/webhook/send?key=KEY
                       {"msgtype":"markdown","markdown":{"content":...}} (at most 4096 bytes)
  DingTalk custom robot POST /robot/send?access_token=TOKEN[&timestamp=MS&sign=SIGN]
                       sign = urlencode(base64(HMAC-SHA256(secret, f"{MS}\\n{secret}")))
                       {"msgtype":"markdown","markdown":{"title":...,"text":...}}
  Feishu custom bot    POST /open-apis/bot/v2/hook/TOKEN
                       {"msg_type":"interactive","card":{...},"timestamp":S,"sign":SIGN}
                       sign = base64(HMAC-SHA256(key=f"{S}\\n{secret}", msg=b""))

It answers with each API's documented codes: success (errcode / code 0), an unknown key or
token (WeCom 93000, DingTalk 300001, Feishu 19001), a bad or stale signature (DingTalk
310000, Feishu 19021), a malformed message (WeCom 40058), and over 20 messages a minute to
one robot (WeCom 45009, DingTalk 130101, Feishu 11232). Tests steer it: `down` answers
503 to everything, `rate_limit_next[robot]` makes the next N requests to that robot
rate-limited. Every accepted message is kept with its arrival time (time.monotonic())."""

import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_PER_MINUTE = 20


class Received:
    def __init__(self, robot, title, markdown, at):
        self.robot, self.title, self.markdown, self.at = robot, title, markdown, at


class RobotServer:
    def __init__(self):
        self.wecom_keys = set()
        self.dingtalk = {}  # token -> secret ("" when the robot does not sign)
        self.feishu = {}  # token -> secret
        self.down = False
        self.down_hits = 0  # requests answered 503 while down
        self.rate_limit_next = {}  # robot name -> requests still to rate-limit
        self.received = []
        self.refused = []  # (robot, code) of every request answered with an error
        self.lock = threading.Lock()
        self._recent = {}  # robot name -> arrival times within the last minute
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                status, reply = server.handle(self.path, self.headers, body)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def messages(self, robot):
        with self.lock:
            return [m for m in self.received if m.robot == robot]

    # -- the APIs --

    def handle(self, path, headers, body):
        with self.lock:
            if self.down:
                self.down_hits += 1
                return 503, {"error": "service unavailable"}
            url = urllib.parse.urlsplit(path)
            query = urllib.parse.parse_qs(url.query)
            if not headers.get("Content-Type", "").startswith("application/json"):
                return 400, {"errcode": 40035, "errmsg": "invalid content type"}
            try:
                message = json.loads(body)
            except ValueError:
                return 200, {"errcode": 40058, "errmsg": "invalid json"}
            if url.path == "/cgi-bin/webhook/send":
                return self.wecom(query, message)
            if url.path == "/robot/send":
                return self.ding(query, message)
            if url.path.startswith("/open-apis/bot/v2/hook/"):
                return self.feishu_bot(url.path.rsplit("/", 1)[1], message)
            return 404, {"errcode": 404, "errmsg": "no such API"}

    def over_limit(self, robot):
        if self.rate_limit_next.get(robot, 0) > 0:
            self.rate_limit_next[robot] -= 1
            return True
        now = time.monotonic()
        recent = [t for t in self._recent.get(robot, []) if now - t < 60]
        self._recent[robot] = recent + [now]
        return len(recent) >= MAX_PER_MINUTE

    def refuse(self, robot, reply):
        self.refused.append((robot, reply.get("errcode", reply.get("code"))))
        return 200, reply

    def accept(self, robot, title, markdown):
        self.received.append(Received(robot, title, markdown, time.monotonic()))

    def wecom(self, query, message):
        key = query.get("key", [""])[0]
        robot = "wecom:" + key
        if key not in self.wecom_keys:
            return self.refuse(robot, {"errcode": 93000, "errmsg": "invalid webhook url"})
        content = message.get("markdown", {}).get("content")
        if message.get("msgtype") != "markdown" or not isinstance(content, str) or \
                len(content.encode()) > 4096:
            return self.refuse(robot, {"errcode": 40058, "errmsg": "markdown.content exceed"})
        if self.over_limit(robot):
            return self.refuse(robot, {"errcode": 45009, "errmsg": "api freq out of limit"})
        self.accept(robot, "", content)
        return 200, {"errcode": 0, "errmsg": "ok"}

    def ding(self, query, message):
        token = query.get("access_token", [""])[0]
        robot = "dingtalk:" + token
        if token not in self.dingtalk:
            return self.refuse(robot, {"errcode": 300001, "errmsg": "token is not exist"})
        secret = self.dingtalk[token]
        if secret:
            stamp = query.get("timestamp", [""])[0]
            sign = query.get("sign", [""])[0]  # parse_qs has url-decoded it
            expected = base64.b64encode(hmac.new(
                secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()).decode()
            fresh = stamp.isdigit() and abs(int(stamp) / 1000 - time.time()) < 3600
            if not fresh or not hmac.compare_digest(sign, expected):
                return self.refuse(robot, {"errcode": 310000, "errmsg": "sign not match"})
        md = message.get("markdown", {})
        if message.get("msgtype") != "markdown" or not md.get("title") or not md.get("text"):
            return self.refuse(robot, {"errcode": 40035, "errmsg": "缺少参数 markdown"})
        if self.over_limit(robot):
            return self.refuse(robot, {"errcode": 130101, "errmsg": "send too fast"})
        self.accept(robot, md["title"], md["text"])
        return 200, {"errcode": 0, "errmsg": "ok"}

    def feishu_bot(self, token, message):
        robot = "feishu:" + token
        if token not in self.feishu:
            return self.refuse(robot, {"code": 19001, "msg": "param invalid: incoming webhook "
                                                             "access token invalid", "data": {}})
        secret = self.feishu[token]
        if secret:
            stamp = str(message.get("timestamp", ""))
            expected = base64.b64encode(hmac.new(
                f"{stamp}\n{secret}".encode(), b"", hashlib.sha256).digest()).decode()
            fresh = stamp.isdigit() and abs(int(stamp) - time.time()) < 3600
            if not fresh or not hmac.compare_digest(str(message.get("sign", "")), expected):
                return self.refuse(robot, {"code": 19021, "msg": "sign match fail or timestamp "
                                           "is not within one hour from current time", "data": {}})
        card = message.get("card", {})
        elements = card.get("elements", [])
        if message.get("msg_type") != "interactive" or not elements:
            return self.refuse(robot, {"code": 9499, "msg": "Bad Request", "data": {}})
        if self.over_limit(robot):
            return self.refuse(robot, {"code": 11232, "msg": "frequency limited", "data": {}})
        self.accept(robot, card.get("header", {}).get("title", {}).get("content", ""),
                    elements[0].get("content", ""))
        return 200, {"code": 0, "msg": "success", "data": {}}
