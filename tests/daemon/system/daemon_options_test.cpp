// plancald's command line.
#include <doctest/doctest.h>

#include <vector>

#include "calendar/model/date.hpp"
#include "calendar/model/time_format.hpp"
#include "daemon/system/daemon_options.hpp"
#include "daemon/system/offset_clock.hpp"
#include "tests/support/manual_clock.hpp"

namespace plancal::daemon {
namespace {

ParsedOptions parse(std::vector<const char*> args) { return parse_daemon_options(args); }

TEST_CASE("defaults serve the bundled data on 127.0.0.1:8080") {
  const ParsedOptions p = parse({});
  REQUIRE(p.action == ParsedOptions::Action::kRun);
  CHECK(p.options.listen_host == "127.0.0.1");
  CHECK(p.options.listen_port == 8080);
  CHECK(p.options.data_dir == PLANCAL_DEFAULT_DATA_DIR);
  CHECK(p.options.db_path == "plancal.db");
  CHECK(p.options.base_url == "http://127.0.0.1:8080");
  CHECK_FALSE(p.options.now);
  CHECK(p.options.log_level == "info");
}

TEST_CASE("a PostgreSQL database: its password file and instance; files default to the cwd") {
  const ParsedOptions p = parse({"--db", "postgresql:///plancal?host=/run/pg", "--instance",
                                 "node-b", "--db-password-file", "/etc/plancal/pw"});
  REQUIRE(p.action == ParsedOptions::Action::kRun);
  CHECK(p.options.db_path == "postgresql:///plancal?host=/run/pg");
  CHECK(p.options.db_password_file == "/etc/plancal/pw");
  CHECK(p.options.cluster.instance == "node-b");
  CHECK(p.options.link_secret_path == "link-secret");  // not beside a URI
  CHECK(p.options.mail.spool_dir == "mail-spool");

  const ParsedOptions sqlite = parse({"--db", "/var/lib/x/plancal.db"});
  CHECK(sqlite.options.link_secret_path == "/var/lib/x/link-secret");
  CHECK_FALSE(sqlite.options.cluster.instance.empty());  // the host name

  const ParsedOptions wrong = parse({"--db", "x.db", "--db-password-file", "/etc/plancal/pw"});
  CHECK(wrong.action == ParsedOptions::Action::kConfigError);
  CHECK(wrong.error.find("db_password_file") != std::string::npos);
}

TEST_CASE("every flag is read, with its value next or after '='") {
  const ParsedOptions p = parse({"--listen", "[::1]:9000", "--data=/srv/data", "--db", "x.db",
                                 "--admin-socket", "/run/a.sock", "--mail-spool", "/var/spool/p",
                                 "--now", "2023-05-01T09:00", "--log-level", "debug"});
  REQUIRE(p.action == ParsedOptions::Action::kRun);
  CHECK(p.options.listen_host == "::1");
  CHECK(p.options.listen_port == 9000);
  CHECK(p.options.base_url == "http://[::1]:9000");
  CHECK(p.options.data_dir == "/srv/data");
  CHECK(p.options.db_path == "x.db");
  CHECK(p.options.admin.socket == "/run/a.sock");
  CHECK(p.options.mail.spool_dir == "/var/spool/p");
  CHECK(p.options.now == calendar::parse_iso_instant("2023-05-01T09:00+08:00", 0));
  CHECK(p.options.log_level == "debug");
  CHECK(parse({"--base-url", "https://cal.example/"}).options.base_url == "https://cal.example");
}

TEST_CASE("help and version") {
  CHECK(parse({"--help"}).action == ParsedOptions::Action::kHelp);
  CHECK(parse({"--db", "x", "--version"}).action == ParsedOptions::Action::kVersion);
  CHECK(daemon_usage().find("--listen") != std::string::npos);
}

TEST_CASE("usage errors name the problem") {
  auto error = [](std::vector<const char*> args) {
    const ParsedOptions p = parse(args);
    CHECK(p.action == ParsedOptions::Action::kUsageError);
    return p.error;
  };
  CHECK(error({"--bogus"}).find("--bogus") != std::string::npos);
  CHECK(error({"--bogus=1"}).find("--bogus") != std::string::npos);
  CHECK(error({"stray"}).find("stray") != std::string::npos);
  CHECK(error({"--db"}).find("--db") != std::string::npos);
  CHECK(error({"--listen", "8080"}).find("--listen") != std::string::npos);
  CHECK(error({"--listen", "127.0.0.1:99999"}).find("PORT") != std::string::npos);
  CHECK(error({"--listen", "::1:80"}).find("ADDR") != std::string::npos);
  CHECK(error({"--listen", "localhost:80"}).find("ADDR") != std::string::npos);
  CHECK(error({"--now", "yesterday"}).find("--now") != std::string::npos);
  CHECK(error({"--log-level", "loud"}).find("loud") != std::string::npos);
  CHECK(error({"--base-url", "ftp://x"}).find("--base-url") != std::string::npos);
}

TEST_CASE("the --now clock starts at the given instant and advances with the base clock") {
  plancal::testing::ManualClock real(
      calendar::TimePoint{std::chrono::sys_days{calendar::make_date(2026, 1, 1)}});
  const auto start =
      *calendar::parse_iso_instant("2023-05-01T09:00", calendar::kChinaOffsetMinutes);
  OffsetClock clock(start, real);
  CHECK(clock.now() == start);
  real.advance(std::chrono::seconds(90));
  CHECK(clock.now() == start + std::chrono::seconds(90));
}

}  // namespace

TEST_CASE("--init accepts an emptied database file") {
  const char* with[] = {"--init"};
  CHECK(parse_daemon_options(with).options.init_store);
  CHECK_FALSE(parse_daemon_options(std::span<const char* const>()).options.init_store);
}

}  // namespace plancal::daemon
