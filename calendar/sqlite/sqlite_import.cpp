// SqliteStore::import_plan: diffing a plan against the stored one in one transaction.
#include <SQLiteCpp/Transaction.h>

#include "calendar/model/activity_fingerprint.hpp"
#include "calendar/model/uid.hpp"
#include "calendar/sqlite/sqlite_activities.hpp"
#include "calendar/sqlite/sqlite_outline.hpp"
#include "calendar/sqlite/sqlite_store.hpp"

namespace plancal::calendar {
namespace {

// A stored activity's version, and whether the plan being imported still has it.
struct Seen {
  ActivityVersion version;
  bool seen = false;
};

void bump_data_version(SQLite::Database& db) {
  db.exec("UPDATE meta SET value = value + 1 WHERE key = 'data_version'");
}

}  // namespace

ImportStats SqliteStore::import_plan(const Plan& plan, TimePoint now) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    ImportStats stats;
    // Changes a calendar client does not see as an activity edit: plan, unit and item
    // metadata, or an activity moving within the plan.
    bool outline_changed = false;

    const std::optional<Plan> stored_outline = read_plan_outline(db_, plan.id);
    if (!stored_outline || *stored_outline != plan_outline(plan)) {
      write_plan_outline(db_, plan, now);
      outline_changed = true;
    }

    std::unordered_map<std::string, Seen> stored;
    for (auto& [uid, version] : read_activity_versions(db_, plan.id))
      stored.emplace(uid, Seen{version, false});

    ActivityWriter writer(db_);
    for (size_t i = 0; i < plan.items.size(); ++i) {
      const Item& item = plan.items[i];
      for (size_t k = 0; k < item.activities.size(); ++k) {
        const Activity& activity = item.activities[k];
        const ActivityPosition position{static_cast<std::int64_t>(i), static_cast<std::int64_t>(k)};
        const std::uint64_t fingerprint = activity_fingerprint(activity);
        auto [it, is_new] = stored.try_emplace(activity_uid(plan.id, activity.key));
        const std::string& uid = it->first;
        Seen& entry = it->second;
        if (entry.seen) throw StoreError("duplicate activity key " + activity.key);
        entry.seen = true;
        if (is_new) {
          writer.insert(plan.id, uid, activity, position, fingerprint, now);
          ++stats.added;
        } else if (entry.version.fingerprint != fingerprint) {
          writer.update(uid, activity, position, fingerprint, entry.version.sequence + 1, now);
          ++stats.changed;
        } else {
          if (entry.version.position != position) {
            writer.move(uid, position);
            outline_changed = true;
          }
          ++stats.unchanged;
        }
      }
    }
    for (const auto& [uid, entry] : stored) {
      if (entry.seen) continue;
      writer.remove(uid);
      ++stats.removed;
    }

    if (outline_changed || stats.added > 0 || stats.changed > 0 || stats.removed > 0) {
      touch_plan(db_, plan.id, now);
      bump_data_version(db_);
    }
    transaction.commit();
    return stats;
  } catch (...) {
    rethrow_with_context("importing plan " + plan.id);
  }
}

}  // namespace plancal::calendar
