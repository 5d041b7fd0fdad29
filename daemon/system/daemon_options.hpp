// plancald's configuration: one plain DaemonOptions, read once from the TOML config file
// (--config FILE, see config_file.hpp and docs/configuration.md) and then the command line,
// whose flags win. The rest of the daemon takes it, or one of its sections, by const
// reference; there are no configuration globals. Parsing reports help, version, usage and
// configuration errors as values and leaves printing and exiting to main().
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/reminders/reminder_policy.hpp"
#include "calendar/reminders/report_planner.hpp"
#include "daemon/system/value_check.hpp"

namespace plancal::daemon {

// [admin]: the Unix socket plancalctl talks to.
struct AdminOptions {
  std::string socket;                       // socket / --admin-socket; empty: no admin socket
  std::string group;                        // group owning the socket file; empty: the daemon's
  std::vector<std::string> allowed_users;   // user names or decimal uids allowed to connect
  std::vector<std::string> allowed_groups;  // group names or decimal gids allowed to connect
  // Not configuration: a listening socket passed by systemd (FileDescriptorName=admin),
  // set by main() from take_listen_fds(); use it instead of creating `socket`.
  std::optional<int> listen_fd;
};

enum class MailTransportKind { kSpool, kSmtp };
enum class StartTls { kTry, kRequired, kOff };

// [mail]: how reminder mail leaves the daemon.
struct MailOptions {
  MailTransportKind transport = MailTransportKind::kSpool;  // --mail-spool: spool, --smtp: smtp
  std::string spool_dir;  // spool_dir / --mail-spool; default: mail-spool/ beside the db
  std::string smtp_url;   // smtp_url / --smtp: smtp://HOST[:PORT] or smtps://HOST[:PORT]
  StartTls starttls = StartTls::kTry;  // for smtp:// only
  std::string username;                // SMTP AUTH user; empty: no authentication
  std::string password_file;           // file holding the SMTP password (required with username)
  std::string from = "plancal@localhost";     // from / --mail-from: the envelope and From address
  std::chrono::seconds connect_timeout{10};   // TCP and TLS set-up with the relay
  std::chrono::seconds response_timeout{30};  // each reply of the relay
  std::chrono::seconds send_timeout{60};      // one whole message, connecting included
};

// [robots]: how messages reach the units' chat robots (Unit::webhooks).
struct RobotOptions {
  // per_minute: at most this many messages a minute to one robot, evenly spaced (the
  // robots allow about 20; over it they refuse for minutes). The rest wait their turn.
  int per_minute = 20;
  std::chrono::seconds timeout{15};  // one whole request, connecting included
};

// [reminders]: when reminders go out (the policy) and which days are working days.
struct ReminderOptions {
  calendar::ReminderPolicy policy;
  std::string holidays_dir;  // empty in the file: <data dir>/holidays
  // retry_base_seconds: the first retry delay after a temporary delivery failure (then
  // doubling, at most 1 h, ±20 % jitter, 8 attempts). Tests lower it.
  std::chrono::seconds retry_base{30};
};

// [testing]: hooks for the test suite only, never for a production configuration;
// plancald logs a warning at start for each one set.
struct TestingOptions {
  // stall_event_loop_after_ms: after this long the event loop blocks for good, so the
  // systemd watchdog pings stop (tests/integration/test_systemd_integration.py).
  std::optional<std::chrono::milliseconds> stall_event_loop_after;
};

// [cluster]: several daemons sharing one PostgreSQL database (docs/scale-out.md).
struct ClusterOptions {
  // instance / --instance: this daemon's id among those sharing the database (its
  // reminder claims, `plancalctl status`); default: the host name.
  std::string instance;
  // lease_seconds: how long a reminder claim holds unless renewed (every third of it while
  // sending): after a daemon dies, another takes its claims back this long after its last
  // renewal at the latest.
  std::chrono::seconds lease{300};
  // poll_seconds: how often this daemon beats (instances) and looks for data another
  // daemon imported (the data version), then serves and plans it too.
  std::chrono::seconds poll{5};
};

struct DaemonOptions {
  std::string config_file;  // --config FILE; empty: defaults and flags only

  // [http]
  std::string listen_host = "127.0.0.1";  // listen / --listen ADDR:PORT; IPv6 as [::1]:8080
  std::uint16_t listen_port = 8080;
  std::string base_url;  // base_url / --base-url; default http://<listen>, no trailing '/'
  std::chrono::seconds shutdown_timeout{10};  // how long SIGTERM waits for responses in flight
  // [http] max_connections, max_per_address: ServerLimits' (daemon/http/http_server.hpp).
  std::size_t http_max_connections = 512;
  std::size_t http_max_per_address = 32;
  // Not configuration: a listening socket passed by systemd (FileDescriptorName=http), set
  // by main() from take_listen_fds(); when set, listen_host/listen_port are not bound.
  std::optional<int> http_listen_fd;

  // [data]
  std::string data_dir;  // dir / --data; default: see default_data_dir()
  // db / --db: a SQLite file, relative to the working directory, or a postgresql:// URI
  // (without a password: that comes from db_password_file or PGPASSFILE).
  std::string db_path = "plancal.db";
  std::string db_password_file;  // db_password_file / --db-password-file (PostgreSQL only)
  // --init only: an existing database file that is empty is taken as new (without it such
  // a file is refused: it once held the outbox and acknowledgements).
  bool init_store = false;
  // link_secret: the key of the units' personal links and the board links (0600, created at
  // the first start, `plancalctl link-secret rotate`); default: link-secret beside the db
  // file (a PostgreSQL database: in the working directory; every daemon sharing the
  // database needs the same file, docs/scale-out.md).
  std::string link_secret_path;
  // [units] yellow_working_days: the 督办 board's yellow light, due within N working days.
  int board_yellow_days = 3;
  // [units] weekly_report = "fri 16:00": each plan's 情况通报 to its escalation unit, weekly
  // on that working day and local time (docs/units.md); unset: no report.
  std::optional<calendar::WeeklyReportTime> weekly_report;

  ClusterOptions cluster;
  AdminOptions admin;
  MailOptions mail;
  RobotOptions robots;
  ReminderOptions reminders;
  TestingOptions testing;

  // [log]
  std::string log_level = "info";  // level / --log-level: trace … critical, off

  std::optional<calendar::TimePoint> now;  // --now only: the clock starts here, then runs
};

struct ParsedOptions {
  enum class Action { kRun, kCheckConfig, kHelp, kVersion, kUsageError, kConfigError };
  Action action = Action::kRun;
  DaemonOptions options;  // meaningful for kRun and kCheckConfig
  // kUsageError: what was wrong, naming the flag. kConfigError: one line per problem,
  // naming the key (and file:line:column when it comes from the config file).
  std::string error;
};

// Parses argv without the program name: reads --config FILE first (wherever it is), then
// applies the other flags over it. Flags take their value as the next argument or after
// '=' ("--db=x.db"). Unknown flags, missing or malformed values are usage errors; problems
// in the file, and settings that do not fit together, are configuration errors.
ParsedOptions parse_daemon_options(std::span<const char* const> args);

// The data directory used when none is configured: the installed data (share/plancal
// next to the executable's bin/, see cmake/install.cmake) when it exists, else the source
// tree's data/ (PLANCAL_DEFAULT_DATA_DIR) so that a build runs without installing.
std::string default_data_dir();

// Value checks shared by the command line and the config file. Each sets its outputs
// when the check passes; a problem does not name the flag or key (the caller does).
ValueCheck parse_listen_address(std::string_view text, std::string& host, std::uint16_t& port);
ValueCheck parse_base_url(std::string_view text, std::string& base_url);
ValueCheck parse_log_level(std::string_view text, std::string& level);
ValueCheck parse_smtp_url(std::string_view text, std::string& url);

// Checks that the settings fit together (smtp needs a URL, a username needs a password
// file, the reminder policy is usable). One message per problem, naming the key.
std::vector<std::string> cross_check(const DaemonOptions& options);

// The --help text.
std::string daemon_usage();

// This machine's name ("localhost" if it has none): the default [cluster] instance, and the
// host the instance registry shows.
std::string host_name();

}  // namespace plancal::daemon
