#include "daemon/units/weekly_report.hpp"

#include <map>
#include <utility>

namespace plancal::daemon {
namespace {

std::string item_line(const calendar::Item& item, const calendar::ItemStatus& status) {
  std::string line = item.number.empty() ? item.summary() : item.number + ". " + item.summary();
  if (status.due) line += "（期限 " + calendar::to_iso(*status.due) + "）";
  return line;
}

}  // namespace

calendar::WeeklyReport weekly_report(const BoardView& board,
                                     const std::vector<calendar::ExtensionRequest>& extensions,
                                     std::string board_url) {
  const calendar::Plan& plan = board.plan->plan;
  calendar::WeeklyReport report;
  report.plan_title = plan.title;
  report.document_number = plan.document_number;
  report.today = board.today;
  report.board_url = std::move(board_url);

  std::map<std::string, calendar::WeeklyReport::UnitLights> lights;
  for (const BoardRow& row : board.rows) {
    const bool red = row.status.light == calendar::Light::kRed;
    const bool yellow = row.status.light == calendar::Light::kYellow;
    if (red || yellow) {
      auto& unit = lights[row.unit->id];
      unit.unit_name = row.unit->name;
      (red ? unit.red : unit.yellow).push_back(item_line(*row.item, row.status));
    }
    if (row.status.state == calendar::ItemState::kNotReceived)
      report.missing_receipts.push_back(row.unit->name + "：" + item_line(*row.item, row.status));
  }
  for (const UnitTally& tally : board.tallies)  // most red lights first
    if (auto it = lights.find(tally.unit->id); it != lights.end())
      report.units.push_back(std::move(it->second));
  for (const calendar::ExtensionRequest& e : extensions) {
    if (e.state != calendar::ExtensionState::kPending) continue;
    const calendar::Item* item = plan.find_item(e.request.item_id);
    report.pending_extensions.push_back(
        plan.unit_name(e.request.unit_id) + " · " + (item ? item->summary() : e.request.item_id) +
        "：申请延期至 " + calendar::to_iso(*e.request.until) + "（" + e.request.note + "）");
  }
  return report;
}

}  // namespace plancal::daemon
