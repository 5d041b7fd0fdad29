// The daemon's view of its data: an immutable DataSnapshot of every plan in the data
// directory with its stored (versioned) activities and feed catalog. read_data_files() then
// snapshot_from() make a new one on start and on each reload; a failed load leaves the caller's
// current snapshot untouched, so a broken data file never takes feeds down. Snapshots are shared
// read-only (std::shared_ptr<const DataSnapshot>) and safe to read from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calendar/ics/feed_catalog.hpp"
#include "calendar/ics/ics_writer.hpp"
#include "calendar/model/diagnostic.hpp"
#include "calendar/store/plan_store.hpp"
#include "calendar/store/unit_actions.hpp"

namespace plancal::daemon {

struct PlanData {
  calendar::Plan plan;
  std::vector<calendar::StoredActivity> activities;  // as stored: UIDs, SEQUENCE, times
  std::vector<calendar::FeedSpec> feeds;             // build_feed_catalog(plan)
  // Per item: its approved extensions, for the DESCRIPTION of its events (docs/units.md).
  std::map<std::string, calendar::ItemNote> item_notes;

  // The stored activity with this UID; nullptr if the plan has none.
  const calendar::StoredActivity* find_activity(std::string_view uid) const;
};

struct DataSnapshot {
  std::vector<PlanData> plans;  // in data-directory order
  std::int64_t data_version = 0;
  // The newest change to any plan; never earlier than the previous snapshot's, also
  // after activities or whole plans were removed.
  calendar::TimePoint last_modified{};
  // Years in which some plan has activities but the data directory has no holiday file:
  // their reminders take Monday to Friday as working days (status and /healthz say so).
  std::vector<int> years_without_holidays;

  // The plan with this id; nullptr if the snapshot has none.
  const PlanData* find_plan(std::string_view plan_id) const;
};

struct SnapshotLoad {
  std::shared_ptr<const DataSnapshot> snapshot;  // null when errors is not empty
  calendar::Diagnostics errors;                  // plan-file errors (file:line) or store failure
  std::vector<std::pair<std::string, calendar::ImportStats>> imports;  // per plan id
};

// A data directory as read from its files, before anything is stored: every plan parsed
// and checked (with the statutory holidays of its holidays/ folder), or the errors.
struct DataFiles {
  std::vector<calendar::Plan> plans;  // empty when errors is not
  calendar::Diagnostics errors;       // file:line each; "no plan files" too
  std::vector<int> years_without_holidays;
};

// Reads `data_dir`. Files only, no store: safe on any thread (the daemon reads on a worker).
DataFiles read_data_files(const std::filesystem::path& data_dir);

// Imports the plans of `files` into `plans` at `now` and returns the new snapshot, with
// the approved extensions of `unit_actions` (may be null) as item notes. If `files` has
// errors nothing is imported and they are returned. A StoreError is returned as one
// diagnostic naming the store (some plans may then already be imported; the next load
// imports them again, which is idempotent). `previous` (may be null) keeps last_modified
// from moving backwards. On the store's thread.
SnapshotLoad snapshot_from(DataFiles files, calendar::PlanStore& plans, calendar::TimePoint now,
                           const DataSnapshot* previous,
                           calendar::UnitActionStore* unit_actions = nullptr);

}  // namespace plancal::daemon
