// plancald's configuration file, and how the command line overrides it.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "daemon/system/config_file.hpp"
#include "daemon/system/daemon_options.hpp"
#include "daemon/system/journal_logging.hpp"
#include "tests/support/temp_dir.hpp"

namespace plancal::daemon {
namespace {

std::vector<std::string> read_text(const std::string& text, DaemonOptions& options) {
  return apply_config_text(text, "plancal.toml", options);
}

// The single problem `text` has.
std::string problem(const std::string& text) {
  DaemonOptions options;
  const auto problems = read_text(text, options);
  REQUIRE(problems.size() == 1);
  return problems.front();
}

TEST_CASE("the example configuration is valid and read into every section") {
  DaemonOptions options;
  const std::string example = std::string(PLANCAL_DEFAULT_DATA_DIR) + "/plancal.example.toml";
  REQUIRE(load_config_file(example, options).empty());
  CHECK(options.listen_host == "127.0.0.1");
  CHECK(options.listen_port == 8080);
  CHECK(options.shutdown_timeout == std::chrono::seconds(10));
  CHECK(options.data_dir == "/usr/share/plancal");
  CHECK(options.db_path == "/var/lib/plancal/plancal.db");
  CHECK(options.cluster.lease == std::chrono::seconds(300));
  CHECK(options.admin.socket == "/run/plancal/admin.sock");
  CHECK(options.mail.transport == MailTransportKind::kSpool);
  CHECK(options.mail.spool_dir == "/var/lib/plancal/spool");
  CHECK(options.reminders.policy.deadline_leads == std::vector<int>{30, 7, 1});
  CHECK(options.reminders.holidays_dir == "/usr/share/plancal/holidays");
  CHECK(cross_check(options).empty());
}

TEST_CASE("every key is read") {
  DaemonOptions o;
  const auto problems = read_text(R"(
[http]
listen = "[::1]:9000"
base_url = "https://cal.example/"
shutdown_timeout = 3
max_connections = 1024
max_per_address = 1024
[data]
dir = "/srv/data"
db = "x.db"
[admin]
socket = "/run/a.sock"
group = "plancal-admin"
allowed_users = ["alice", 1001]
allowed_groups = ["wheel", 0]
[mail]
transport = "smtp"
spool_dir = "/var/spool/p"
smtp_url = "smtps://relay.example:465"
starttls = "required"
username = "bot"
password_file = "/run/credentials/pw"
from = "noreply@cal.example"
[reminders]
send_time = "08:30"
deadline_lead_days = [14, 0]
activity_lead_days = [2]
overdue_delay_days = 3
escalation = false
holidays = "/srv/holidays"
categories = { job_fair = [3, 1] }
units.qu-renshe-ju = [5]
[log]
level = "debug"
)",
                                  o);
  CHECK(problems.empty());
  CHECK(o.listen_host == "::1");
  CHECK(o.listen_port == 9000);
  CHECK(o.base_url == "https://cal.example");
  CHECK(o.shutdown_timeout == std::chrono::seconds(3));
  CHECK(o.http_max_connections == 1024);
  CHECK(o.http_max_per_address == 1024);
  CHECK(o.data_dir == "/srv/data");
  CHECK(o.db_path == "x.db");
  CHECK(o.admin.group == "plancal-admin");
  CHECK(o.admin.allowed_users == std::vector<std::string>{"alice", "1001"});
  CHECK(o.admin.allowed_groups == std::vector<std::string>{"wheel", "0"});
  CHECK(o.mail.transport == MailTransportKind::kSmtp);
  CHECK(o.mail.smtp_url == "smtps://relay.example:465");
  CHECK(o.mail.starttls == StartTls::kRequired);
  CHECK(o.mail.username == "bot");
  CHECK(o.mail.password_file == "/run/credentials/pw");
  CHECK(o.mail.from == "noreply@cal.example");
  const auto& policy = o.reminders.policy;
  CHECK(policy.send_time == std::chrono::minutes(8 * 60 + 30));
  CHECK(policy.deadline_leads == std::vector<int>{14, 0});
  CHECK(policy.activity_leads == std::vector<int>{2});
  CHECK(policy.overdue_delay == 3);
  CHECK_FALSE(policy.escalation);
  CHECK(policy.category_leads.at(calendar::Category::kJobFair) == std::vector<int>{3, 1});
  CHECK(policy.unit_leads.at("qu-renshe-ju") == std::vector<int>{5});
  CHECK(o.reminders.holidays_dir == "/srv/holidays");
  CHECK(o.log_level == "debug");
}

TEST_CASE("[testing] holds the test hooks, off unless set, and round-trips") {
  DaemonOptions o;
  CHECK_FALSE(o.testing.stall_event_loop_after);
  REQUIRE(read_text("[testing]\nstall_event_loop_after_ms = 1500\n", o).empty());
  CHECK(o.testing.stall_event_loop_after == std::chrono::milliseconds(1500));
  DaemonOptions back;
  REQUIRE(read_text(format_config(o), back).empty());
  CHECK(back.testing.stall_event_loop_after == o.testing.stall_event_loop_after);
  CHECK(problem("[testing]\nstall_event_loop_after_ms = -1\n").find("stall_event_loop_after_ms") !=
        std::string::npos);
  CHECK(problem("[testing]\nstall = 1\n").find("did you mean 'stall_event_loop_after_ms'") ==
        std::string::npos);  // too far from the key for a suggestion, but still an error
}

TEST_CASE("[units]: the board's yellow days and the weekly report, off unless set; round-trip") {
  DaemonOptions o;
  CHECK_FALSE(o.weekly_report);
  CHECK(o.board_yellow_days == 3);
  REQUIRE(
      read_text("[units]\nyellow_working_days = 5\nweekly_report = \"thu 15:30\"\n", o).empty());
  CHECK(o.board_yellow_days == 5);
  REQUIRE(o.weekly_report);
  CHECK(o.weekly_report->weekday == 4);
  CHECK(o.weekly_report->time == std::chrono::minutes(15 * 60 + 30));
  DaemonOptions back;
  REQUIRE(read_text(format_config(o), back).empty());
  CHECK(back.weekly_report->weekday == 4);
  CHECK(back.weekly_report->time == o.weekly_report->time);
  CHECK(back.board_yellow_days == 5);
  CHECK(problem("[units]\nweekly_report = \"friday 16:00\"\n")
            .starts_with("plancal.toml:2:17: [units] weekly_report:"));
  CHECK(problem("[units]\nweekly_report = \"fri 25:00\"\n").find("weekly_report") !=
        std::string::npos);
  CHECK(problem("[units]\nyellow_working_days = 99\n").find("yellow_working_days") !=
        std::string::npos);
}

TEST_CASE("[cluster] and the PostgreSQL password file: read, bounded, round-tripped") {
  DaemonOptions o;
  CHECK(o.cluster.lease == std::chrono::seconds(300));
  CHECK(o.cluster.poll == std::chrono::seconds(5));
  REQUIRE(read_text("[data]\ndb = \"postgresql:///plancal?host=/run/pg\"\n"
                    "db_password_file = \"/etc/plancal/pw\"\n"
                    "[cluster]\ninstance = \"node-a\"\nlease_seconds = 60\npoll_seconds = 2\n",
                    o)
              .empty());
  CHECK(o.db_path == "postgresql:///plancal?host=/run/pg");
  CHECK(o.db_password_file == "/etc/plancal/pw");
  CHECK(o.cluster.instance == "node-a");
  CHECK(o.cluster.lease == std::chrono::seconds(60));
  CHECK(o.cluster.poll == std::chrono::seconds(2));
  DaemonOptions back;
  REQUIRE(read_text(format_config(o), back).empty());
  CHECK(back.db_password_file == o.db_password_file);
  CHECK(back.cluster.instance == "node-a");
  CHECK(back.cluster.lease == o.cluster.lease);
  CHECK(back.cluster.poll == o.cluster.poll);
  CHECK(problem("[cluster]\nlease_seconds = 1\n").find("lease_seconds") != std::string::npos);
  CHECK(problem("[cluster]\npoll_seconds = 0\n").find("poll_seconds") != std::string::npos);
  CHECK(problem("[cluster]\nleader = true\n").find("leader") != std::string::npos);
}

TEST_CASE("[mail] timeouts: defaults 10, 30, 60 s; read, bounded and round-tripped") {
  DaemonOptions o;
  CHECK(o.mail.connect_timeout == std::chrono::seconds(10));
  CHECK(o.mail.response_timeout == std::chrono::seconds(30));
  CHECK(o.mail.send_timeout == std::chrono::seconds(60));
  REQUIRE(read_text("[mail]\nconnect_timeout = 3\nresponse_timeout = 7\nsend_timeout = 90\n", o)
              .empty());
  DaemonOptions back;
  REQUIRE(read_text(format_config(o), back).empty());
  CHECK(back.mail.connect_timeout == std::chrono::seconds(3));
  CHECK(back.mail.response_timeout == std::chrono::seconds(7));
  CHECK(back.mail.send_timeout == std::chrono::seconds(90));
  CHECK(problem("[mail]\nresponse_timeout = 0\n").find("response_timeout") != std::string::npos);
}

TEST_CASE("unknown keys and sections are errors naming the key, file and line") {
  CHECK(problem("[http]\nlisten = \"127.0.0.1:1\"\nlisen = \"x\"\n") ==
        "plancal.toml:3:1: 'lisen': unknown key in [http] (did you mean 'listen'?)");
  CHECK(problem("[htttp]\n").find("plancal.toml:1:") == 0);
  CHECK(problem("[htttp]\n").find("'htttp': unknown key in the top level") != std::string::npos);
  CHECK(problem("[reminders.categories]\nfairs = [1]\n").find("'fairs': not a category") !=
        std::string::npos);
}

TEST_CASE("bad values are errors naming the key, file and line") {
  CHECK(problem("[http]\nlisten = \"localhost:80\"\n")
            .starts_with("plancal.toml:2:10: [http] listen:"));
  CHECK(problem("[http]\nlisten = 8080\n").find("'listen' in [http] must be a string") !=
        std::string::npos);
  CHECK(problem("[http]\nshutdown_timeout = 0\n").find("shutdown_timeout") != std::string::npos);
  CHECK(problem("[mail]\nstarttls = \"maybe\"\n").find("[mail] starttls: 'maybe' is not one of") !=
        std::string::npos);
  CHECK(problem("[mail]\nsmtp_url = \"http://x\"\n").find("smtp://") != std::string::npos);
  CHECK(problem("[mail]\nsmtp_url = \"smtp://u:p@x\"\n").find("password_file") !=
        std::string::npos);
  CHECK(problem("[mail]\npassword = \"secret\"\n").find("inline passwords") != std::string::npos);
  CHECK(problem("[mail]\nfrom = \"nobody\"\n").find("[mail] from") != std::string::npos);
  CHECK(problem("[reminders]\nsend_time = \"9am\"\n").find("send_time") != std::string::npos);
  CHECK(problem("[reminders]\nsend_time = \"24:00\"\n").find("send_time") != std::string::npos);
  CHECK(problem("[reminders]\ndeadline_lead_days = [7, -1]\n").find("deadline_lead_days") !=
        std::string::npos);
  CHECK(problem("[admin]\nallowed_users = [\"\"]\n").find("allowed_users") != std::string::npos);
  CHECK(problem("[log]\nlevel = \"loud\"\n").find("[log] level: 'loud'") != std::string::npos);
  CHECK(problem("[http\n").starts_with("plancal.toml:1:"));
}

TEST_CASE("settings that do not fit together are reported") {
  DaemonOptions o;
  o.mail.transport = MailTransportKind::kSmtp;
  o.mail.username = "bot";
  const auto problems = cross_check(o);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("smtp_url") != std::string::npos);
  CHECK(problems[1].find("password_file") != std::string::npos);
}

TEST_CASE("the effective configuration reads back into the same settings") {
  DaemonOptions o;
  REQUIRE(
      read_text("[http]\nlisten = \"[::1]:81\"\n[mail]\ntransport = \"smtp\"\n"
                "smtp_url = \"smtp://relay\"\nfrom = \"a\\\"b@c\"\n[admin]\nallowed_users = [7]\n"
                "[reminders]\nsend_time = \"07:05\"\nunits = { u-1 = [2] }\n",
                o)
          .empty());
  DaemonOptions back;
  REQUIRE(read_text(format_config(o), back).empty());
  CHECK(back.listen_host == "::1");
  CHECK(back.listen_port == 81);
  CHECK(back.mail.transport == MailTransportKind::kSmtp);
  CHECK(back.mail.smtp_url == "smtp://relay");
  CHECK(back.mail.from == "a\"b@c");
  CHECK(back.admin.allowed_users == std::vector<std::string>{"7"});
  CHECK(back.reminders.policy.send_time == std::chrono::minutes(7 * 60 + 5));
  CHECK(back.reminders.policy.unit_leads == o.reminders.policy.unit_leads);
  CHECK(format_config(back) == format_config(o));
}

TEST_CASE("flags override the file; file problems are configuration errors") {
  testing::TempDir dir;
  const std::string path = dir.file("plancal.toml");
  std::ofstream(path) << "[http]\nlisten = \"127.0.0.1:9001\"\n[data]\ndb = \"file.db\"\n";
  const std::string flag = "--config=" + path;
  ParsedOptions p = parse_daemon_options(std::vector<const char*>{"--db", "flag.db", flag.c_str()});
  REQUIRE(p.action == ParsedOptions::Action::kRun);
  CHECK(p.options.config_file == path);
  CHECK(p.options.listen_port == 9001);
  CHECK(p.options.base_url == "http://127.0.0.1:9001");
  CHECK(p.options.db_path == "flag.db");
  CHECK(p.options.reminders.holidays_dir == p.options.data_dir + "/holidays");

  p = parse_daemon_options(std::vector<const char*>{"--check-config", "--smtp", "smtp://relay:25",
                                                    "--mail-from", "x@y"});
  REQUIRE(p.action == ParsedOptions::Action::kCheckConfig);
  CHECK(p.options.mail.transport == MailTransportKind::kSmtp);
  CHECK(p.options.mail.from == "x@y");

  std::ofstream(path) << "[http]\nport = 1\n";
  p = parse_daemon_options(std::vector<const char*>{"--config", path.c_str()});
  CHECK(p.action == ParsedOptions::Action::kConfigError);
  CHECK(p.error == path + ":2:1: 'port': unknown key in [http]");
  p = parse_daemon_options(std::vector<const char*>{"--config", dir.file("absent.toml").c_str()});
  CHECK(p.action == ParsedOptions::Action::kConfigError);
  CHECK(p.error.find("absent.toml: cannot open") != std::string::npos);
  CHECK(parse_daemon_options(std::vector<const char*>{"--smtp", "ftp://x"}).action ==
        ParsedOptions::Action::kUsageError);
}

TEST_CASE("journal lines carry syslog priorities") {
  CHECK(syslog_priority(spdlog::level::critical) == 2);
  CHECK(syslog_priority(spdlog::level::err) == 3);
  CHECK(syslog_priority(spdlog::level::warn) == 4);
  CHECK(syslog_priority(spdlog::level::info) == 6);
  CHECK(syslog_priority(spdlog::level::debug) == 7);
}

}  // namespace
}  // namespace plancal::daemon
