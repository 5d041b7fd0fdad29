#include "daemon/units/board.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace plancal::daemon {
namespace {

constexpr size_t kLatestNotes = 10;

}  // namespace

BoardView build_board(const PlanData& data, const UnitFactStores& stores,
                      const calendar::HolidayCalendar& holidays, calendar::Date today,
                      int yellow_days, const BoardFilter& filter) {
  const calendar::Plan& plan = data.plan;
  BoardView view;
  view.plan = &data;
  view.today = today;
  view.sections = plan.sections();
  const PlanFacts facts = read_plan_facts(stores, plan.id);

  std::map<std::string, UnitTally> tallies;
  for (const calendar::Item& item : plan.items) {
    const std::string section = plan.section_of(item);
    for (const calendar::Unit& unit : plan.units) {
      if (!item.involves(unit.id)) continue;
      BoardRow row{&item, &unit, section,
                   calendar::item_status(plan, item, unit.id, facts.of(item.id, unit.id), holidays,
                                         today, yellow_days)};
      UnitTally& tally = tallies[unit.id];
      tally.unit = &unit;
      ++tally.items;
      tally.red += row.status.light == calendar::Light::kRed;
      tally.yellow += row.status.light == calendar::Light::kYellow;
      tally.green += row.status.light == calendar::Light::kGreen;
      tally.not_received += row.status.state == calendar::ItemState::kNotReceived;
      if ((filter.section.empty() || filter.section == section) &&
          (filter.unit.empty() || filter.unit == unit.id))
        view.rows.push_back(std::move(row));
    }
  }
  for (auto& [id, tally] : tallies) view.tallies.push_back(tally);
  std::stable_sort(view.tallies.begin(), view.tallies.end(),
                   [](const UnitTally& a, const UnitTally& b) {
                     return std::tie(b.red, b.yellow) < std::tie(a.red, a.yellow);
                   });
  for (const auto& [key, actions] : facts.actions)
    for (const calendar::UnitAction& a : actions)
      if (a.kind == calendar::UnitActionKind::kProgress) view.latest_progress.push_back(a);
  std::sort(
      view.latest_progress.begin(), view.latest_progress.end(),
      [](const calendar::UnitAction& a, const calendar::UnitAction& b) { return a.id > b.id; });
  if (view.latest_progress.size() > kLatestNotes) view.latest_progress.resize(kLatestNotes);
  return view;
}

}  // namespace plancal::daemon
