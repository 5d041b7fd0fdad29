// SqliteStore::import_plan: the import diff (calendar/store/plan_import.hpp) against the
// stored plan, in one transaction.
#include <SQLiteCpp/Transaction.h>

#include "calendar/sqlite/sqlite_activities.hpp"
#include "calendar/sqlite/sqlite_outline.hpp"
#include "calendar/sqlite/sqlite_store.hpp"

namespace plancal::calendar {

ImportStats SqliteStore::import_plan(const Plan& plan, TimePoint now) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    // Changes a calendar client does not see as an activity edit: plan, unit and item
    // metadata, or an activity moving within the plan.
    bool outline_changed = false;
    const std::optional<Plan> stored_outline = read_plan_outline(db_, plan.id);
    if (!stored_outline || *stored_outline != plan_outline(plan)) {
      write_plan_outline(db_, plan, now);
      outline_changed = true;
    }
    SqliteActivityWriter writer(db_, plan.id, now);
    const ActivityDiff diff = diff_activities(plan, read_activity_versions(db_, plan.id), writer);
    if (outline_changed || diff.moved || diff.changed()) {
      touch_plan(db_, plan.id, now);
      db_.exec("UPDATE meta SET value = value + 1 WHERE key = 'data_version'");
    }
    transaction.commit();
    return diff.stats;
  } catch (...) {
    rethrow_with_context("importing plan " + plan.id);
  }
}

}  // namespace plancal::calendar
