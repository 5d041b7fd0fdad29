// plancalctl activities: list the dated activities stored in a database.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "calendar/json/reading_json.hpp"
#include "calendar/model/time_format.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"
#include "plancalctl/store_args.hpp"
#include "plancalctl/text_table.hpp"

namespace plancal::ctl {

using namespace plancal::calendar;

namespace {

bool matches(const StoredActivity& a, const Args& args) {
  if (auto c = args.value("--category"); c && to_string(a.activity.category) != *c) return false;
  if (auto u = args.value("--unit")) {
    const auto& units = a.activity.units;
    if (std::find(units.begin(), units.end(), *u) == units.end()) return false;
  }
  return true;
}

std::string when_column(const Reading& r) {
  std::string when = to_iso(r.start);
  if (r.end != r.start) when += " … " + to_iso(r.end);
  return when;
}

}  // namespace

int activities_command(const Argv& argv, Io io) {
  Args args(argv,
            {{kDbOption, kDbPasswordFileOption, "--plan", "--category", "--unit"}, {"--json"}});
  if (!args.positionals().empty()) throw UsageError("activities takes no positional argument");
  if (auto c = args.value("--category"); c && !parse_category(*c))
    throw UsageError("unknown category '" + *c + "'");
  auto store = open_store_of(args);
  nlohmann::json json = nlohmann::json::array();
  TextTable table({"when", "precision", "kind", "category", "title", "units", "uid"});
  for (const auto& plan : store->plans().list_plans()) {
    if (auto p = args.value("--plan"); p && *p != plan.id) continue;
    for (const auto& stored : store->plans().activities(plan.id)) {
      if (!matches(stored, args)) continue;
      const Activity& a = stored.activity;
      if (args.flag("--json")) {
        json.push_back({{"uid", stored.uid},
                        {"plan", stored.plan_id},
                        {"item", a.item_id},
                        {"title", a.title},
                        {"category", std::string(to_string(a.category))},
                        {"units", a.units},
                        {"location", a.location},
                        {"public", a.is_public},
                        {"sequence", stored.sequence},
                        {"last_modified", format_iso_instant(stored.last_modified, 0)},
                        {"schedule", reading_to_json(a.schedule)}});
      } else {
        std::string units;
        for (const auto& u : a.units) units += (units.empty() ? "" : ",") + u;
        table.add_row({when_column(a.schedule), std::string(to_string(a.schedule.precision)),
                       std::string(to_string(a.schedule.kind)),
                       std::string(display_name(a.category)), a.title, units, stored.uid});
      }
    }
  }
  if (args.flag("--json")) {
    io.out << json.dump(2) << "\n";
  } else {
    table.print(io.out);
    io.out << table.size() << " activities\n";
  }
  return 0;
}

}  // namespace plancal::ctl
