#include "daemon/system/daemon_options.hpp"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <system_error>

#include "calendar/backends/open_store.hpp"
#include "calendar/model/time_format.hpp"
#include "daemon/protocol/admin_protocol.hpp"
#include "daemon/system/config_file.hpp"

namespace plancal::daemon {
namespace {

constexpr std::string_view kUsage =
    "usage: plancald [OPTIONS]\n"
    "\n"
    "Serves the iCalendar feeds of the plans under the data directory.\n"
    "\n"
    "  --config FILE        read settings from this TOML file first (see plancald(8));\n"
    "                       the flags below override it\n"
    "  --check-config       check the configuration, print it (or the errors), exit 0 (1)\n"
    "  --listen ADDR:PORT   address to listen on (default 127.0.0.1:8080; IPv6: [::1]:8080)\n"
    "  --data DIR           data directory with plans/*.toml (default: the bundled data)\n"
    "  --db FILE|URI        SQLite database file (default: plancal.db in the working\n"
    "                       directory) or postgresql:// URI (docs/scale-out.md)\n"
    "  --db-password-file FILE  the PostgreSQL password, on the file's first line\n"
    "  --instance ID        this daemon's id among those sharing a database (default: host)\n"
    "  --base-url URL       public URL of the service (default: http://ADDR:PORT)\n"
    "  --admin-socket PATH  Unix socket for plancalctl\n"
    "  --mail-spool DIR     write reminder mail to this spool directory\n"
    "  --smtp URL           send reminder mail to smtp://HOST[:PORT] or smtps://HOST[:PORT]\n"
    "  --mail-from ADDR     sender address of reminder mail (default plancal@localhost)\n"
    "  --now TIME           start the clock at this ISO-8601 instant (Asia/Shanghai unless\n"
    "                       an offset is given); it then advances with real time\n"
    "  --log-level LEVEL    trace, debug, info, warn, error, critical or off (default info)\n"
    "  --init               accept an existing empty database file as a new one\n"
    "  --help               print this text\n"
    "  --version            print the version\n"
    "\n"
    "Signals: SIGHUP reloads the data directory, SIGINT/SIGTERM stop gracefully.\n"
    "Under systemd: Type=notify, watchdog and socket activation (see plancald(8)).\n";

constexpr std::string_view kValueFlags[] = {
    "--config",       "--listen",           "--data",    "--db",  "--base-url",
    "--admin-socket", "--mail-spool",       "--smtp",    "--now", "--log-level",
    "--mail-from",    "--db-password-file", "--instance"};

bool is_ip_literal(const std::string& host, bool& is_v6) {
  unsigned char buf[16];
  is_v6 = inet_pton(AF_INET6, host.c_str(), buf) == 1;
  return is_v6 || inet_pton(AF_INET, host.c_str(), buf) == 1;
}

ValueCheck apply(std::string_view flag, std::string_view value, DaemonOptions& options) {
  auto named = [flag](const ValueCheck& check) {
    return check.ok() ? check : ValueCheck::problem(std::string(flag) + " " + check.why());
  };
  if (value.empty()) return ValueCheck::problem(std::string(flag) + " needs a non-empty value");
  if (flag == "--listen") {
    return named(parse_listen_address(value, options.listen_host, options.listen_port));
  }
  if (flag == "--base-url") return named(parse_base_url(value, options.base_url));
  if (flag == "--log-level") return named(parse_log_level(value, options.log_level));
  if (flag == "--now") {
    options.now = calendar::parse_iso_instant(value, calendar::kChinaOffsetMinutes);
    if (!options.now) {
      return ValueCheck::problem("--now '" + std::string(value) +
                                 "' is not an ISO-8601 date or time");
    }
    return ValueCheck::passed();
  }
  if (flag == "--smtp") {
    options.mail.transport = MailTransportKind::kSmtp;
    return named(parse_smtp_url(value, options.mail.smtp_url));
  }
  if (flag == "--mail-spool") options.mail.transport = MailTransportKind::kSpool;
  if (flag == "--mail-from" && value.find('@') == std::string_view::npos) {
    return ValueCheck::problem("--mail-from '" + std::string(value) + "' is not a mail address");
  }
  const std::map<std::string_view, std::string*> strings{
      {"--data", &options.data_dir},
      {"--db", &options.db_path},
      {"--db-password-file", &options.db_password_file},
      {"--instance", &options.cluster.instance},
      {"--admin-socket", &options.admin.socket},
      {"--mail-spool", &options.mail.spool_dir},
      {"--mail-from", &options.mail.from},
  };
  *strings.at(flag) = std::string(value);
  return ValueCheck::passed();
}

std::string default_base_url(const DaemonOptions& options) {
  const bool is_v6 = options.listen_host.find(':') != std::string::npos;
  const std::string host = is_v6 ? "[" + options.listen_host + "]" : options.listen_host;
  return "http://" + host + ":" + std::to_string(options.listen_port);
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

}  // namespace

ValueCheck parse_listen_address(std::string_view text, std::string& host_out,
                                std::uint16_t& port_out) {
  const std::string quoted = "'" + std::string(text) + "'";
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return ValueCheck::problem(quoted + ": need ADDR:PORT");
  std::string_view host = text.substr(0, colon);
  const std::string_view port = text.substr(colon + 1);
  const bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
  if (bracketed) host = host.substr(1, host.size() - 2);
  bool is_v6 = false;
  if (!is_ip_literal(std::string(host), is_v6) || is_v6 != bracketed) {
    return ValueCheck::problem(quoted +
                               ": ADDR must be an IPv4 address or a bracketed IPv6 address");
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    return ValueCheck::problem(quoted + ": PORT must be a number from 0 to 65535");
  }
  host_out = std::string(host);
  port_out = static_cast<std::uint16_t>(value);
  return ValueCheck::passed();
}

ValueCheck parse_base_url(std::string_view text, std::string& base_url) {
  if (!text.starts_with("http://") && !text.starts_with("https://")) {
    return ValueCheck::problem("'" + std::string(text) + "' must start with http:// or https://");
  }
  while (text.ends_with('/')) text.remove_suffix(1);
  base_url = std::string(text);
  return ValueCheck::passed();
}

ValueCheck parse_log_level(std::string_view text, std::string& level) {
  static constexpr std::string_view kLevels[] = {"trace", "debug",    "info", "warn",
                                                 "error", "critical", "off"};
  if (std::find(std::begin(kLevels), std::end(kLevels), text) == std::end(kLevels)) {
    return ValueCheck::problem("'" + std::string(text) +
                               "' is not a log level (trace, debug, info, warn, error, " +
                               "critical, off)");
  }
  level = std::string(text);
  return ValueCheck::passed();
}

ValueCheck parse_smtp_url(std::string_view text, std::string& url) {
  const std::string quoted = "'" + std::string(text) + "'";
  std::string_view rest = text;
  if (rest.starts_with("smtp://")) {
    rest.remove_prefix(7);
  } else if (rest.starts_with("smtps://")) {
    rest.remove_prefix(8);
  } else {
    return ValueCheck::problem(quoted + " must start with smtp:// or smtps://");
  }
  if (rest.find('@') != std::string_view::npos) {
    return ValueCheck::problem(
        quoted + ": put credentials in [mail] username and password_file, not in the URL");
  }
  if (rest.empty() || rest.front() == ':' || rest.find('/') != std::string_view::npos) {
    return ValueCheck::problem(quoted + ": need smtp://HOST[:PORT] without a path");
  }
  if (const size_t colon = rest.rfind(':'); colon != std::string_view::npos && rest.back() != ']') {
    const std::string_view port = rest.substr(colon + 1);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      return ValueCheck::problem(quoted + ": PORT must be a number from 1 to 65535");
    }
  }
  url = std::string(text);
  return ValueCheck::passed();
}

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

std::vector<std::string> cross_check(const DaemonOptions& options) {
  std::vector<std::string> problems;
  if (!options.db_password_file.empty() && !calendar::is_postgres_database(options.db_path)) {
    problems.push_back(
        "[data] db_password_file (--db-password-file) is for a postgresql:// database");
  }
  if (options.cluster.poll * 2 >= options.cluster.lease) {
    problems.push_back("[cluster] poll_seconds must be under half of lease_seconds");
  }
  const MailOptions& mail = options.mail;
  if (mail.transport == MailTransportKind::kSmtp && mail.smtp_url.empty()) {
    problems.push_back("[mail] smtp_url (--smtp) is required with transport = \"smtp\"");
  }
  if (!mail.username.empty() && mail.password_file.empty()) {
    problems.push_back("[mail] password_file is required with username");
  }
  if (mail.username.empty() && !mail.password_file.empty()) {
    problems.push_back("[mail] username is required with password_file");
  }
  for (const auto& problem : options.reminders.policy.problems()) {
    problems.push_back("[reminders] " + problem);
  }
  return problems;
}

std::string default_data_dir() {
  // PLANCAL_DATA_DIR_FROM_BINDIR (cmake/install.cmake) is the install layout's path from
  // the directory of plancald to its data, e.g. "../share/plancal".
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = (exe.parent_path() / PLANCAL_DATA_DIR_FROM_BINDIR).lexically_normal();
    if (std::filesystem::is_directory(installed / "plans", ec)) return installed.string();
  }
  return PLANCAL_DEFAULT_DATA_DIR;
}

ParsedOptions parse_daemon_options(std::span<const char* const> args) {
  using Action = ParsedOptions::Action;
  std::vector<std::pair<std::string_view, std::string_view>> flags;
  std::optional<std::string_view> config_file;
  bool check_config = false;
  bool init_store = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") return {Action::kHelp, {}, {}};
    if (arg == "--version") return {Action::kVersion, {}, {}};
    if (arg == "--check-config") {
      check_config = true;
      continue;
    }
    if (arg == "--init") {
      init_store = true;
      continue;
    }
    if (!arg.starts_with("--")) {
      return {Action::kUsageError, {}, "unexpected argument '" + std::string(arg) + "'"};
    }
    std::string_view flag = arg;
    std::optional<std::string_view> value;
    if (size_t eq = arg.find('='); eq != std::string_view::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    }
    if (std::find(std::begin(kValueFlags), std::end(kValueFlags), flag) == std::end(kValueFlags)) {
      return {Action::kUsageError, {}, "unknown option '" + std::string(flag) + "'"};
    }
    if (!value) return {Action::kUsageError, {}, std::string(flag) + " needs a value"};
    if (flag == "--config") {
      config_file = *value;
    } else {
      flags.emplace_back(flag, *value);
    }
  }

  ParsedOptions parsed;
  parsed.action = check_config ? Action::kCheckConfig : Action::kRun;
  parsed.options.init_store = init_store;
  DaemonOptions& options = parsed.options;
  options.data_dir = default_data_dir();
  if (config_file) {
    options.config_file = std::string(*config_file);
    if (auto errors = load_config_file(options.config_file, options); !errors.empty()) {
      return {Action::kConfigError, {}, join_lines(errors)};
    }
  }
  for (const auto& [flag, value] : flags) {
    if (const ValueCheck check = apply(flag, value, options); !check.ok()) {
      return {Action::kUsageError, {}, check.why()};
    }
  }
  if (options.base_url.empty()) options.base_url = default_base_url(options);
  if (options.reminders.holidays_dir.empty()) {
    options.reminders.holidays_dir =
        (std::filesystem::path(options.data_dir) / "holidays").string();
  }
  // Under systemd (RuntimeDirectory=plancal) the admin socket defaults to the runtime
  // directory, where plancalctl looks for it; run by hand, it is opened only on request.
  if (const char* runtime = std::getenv("RUNTIME_DIRECTORY");
      options.admin.socket.empty() && runtime != nullptr && *runtime != '\0') {
    options.admin.socket = default_admin_socket_path();
  }
  // Files that default to the database's directory; a PostgreSQL database has none here.
  const std::filesystem::path beside_db =
      calendar::is_postgres_database(options.db_path)
          ? std::filesystem::path()
          : std::filesystem::path(options.db_path).parent_path();
  if (options.link_secret_path.empty())
    options.link_secret_path = (beside_db / "link-secret").string();
  if (options.mail.spool_dir.empty()) options.mail.spool_dir = (beside_db / "mail-spool").string();
  if (options.cluster.instance.empty()) options.cluster.instance = host_name();
  if (auto problems = cross_check(options); !problems.empty()) {
    return {Action::kConfigError, {}, join_lines(problems)};
  }
  return parsed;
}

std::string daemon_usage() { return std::string(kUsage); }

}  // namespace plancal::daemon
