// plancalctl reminders: an offline preview of the reminders the plans call for, sent in a
// range of dates: to whom, when and why. Nothing is sent and nothing is acknowledged (the
// preview assumes no unit has acknowledged anything, so every overdue notice is listed).
// With --config it plans with the daemon's own [reminders] settings (lead days, send time,
// overdue delay, holiday folder), so the preview is what plancald would send.
#include <algorithm>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "calendar/model/time_format.hpp"
#include "calendar/model/uid.hpp"
#include "calendar/plan_file/holiday_file.hpp"
#include "calendar/plan_file/plan_loader.hpp"
#include "calendar/reminders/reminder_planner.hpp"
#include "daemon/system/config_file.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"
#include "plancalctl/store_args.hpp"
#include "plancalctl/text_table.hpp"

namespace plancal::ctl {

using namespace plancal::calendar;

namespace {

struct Plans {
  std::vector<Plan> plans;
  std::vector<StoredActivity> activities;
};

// Plans and activities from plan files; nullopt after printing the loader's errors.
std::optional<Plans> from_data_dir(const std::string& dir, Io io) {
  DataSetLoad load = load_plans_dir(dir);
  if (!load.errors.empty()) {
    for (const auto& d : load.errors) io.err << d.to_string() << "\n";
    return std::nullopt;
  }
  Plans out{std::move(load.plans), {}};
  for (const Plan& plan : out.plans)
    for (const Item& item : plan.items)
      for (const Activity& activity : item.activities)
        out.activities.push_back(
            {plan.id, activity_uid(plan.id, activity.key), 0, {}, {}, activity});
  return out;
}

Plans from_store(const Args& args) {
  auto store = open_store_of(args);
  Plans out;
  for (const PlanSummary& summary : store->plans().list_plans()) {
    if (auto plan = store->plans().load_plan(summary.id)) out.plans.push_back(std::move(*plan));
    auto activities = store->plans().activities(summary.id);
    out.activities.insert(out.activities.end(), activities.begin(), activities.end());
  }
  return out;
}

std::string lead_column(const ReminderKey& key) {
  const std::string days = std::to_string(key.lead_days) + "个工作日";
  return key.kind == ReminderKind::kOverdue ? "逾期" + days : "提前" + days;
}

Date date_option(const Args& args, const std::string& name) {
  const std::string text = args.required(name);
  const auto date = parse_iso_date(text);
  if (!date) throw UsageError(name + " needs a date YYYY-MM-DD, not '" + text + "'");
  return *date;
}

}  // namespace

int reminders_command(const Argv& argv, Io io) {
  Args args(argv, {{"--from", "--to", "--unit", "--data", kDbOption, kDbPasswordFileOption,
                    "--holidays", "--config", "--now"},
                   {"--json"}});
  if (!args.positionals().empty()) throw UsageError("reminders takes no positional argument");
  const Date from = date_option(args, "--from");
  const Date to = date_option(args, "--to");
  if (to < from) throw UsageError("--to is before --from");
  const auto data = args.value("--data");
  if (data.has_value() == args.value("--db").has_value())
    throw UsageError("give either --data DIR or --db FILE");
  if (data && args.value("--holidays"))
    throw UsageError("--holidays goes with --db; --data DIR reads DIR/holidays");
  daemon::DaemonOptions daemon_options;
  if (auto config = args.value("--config")) {
    const auto problems = daemon::load_config_file(*config, daemon_options);
    for (const auto& problem : problems) io.err << problem << "\n";
    if (!problems.empty()) return 1;
  }
  const ReminderPolicy& policy = daemon_options.reminders.policy;
  // The holiday folder: --holidays, else the data directory's, else the configured one,
  // else the bundled one.
  std::string holidays_dir = std::string(PLANCAL_DEFAULT_DATA_DIR) + "/holidays";
  if (!daemon_options.reminders.holidays_dir.empty())
    holidays_dir = daemon_options.reminders.holidays_dir;
  if (data) holidays_dir = *data + "/holidays";
  if (auto dir = args.value("--holidays")) holidays_dir = *dir;
  TimePoint now = policy.send_at(from) - policy.send_time;  // the start of --from, local
  if (auto text = args.value("--now")) {
    const auto parsed = parse_iso_instant(*text, policy.utc_offset_minutes);
    if (!parsed) throw UsageError("--now needs an ISO-8601 instant, not '" + *text + "'");
    now = *parsed;
  }

  std::optional<Plans> plans = data ? from_data_dir(*data, io) : from_store(args);
  if (!plans) return 1;
  HolidayLoad holidays = load_holiday_folder(holidays_dir);
  if (!holidays.errors.empty()) {
    for (const auto& d : holidays.errors) io.err << d.to_string() << "\n";
    return 1;
  }
  for (int year = int(from.year()); year <= int(to.year()); ++year)
    if (!holidays.calendar.covers(year))
      io.err << "warning: no holiday file for " << year
             << ": Monday to Friday are taken as working days\n";
  const auto unit = args.value("--unit");
  if (unit && std::none_of(plans->plans.begin(), plans->plans.end(),
                           [&](const Plan& p) { return p.find_unit(*unit) != nullptr; }))
    throw UsageError("no plan has a unit '" + *unit + "'");

  std::vector<std::pair<const Plan*, PlannedReminder>> rows;
  std::map<std::string, const Activity*> by_uid;
  for (const auto& stored : plans->activities) by_uid[stored.uid] = &stored.activity;
  for (const Plan& plan : plans->plans) {
    const PlanningOptions options{policy.send_at(to), true, {}};  // the plan as written
    for (auto& r :
         plan_reminders(plan, plans->activities, holidays.calendar, policy, {}, now, options))
      if (policy.local_date(r.send_at) >= from && (!unit || r.key.unit_id == *unit))
        rows.emplace_back(&plan, std::move(r));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.send_at, a.second.key) < std::tie(b.second.send_at, b.second.key);
  });

  nlohmann::json json = nlohmann::json::array();
  TextTable table({"send at", "unit", "kind", "lead", "due", "item", "title", "about"});
  for (const auto& [plan, r] : rows) {
    const std::string send_at = format_iso_instant(r.send_at, policy.utc_offset_minutes);
    const std::string title =
        by_uid.count(r.key.activity_uid) ? by_uid[r.key.activity_uid]->title : "";
    if (args.flag("--json")) {
      json.push_back({{"send_at", send_at},
                      {"unit", r.key.unit_id},
                      {"item", r.item_id},
                      {"activity_uid", r.key.activity_uid},
                      {"kind", std::string(to_string(r.key.kind))},
                      {"lead_days", r.key.lead_days},
                      {"due", to_iso(r.key.occurrence)},
                      {"about_unit", r.about_unit},
                      {"plan", r.plan_id},
                      {"title", title}});
    } else {
      const std::string about = r.about_unit != r.key.unit_id ? plan->unit_name(r.about_unit) : "";
      table.add_row({send_at.substr(0, 16), plan->unit_name(r.key.unit_id),
                     std::string(to_string(r.key.kind)), lead_column(r.key),
                     to_iso(r.key.occurrence), r.item_id, title, about});
    }
  }
  if (args.flag("--json")) {
    io.out << json.dump(2) << "\n";
  } else {
    table.print(io.out);
    io.out << table.size() << " reminders\n";
  }
  return 0;
}

}  // namespace plancal::ctl
