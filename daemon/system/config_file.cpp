#include "daemon/system/config_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "calendar/model/category.hpp"
#include "calendar/model/diagnostic_sink.hpp"
#include "calendar/model/time_format.hpp"
#include "calendar/plan_file/toml_fields.hpp"

namespace plancal::daemon {
namespace {

using calendar::DiagnosticSink;
using calendar::position_of;
using calendar::Presence;

constexpr int kMaxLeadDays = 366;
constexpr int kMaxShutdownSeconds = 3600;

// One table of the file: calendar's TableReader (typed getters, every problem at the
// value's position, unknown keys with a "did you mean") plus the value types only the
// configuration has: ranged integers, lead-day arrays, user and group names.
class Section {
 public:
  Section(const toml::table& table, std::string name, DiagnosticSink& sink)
      : reader_(table, name, sink), name_(std::move(name)) {}

  bool has(std::string_view key) { return reader_.value(key, Presence::kOptional) != nullptr; }
  std::optional<std::string> string(std::string_view key) {
    return reader_.string(key, Presence::kOptional);
  }
  std::optional<bool> boolean(std::string_view key) {
    return reader_.boolean(key, Presence::kOptional);
  }
  const toml::table* table(std::string_view key) { return reader_.table(key, Presence::kOptional); }
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max) {
    const auto value = reader_.integer(key, Presence::kOptional);
    if (value && (*value < min || *value > max)) {
      problem(key, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    return value;
  }
  // An array of lead times in days, for `key` or an entry of a nested table.
  std::optional<std::vector<int>> lead_days(const toml::node& node, std::string_view key) {
    const auto* array = node.as_array();
    std::vector<int> days;
    for (size_t i = 0; array != nullptr && i < array->size(); ++i) {
      const auto* day = array->get(i)->as_integer();
      if (day == nullptr || day->get() < 0 || day->get() > kMaxLeadDays) break;
      days.push_back(static_cast<int>(day->get()));
    }
    if (array == nullptr || days.size() != array->size()) {
      error(node, key,
            "must be an array of working days from 0 to " + std::to_string(kMaxLeadDays));
      return std::nullopt;
    }
    return days;
  }
  std::optional<std::vector<int>> lead_days(std::string_view key) {
    const toml::node* node = reader_.value(key, Presence::kOptional);
    return node ? lead_days(*node, key) : std::nullopt;
  }
  // An array of user or group names or numeric ids (as decimal strings).
  std::optional<std::vector<std::string>> principals(std::string_view key) {
    const toml::node* node = reader_.value(key, Presence::kOptional);
    if (node == nullptr) return std::nullopt;
    const auto* array = node->as_array();
    std::vector<std::string> names;
    for (size_t i = 0; array != nullptr && i < array->size(); ++i) {
      const toml::node& item = *array->get(i);
      if (const auto* name = item.as_string(); name && !name->get().empty()) {
        names.push_back(name->get());
      } else if (const auto* id = item.as_integer(); id && id->get() >= 0) {
        names.push_back(std::to_string(id->get()));
      } else {
        break;
      }
    }
    if (array == nullptr || names.size() != array->size()) {
      error(*node, key, "must be an array of names or non-negative numeric ids");
      return std::nullopt;
    }
    return names;
  }

  // Reports a failed check at the value of `key`.
  void check(std::string_view key, const ValueCheck& result) {
    if (!result.ok()) problem(key, result.why());
  }
  void problem(std::string_view key, const std::string& why) {
    sink().add(reader_.where(key), "", name_ + " " + std::string(key) + ": " + why);
  }
  void error(const toml::node& node, std::string_view key, const std::string& message) {
    sink().add(position_of(node.source()), "", name_ + " " + std::string(key) + ": " + message);
  }
  DiagnosticSink& sink() { return reader_.sink(); }

  // Reports every key no getter asked for. Call once, last.
  void finish() { reader_.report_unknown_keys(); }

 private:
  calendar::TableReader reader_;
  std::string name_;
};

template <typename Enum, size_t N>
std::optional<Enum> parse_enum(Section& section, std::string_view key,
                               const std::pair<std::string_view, Enum> (&names)[N]) {
  const auto text = section.string(key);
  if (!text) return std::nullopt;
  std::string choices;
  for (const auto& [name, value] : names) {
    if (name == *text) return value;
    choices += (choices.empty() ? "\"" : ", \"") + std::string(name) + "\"";
  }
  section.problem(key, "'" + *text + "' is not one of " + choices);
  return std::nullopt;
}

constexpr std::pair<std::string_view, MailTransportKind> kTransports[] = {
    {"spool", MailTransportKind::kSpool}, {"smtp", MailTransportKind::kSmtp}};
constexpr std::pair<std::string_view, StartTls> kStartTls[] = {
    {"try", StartTls::kTry}, {"required", StartTls::kRequired}, {"off", StartTls::kOff}};

// File descriptors are the real bound; beyond this a typo is likelier than a need.
constexpr std::int64_t kMaxHttpConnections = 65536;

void read_http(Section s, DaemonOptions& o) {
  if (auto v = s.string("listen")) {
    s.check("listen", parse_listen_address(*v, o.listen_host, o.listen_port));
  }
  if (auto v = s.string("base_url")) s.check("base_url", parse_base_url(*v, o.base_url));
  if (auto v = s.integer("shutdown_timeout", 1, kMaxShutdownSeconds)) {
    o.shutdown_timeout = std::chrono::seconds(*v);
  }
  if (auto v = s.integer("max_connections", 1, kMaxHttpConnections))
    o.http_max_connections = static_cast<std::size_t>(*v);
  if (auto v = s.integer("max_per_address", 1, kMaxHttpConnections))
    o.http_max_per_address = static_cast<std::size_t>(*v);
  s.finish();
}

void read_data(Section s, DaemonOptions& o) {
  if (auto v = s.string("dir")) o.data_dir = *v;
  if (auto v = s.string("db")) o.db_path = *v;
  if (auto v = s.string("db_password_file")) o.db_password_file = *v;
  if (auto v = s.string("link_secret")) o.link_secret_path = *v;
  s.finish();
}

void read_cluster(Section s, ClusterOptions& o) {
  if (auto v = s.string("instance")) o.instance = *v;
  if (auto v = s.integer("lease_seconds", 3, 86400)) o.lease = std::chrono::seconds(*v);
  if (auto v = s.integer("poll_seconds", 1, 3600)) o.poll = std::chrono::seconds(*v);
  s.finish();
}

void read_admin(Section s, AdminOptions& o) {
  if (auto v = s.string("socket")) o.socket = *v;
  if (auto v = s.string("group")) o.group = *v;
  if (auto v = s.principals("allowed_users")) o.allowed_users = *v;
  if (auto v = s.principals("allowed_groups")) o.allowed_groups = *v;
  s.finish();
}

void read_mail(Section s, MailOptions& o) {
  if (auto v = parse_enum(s, "transport", kTransports)) o.transport = *v;
  if (auto v = s.string("spool_dir")) o.spool_dir = *v;
  if (auto v = s.string("smtp_url")) s.check("smtp_url", parse_smtp_url(*v, o.smtp_url));
  if (auto v = parse_enum(s, "starttls", kStartTls)) o.starttls = *v;
  if (auto v = s.string("username")) o.username = *v;
  if (auto v = s.string("password_file")) o.password_file = *v;
  if (auto v = s.string("from")) {
    if (v->find('@') == std::string::npos) s.problem("from", "'" + *v + "' is not a mail address");
    o.from = *v;
  }
  if (auto v = s.integer("connect_timeout", 1, 600)) o.connect_timeout = std::chrono::seconds(*v);
  if (auto v = s.integer("response_timeout", 1, 600)) o.response_timeout = std::chrono::seconds(*v);
  if (auto v = s.integer("send_timeout", 1, 3600)) o.send_timeout = std::chrono::seconds(*v);
  if (s.has("password")) {
    s.problem("password",
              "inline passwords are not accepted: put it in a file readable by the service and "
              "name it in password_file (or use systemd's LoadCredential=)");
  }
  s.finish();
}

void read_robots(Section s, RobotOptions& o) {
  if (auto v = s.integer("per_minute", 1, 600)) o.per_minute = int(*v);
  if (auto v = s.integer("timeout", 1, 600)) o.timeout = std::chrono::seconds(*v);
  s.finish();
}

std::optional<std::chrono::minutes> parse_send_time(std::string_view text) {
  const auto time = calendar::parse_iso_instant("2000-01-01T" + std::string(text), 0);
  if (text.size() != 5 || !time) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::minutes>(
      *time - calendar::TimePoint{std::chrono::sys_days{std::chrono::year{2000} / 1 / 1}});
}

constexpr std::array<std::string_view, 7> kWeekdays{"mon", "tue", "wed", "thu",
                                                    "fri", "sat", "sun"};

// "fri 16:00" → Friday, 16:00; nullopt unless a weekday's three letters and HH:MM.
std::optional<calendar::WeeklyReportTime> parse_weekly_report(std::string_view text) {
  const size_t space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const auto day = std::find(kWeekdays.begin(), kWeekdays.end(), text.substr(0, space));
  const auto time = parse_send_time(text.substr(space + 1));
  if (day == kWeekdays.end() || !time) return std::nullopt;
  return calendar::WeeklyReportTime{unsigned(day - kWeekdays.begin()) + 1, *time};
}

void read_units(Section s, DaemonOptions& o) {
  if (auto v = s.integer("yellow_working_days", 0, 60)) o.board_yellow_days = int(*v);
  if (auto v = s.string("weekly_report")) {
    if (auto when = parse_weekly_report(*v))
      o.weekly_report = *when;
    else
      s.problem("weekly_report", "'" + *v + "' must be a weekday and a local time: \"fri 16:00\"");
  }
  s.finish();
}

void read_reminders(Section s, ReminderOptions& o) {
  calendar::ReminderPolicy& policy = o.policy;
  if (auto v = s.string("send_time")) {
    if (auto minutes = parse_send_time(*v)) {
      policy.send_time = *minutes;
    } else {
      s.problem("send_time", "'" + *v + "' must be a local time HH:MM from 00:00 to 23:59");
    }
  }
  if (auto v = s.lead_days("deadline_lead_days")) policy.deadline_leads = *v;
  if (auto v = s.lead_days("activity_lead_days")) policy.activity_leads = *v;
  if (auto v = s.integer("overdue_delay_days", 1, kMaxLeadDays)) {
    policy.overdue_delay = static_cast<int>(*v);
  }
  if (auto v = s.boolean("escalation")) policy.escalation = *v;
  if (auto v = s.integer("retry_base_seconds", 1, 3600)) o.retry_base = std::chrono::seconds(*v);
  if (auto v = s.string("holidays")) o.holidays_dir = *v;
  if (const toml::table* categories = s.table("categories")) {
    Section inner(*categories, "[reminders.categories]", s.sink());
    for (const auto& [key, value] : *categories) {
      const auto category = calendar::parse_category(key.str());
      auto days = inner.lead_days(value, key.str());
      if (!category) {
        inner.sink().add(position_of(key.source()), std::string(key.str()),
                         "not a category (job_fair, event, forum, milestone, policy_window, "
                         "deadline) in [reminders.categories]");
      } else if (days) {
        policy.category_leads[*category] = *days;
      }
    }
  }
  if (const toml::table* units = s.table("units")) {
    Section inner(*units, "[reminders.units]", s.sink());
    for (const auto& [key, value] : *units) {
      if (auto days = inner.lead_days(value, key.str())) {
        policy.unit_leads[std::string(key.str())] = *days;
      }
    }
  }
  s.finish();
}

void read_testing(Section s, TestingOptions& o) {
  if (auto v = s.integer("stall_event_loop_after_ms", 0, 3'600'000)) {
    o.stall_event_loop_after = std::chrono::milliseconds(*v);
  }
  s.finish();
}

void read_log(Section s, DaemonOptions& o) {
  if (auto v = s.string("level")) s.check("level", parse_log_level(*v, o.log_level));
  s.finish();
}

}  // namespace

std::vector<std::string> apply_config_text(std::string_view text, const std::string& source,
                                           DaemonOptions& options) {
  DiagnosticSink sink(source);
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& error) {
    sink.add(position_of(error.source()), "", std::string(error.description()));
  }
  Section top(root, "the top level", sink);
  if (const auto* t = top.table("http")) read_http(Section(*t, "[http]", sink), options);
  if (const auto* t = top.table("data")) read_data(Section(*t, "[data]", sink), options);
  if (const auto* t = top.table("units")) read_units(Section(*t, "[units]", sink), options);
  if (const auto* t = top.table("cluster"))
    read_cluster(Section(*t, "[cluster]", sink), options.cluster);
  if (const auto* t = top.table("admin")) read_admin(Section(*t, "[admin]", sink), options.admin);
  if (const auto* t = top.table("mail")) read_mail(Section(*t, "[mail]", sink), options.mail);
  if (const auto* t = top.table("robots"))
    read_robots(Section(*t, "[robots]", sink), options.robots);
  if (const auto* t = top.table("reminders")) {
    read_reminders(Section(*t, "[reminders]", sink), options.reminders);
  }
  if (const auto* t = top.table("log")) read_log(Section(*t, "[log]", sink), options);
  if (const auto* t = top.table("testing")) {
    read_testing(Section(*t, "[testing]", sink), options.testing);
  }
  top.finish();
  std::vector<std::string> problems;
  for (const auto& diagnostic : sink.take()) problems.push_back(diagnostic.to_string());
  return problems;
}

std::vector<std::string> load_config_file(const std::string& path, DaemonOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {path + ": cannot open the configuration file: " + std::strerror(errno)};
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return {path + ": cannot read the configuration file: " + std::strerror(errno)};
  return apply_config_text(text, path, options);
}

std::string format_config(const DaemonOptions& o) {
  auto quoted = [](std::string_view text) {
    std::ostringstream out;
    out << toml::value<std::string>(std::string(text));
    return out.str();
  };
  auto list = [](const auto& items, auto format) {
    std::string out = "[";
    for (const auto& item : items) out += (out.size() > 1 ? ", " : "") + format(item);
    return out + "]";
  };
  auto number = [](int n) { return std::to_string(n); };
  auto name_of = [](const auto& table, auto value) {
    for (const auto& [name, v] : table) {
      if (v == value) return std::string(name);
    }
    return std::string();
  };
  const bool v6 = o.listen_host.find(':') != std::string::npos;
  const std::string host = v6 ? "[" + o.listen_host + "]" : o.listen_host;
  const calendar::ReminderPolicy& policy = o.reminders.policy;
  const auto send_minutes = policy.send_time.count();
  char send_time[8];
  std::snprintf(send_time, sizeof send_time, "%02d:%02d", static_cast<int>(send_minutes / 60),
                static_cast<int>(send_minutes % 60));

  std::ostringstream out;
  out << "# plancald effective configuration (file: "
      << (o.config_file.empty() ? "none" : o.config_file) << ")\n";
  if (o.now) {
    out << "# --now " << calendar::format_iso_instant(*o.now, calendar::kChinaOffsetMinutes)
        << "\n";
  }
  out << "\n[http]\nlisten = " << quoted(host + ":" + std::to_string(o.listen_port)) << "\n";
  if (!o.base_url.empty()) out << "base_url = " << quoted(o.base_url) << "\n";
  out << "shutdown_timeout = " << o.shutdown_timeout.count() << "\n";
  out << "max_connections = " << o.http_max_connections << "\n";
  out << "max_per_address = " << o.http_max_per_address << "\n";
  out << "\n[data]\ndir = " << quoted(o.data_dir) << "\ndb = " << quoted(o.db_path)
      << "\ndb_password_file = " << quoted(o.db_password_file)
      << "\nlink_secret = " << quoted(o.link_secret_path) << "\n";
  out << "\n[cluster]\ninstance = " << quoted(o.cluster.instance)
      << "\nlease_seconds = " << o.cluster.lease.count()
      << "\npoll_seconds = " << o.cluster.poll.count() << "\n";
  out << "\n[units]\nyellow_working_days = " << o.board_yellow_days << "\n";
  if (o.weekly_report) {
    char report_time[8];
    const auto minutes = o.weekly_report->time.count();
    std::snprintf(report_time, sizeof report_time, "%02d:%02d", static_cast<int>(minutes / 60),
                  static_cast<int>(minutes % 60));
    out << "weekly_report = "
        << quoted(std::string(kWeekdays[o.weekly_report->weekday - 1]) + " " + report_time) << "\n";
  }
  out << "\n[admin]\nsocket = " << quoted(o.admin.socket) << "\ngroup = " << quoted(o.admin.group)
      << "\nallowed_users = " << list(o.admin.allowed_users, quoted)
      << "\nallowed_groups = " << list(o.admin.allowed_groups, quoted) << "\n";
  out << "\n[mail]\ntransport = " << quoted(name_of(kTransports, o.mail.transport))
      << "\nspool_dir = " << quoted(o.mail.spool_dir) << "\n";
  if (!o.mail.smtp_url.empty()) out << "smtp_url = " << quoted(o.mail.smtp_url) << "\n";
  out << "starttls = " << quoted(name_of(kStartTls, o.mail.starttls))
      << "\nusername = " << quoted(o.mail.username)
      << "\npassword_file = " << quoted(o.mail.password_file) << "\nfrom = " << quoted(o.mail.from)
      << "\nconnect_timeout = " << o.mail.connect_timeout.count()
      << "\nresponse_timeout = " << o.mail.response_timeout.count()
      << "\nsend_timeout = " << o.mail.send_timeout.count() << "\n";
  out << "\n[robots]\nper_minute = " << o.robots.per_minute
      << "\ntimeout = " << o.robots.timeout.count() << "\n";
  out << "\n[reminders]\nsend_time = " << quoted(send_time)
      << "\ndeadline_lead_days = " << list(policy.deadline_leads, number)
      << "\nactivity_lead_days = " << list(policy.activity_leads, number)
      << "\noverdue_delay_days = " << policy.overdue_delay
      << "\nescalation = " << (policy.escalation ? "true" : "false")
      << "\nholidays = " << quoted(o.reminders.holidays_dir)
      << "\nretry_base_seconds = " << o.reminders.retry_base.count() << "\n";
  out << "\n[reminders.categories]\n";
  for (const auto& [category, days] : policy.category_leads) {
    out << calendar::to_string(category) << " = " << list(days, number) << "\n";
  }
  out << "\n[reminders.units]\n";
  for (const auto& [unit, days] : policy.unit_leads) {
    out << quoted(unit) << " = " << list(days, number) << "\n";
  }
  out << "\n[log]\nlevel = " << quoted(o.log_level) << "\n";
  if (o.testing.stall_event_loop_after) {
    out << "\n[testing]\nstall_event_loop_after_ms = " << o.testing.stall_event_loop_after->count()
        << "\n";
  }
  return out.str();
}

}  // namespace plancal::daemon
