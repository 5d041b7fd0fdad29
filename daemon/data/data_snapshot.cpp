#include "daemon/data/data_snapshot.hpp"

#include <algorithm>
#include <set>

#include "calendar/plan_file/plan_loader.hpp"

namespace plancal::daemon {

const calendar::StoredActivity* PlanData::find_activity(std::string_view uid) const {
  for (const auto& stored : activities)
    if (stored.uid == uid) return &stored;
  return nullptr;
}

const PlanData* DataSnapshot::find_plan(std::string_view plan_id) const {
  for (const auto& data : plans)
    if (data.plan.id == plan_id) return &data;
  return nullptr;
}

namespace {

// "已批准延期：区医保局 至 2024-01-31" per item, one line per unit (its latest approval).
std::map<std::string, calendar::ItemNote> extension_notes(const calendar::Plan& plan,
                                                          calendar::UnitActionStore& actions) {
  // The dates: approved_extensions() (the latest approval of each unit wins); the time: the
  // latest decision on the item.
  std::map<std::string, calendar::ItemNote> notes;
  for (const auto& [item_unit, until] : actions.approved_extensions(plan.id)) {
    calendar::ItemNote& note = notes[item_unit.first];
    note.text += (note.text.empty() ? "" : "\n") + std::string("已批准延期：") +
                 plan.unit_name(item_unit.second) + " 至 " + calendar::to_iso(until) +
                 "（方案原定日期不变）";
  }
  for (const auto& e : actions.extensions(plan.id))
    if (e.state == calendar::ExtensionState::kApproved && notes.count(e.request.item_id))
      notes[e.request.item_id].at = std::max(notes[e.request.item_id].at, *e.decided_at);
  return notes;
}

}  // namespace

DataFiles read_data_files(const std::filesystem::path& data_dir) {
  DataFiles out;
  calendar::DataSetLoad loaded = calendar::load_plans_dir(data_dir);
  if (!loaded.errors.empty()) {
    out.errors = std::move(loaded.errors);
    return out;
  }
  if (loaded.plans.empty()) {
    out.errors.push_back(
        {(data_dir / "plans").string(), 0, 0, "", "no plan files (plans/*.toml) found"});
    return out;
  }
  std::set<int> uncovered;
  for (const auto& plan : loaded.plans)
    uncovered.merge(plan.years_without_holidays(loaded.holidays));
  out.years_without_holidays.assign(uncovered.begin(), uncovered.end());
  out.plans = std::move(loaded.plans);
  return out;
}

SnapshotLoad snapshot_from(DataFiles files, calendar::PlanStore& plans, calendar::TimePoint now,
                           const DataSnapshot* previous, calendar::UnitActionStore* unit_actions) {
  SnapshotLoad result;
  if (!files.errors.empty()) {
    result.errors = std::move(files.errors);
    return result;
  }
  auto snapshot = std::make_shared<DataSnapshot>();
  try {
    for (const auto& plan : files.plans) {
      result.imports.emplace_back(plan.id, plans.import_plan(plan, now));
    }
    snapshot->last_modified = previous ? previous->last_modified : calendar::TimePoint{};
    for (const auto& summary : plans.list_plans()) {
      const bool served = std::any_of(files.plans.begin(), files.plans.end(),
                                      [&](const auto& plan) { return plan.id == summary.id; });
      if (served)
        snapshot->last_modified = std::max(snapshot->last_modified, summary.last_modified);
    }
    if (previous) {
      for (const auto& old : previous->plans) {
        const bool kept = std::any_of(files.plans.begin(), files.plans.end(),
                                      [&](const auto& plan) { return plan.id == old.plan.id; });
        if (!kept) snapshot->last_modified = std::max(snapshot->last_modified, now);
      }
    }
    snapshot->years_without_holidays = files.years_without_holidays;
    for (auto& plan : files.plans) {
      PlanData data;
      data.activities = plans.activities(plan.id);
      data.feeds = calendar::build_feed_catalog(plan);
      if (unit_actions != nullptr) data.item_notes = extension_notes(plan, *unit_actions);
      for (const auto& [item, note] : data.item_notes)
        snapshot->last_modified = std::max(snapshot->last_modified, note.at);
      data.plan = std::move(plan);
      snapshot->plans.push_back(std::move(data));
    }
    snapshot->data_version = plans.data_version();
  } catch (const calendar::StoreError& e) {
    result.imports.clear();
    result.errors.push_back({"", 0, 0, "", std::string("store: ") + e.what()});
    return result;
  }
  result.snapshot = std::move(snapshot);
  return result;
}

}  // namespace plancal::daemon
