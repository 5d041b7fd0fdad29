"""Several daemons on one PostgreSQL database (docs/scale-out.md), in one run:

1. Claim-and-send throughput: a generated plan whose BENCH_REMINDERS (2000) reminders fall due
   at once, sent to aiosmtpd (one listener per daemon, in this process) by
   - 1 daemon on SQLite (the peer: today's default),
   - 1 daemon on PostgreSQL,
   - 3 daemons on PostgreSQL.
   Throughput is reminders / (last received - first received), median of BENCH_ROUNDS (2).
2. Feed GET throughput, wrk on the whole-plan feed of the bundled plan for WRK_DURATION (8 s)
   with WRK_CONNECTIONS (32), of
   - 1 daemon alone (the peer),
   - nginx in front of 1 daemon,
   - nginx in front of 2 daemons sharing one PostgreSQL database.
3. The kill -9 failover of tests/integration/test_scale_out.py is not repeated here: that
   test prints its counts and failover time per round (5 rounds).

Needs a PostgreSQL server package (tests/support/pg_server.sh starts one in a temp folder),
wrk and nginx (apt-get installs them here when missing, as root). These machines have 2
shared cores: the daemons, PostgreSQL, the mail server, nginx and wrk all share them, so
the figures say what sharing costs on one small machine, not what more machines would add.

    /usr/bin/python3 bench/bench_scale_out.py        (PLANCALD from the environment)
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from aiosmtpd.controller import Controller

PLANCALD = os.environ["PLANCALD"]
SRC = os.environ.get("PLANCAL_SOURCE_DIR",
                     os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REMINDERS = int(os.environ.get("BENCH_REMINDERS", "2000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
WRK_DURATION = os.environ.get("WRK_DURATION", "8s")
WRK_CONNECTIONS = os.environ.get("WRK_CONNECTIONS", "32")
NOW = "2024-03-28T08:59:40+08:00"  # the burst falls due at 09:00, 20 s after the start


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def burst_plan(units):
    out = ['[plan]', 'id = "burst-2024"', 'title = "压力测试行动方案"', 'issuer = "测试区"',
           'document_number = "测〔2024〕1号"', 'published = 2024-01-02',
           'effective_from = 2024-01-02', 'effective_until = 2024-12-31', 'year = 2024',
           'escalation_unit = "fgw"', '',
           '[[units]]', 'id = "fgw"', 'name = "区发改委"', 'emails = ["fgw@b.example.org"]', '']
    for u in range(units):
        out += ['[[units]]', f'id = "u{u:04d}"', f'name = "单位{u:04d}"',
                f'emails = ["u{u:04d}@b.example.org"]', '']
    for i in range(units // 10):
        members = ", ".join(f'"u{i * 10 + k:04d}"' for k in range(10))
        out += ['[[items]]', f'id = "m{i + 1}"', 'kind = "measure"', 'section = "一、测试"',
                f'number = "{i + 1}"', f'title = "任务{i + 1}"', 'text = "2024年3月29日前完成。"',
                f'units = [{members}]', '', '[[items.activities]]', f'title = "任务{i + 1}完成"',
                'category = "deadline"', 'when = "2024年3月29日前"', '']
    return "\n".join(out)


class Stamps:
    """aiosmtpd handler: the time each message arrived."""

    def __init__(self, times, lock):
        self.times, self.lock = times, lock

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.times.append(time.monotonic())
        return "250 OK"


class Daemons:
    def __init__(self, work):
        self.work, self.procs = work, []

    def start(self, tag, db, data, config, extra=(), ready="reminders: outbox recovered"):
        port = free_port()
        log = os.path.join(self.work, f"{tag}.log")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        args = [PLANCALD, "--listen", f"127.0.0.1:{port}", "--data", data, "--db", db,
                "--instance", tag, "--config", config, "--log-level", "warn",
                "--base-url", "https://plancal.example.org", *extra]
        if db.startswith("postgresql:"):
            args += ["--db-password-file", os.path.join(self.work, "pg", "password")]
        with open(log, "ab") as f:
            proc = subprocess.Popen(args, stdout=f, stderr=subprocess.STDOUT, env=env)
        self.procs.append(proc)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                sys.exit(f"{tag} exited: {open(log, encoding='utf-8', errors='replace').read()[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return port
            except OSError:
                time.sleep(0.05)
        sys.exit(f"{tag} did not start")

    def stop(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            proc.wait(timeout=60)
        self.procs = []


def psql(pg, sql):
    with open(os.path.join(pg, "uri")) as f:
        uri = f.read().strip()
    subprocess.run(["psql", "-X", "-q", uri, "-c", sql], check=True, capture_output=True,
                   env=dict(os.environ, PGPASSFILE=os.path.join(pg, "pgpass")))
    return uri


def database_uri(pg, name):
    uri = psql(pg, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(pg, f"CREATE DATABASE {name}")
    return uri.replace("postgresql:///plancal?", f"postgresql:///{name}?")


def send_burst(work, pg, backend, instances, round_no):
    data = os.path.join(work, "burst-data")
    config = os.path.join(work, "burst.toml")
    if backend == "sqlite":
        db = os.path.join(work, f"burst-{round_no}.db")
    else:
        db = database_uri(pg, f"burst_{instances}_{round_no}")
    times, lock = [], threading.Lock()
    controllers, daemons = [], Daemons(work)
    try:
        for i in range(instances):
            port = free_port()
            controller = Controller(Stamps(times, lock), hostname="127.0.0.1", port=port)
            controller.start()
            controllers.append(controller)
            daemons.start(f"{backend}{instances}-{round_no}-{i}", db, data, config,
                          ["--now", NOW, "--smtp", f"smtp://127.0.0.1:{port}",
                           "--mail-from", "plancal@example.org"])
        deadline = time.monotonic() + 600
        while len(times) < REMINDERS and time.monotonic() < deadline:
            time.sleep(0.1)
        if len(times) < REMINDERS:
            sys.exit(f"{backend} x{instances}: only {len(times)} of {REMINDERS} arrived")
        time.sleep(1)
        span = max(times) - min(times)
        return len(times), REMINDERS / span
    finally:
        daemons.stop()
        for controller in controllers:
            controller.stop()


def wrk(url):
    out = subprocess.run(["wrk", "-t", "2", "-c", WRK_CONNECTIONS, "-d", WRK_DURATION, url],
                         capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, int(errors.group(1)) if errors else 0


def nginx_in_front(work, name, ports):
    conf = os.path.join(work, f"nginx-{name}.conf")
    port = free_port()
    servers = "".join(f"server 127.0.0.1:{p};" for p in ports)
    with open(conf, "w") as f:
        f.write(f"""daemon off; worker_processes 1; pid {work}/nginx-{name}.pid;
error_log {work}/nginx-{name}.err warn;
events {{ worker_connections 1024; }}
http {{ access_log off; upstream plancal {{ {servers} keepalive 64; }}
  server {{ listen 127.0.0.1:{port};
    location / {{ proxy_pass http://plancal; proxy_http_version 1.1;
      proxy_set_header Connection ""; }} }} }}
""")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    proc = subprocess.Popen([nginx, "-c", conf, "-p", work], stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.05)
    return proc, port


def main():
    missing = [] if shutil.which("wrk") else ["wrk"]
    if not shutil.which("nginx") and not os.path.exists("/usr/sbin/nginx"):
        missing.append("nginx-light")
    if missing:
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                       check=True, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    work = tempfile.mkdtemp(prefix="plancal-bench-scale-")
    os.chmod(work, 0o755)  # PostgreSQL runs as an unprivileged user below it
    pg = os.path.join(work, "pg")
    subprocess.run([os.path.join(SRC, "tests", "support", "pg_server.sh"), "start", pg],
                   check=True, capture_output=True)
    try:
        data = os.path.join(work, "burst-data")
        os.makedirs(os.path.join(data, "plans"))
        shutil.copytree(os.path.join(SRC, "data", "holidays"), os.path.join(data, "holidays"))
        with open(os.path.join(data, "plans", "burst-2024.toml"), "w") as f:
            f.write(burst_plan(REMINDERS))
        with open(os.path.join(work, "burst.toml"), "w") as f:
            f.write(f'[data]\nlink_secret = "{work}/link-secret"\n'
                    '[cluster]\nlease_seconds = 30\npoll_seconds = 2\n'
                    '[reminders]\ndeadline_lead_days = [1]\nescalation = false\n')

        print(f"claim-and-send: {REMINDERS} reminders due at once, median of {ROUNDS} round(s)")
        results = {}
        for round_no in range(ROUNDS):  # interleaved: each configuration once per round
            for backend, instances in (("sqlite", 1), ("postgresql", 1), ("postgresql", 3)):
                _, rate = send_burst(work, pg, backend, instances, round_no)
                results.setdefault((backend, instances), []).append(rate)
        peer = statistics.median(results[("sqlite", 1)])
        for (backend, instances), rates in results.items():
            rate = statistics.median(rates)
            print(f"  {backend:10} x{instances}: {rate:8.0f} reminders/s  "
                  f"({rate / peer:.2f}x SQLite x1)  rounds: "
                  + ", ".join(f"{r:.0f}" for r in rates))

        print(f"feed GET: wrk -t2 -c{WRK_CONNECTIONS} -d{WRK_DURATION}, the whole-plan feed")
        bundled, config = os.path.join(SRC, "data"), os.path.join(work, "feeds.toml")
        with open(config, "w") as f:
            f.write(f'[data]\nlink_secret = "{work}/link-secret"\n'
                    '[http]\nmax_per_address = 4096\nmax_connections = 4096\n')
        daemons = Daemons(work)
        try:
            uri = database_uri(pg, "feeds")
            mail = ["--mail-spool", os.path.join(work, "spool")]
            a = daemons.start("feeds-a", uri, bundled, config, mail)
            b = daemons.start("feeds-b", uri, bundled, config, mail)
            path = "/feeds/jinshan-2023.ics"
            alone, _ = wrk(f"http://127.0.0.1:{a}{path}")
            front1, port1 = nginx_in_front(work, "one", [a])
            front2, port2 = nginx_in_front(work, "two", [a, b])
            try:
                one, e1 = wrk(f"http://127.0.0.1:{port1}{path}")
                two, e2 = wrk(f"http://127.0.0.1:{port2}{path}")
            finally:
                for proc in (front1, front2):
                    proc.terminate()
                    proc.wait(timeout=10)
            print(f"  1 daemon alone          {alone:9.0f} req/s (peer)")
            print(f"  nginx -> 1 daemon       {one:9.0f} req/s ({one / alone:.2f}x), non-2xx {e1}")
            print(f"  nginx -> 2 daemons (PG) {two:9.0f} req/s ({two / alone:.2f}x, "
                  f"{two / one:.2f}x nginx -> 1), non-2xx {e2}")
        finally:
            daemons.stop()
    finally:
        subprocess.run([os.path.join(SRC, "tests", "support", "pg_server.sh"), "stop", pg],
                       capture_output=True)
        shutil.rmtree(work, True)


if __name__ == "__main__":
    main()
