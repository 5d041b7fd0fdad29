// SqliteOutbox::replan(): merges the planner's output into the outbox in one transaction
// without holding a second copy of it: planned reminders are looked up and written one at
// a time, and stored keys are checked against a sorted index of key hashes (16 bytes per
// planned reminder), confirmed by comparing the keys themselves.
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <utility>

#include "calendar/sqlite/sqlite_columns.hpp"
#include "calendar/sqlite/sqlite_error.hpp"
#include "calendar/sqlite/sqlite_outbox.hpp"
#include "calendar/store/store.hpp"

namespace plancal::calendar {
namespace {

// Whether a key is among the planned reminders' keys.
class PlannedKeys {
 public:
  explicit PlannedKeys(const std::vector<PlannedReminder>& planned) : planned_(planned) {
    if (planned.size() > UINT32_MAX) throw StoreError("too many planned reminders");
    hashes_.reserve(planned.size());
    for (std::uint32_t i = 0; i < planned.size(); ++i)
      hashes_.emplace_back(hash(planned[i].key.to_string()), i);
    std::sort(hashes_.begin(), hashes_.end());
  }

  bool contains(const std::string& key) const {
    const std::uint64_t h = hash(key);
    for (auto it = std::lower_bound(hashes_.begin(), hashes_.end(), std::pair{h, 0u});
         it != hashes_.end() && it->first == h; ++it)
      if (planned_[it->second].key.to_string() == key) return true;
    return false;
  }

 private:
  static std::uint64_t hash(const std::string& key) { return std::hash<std::string>{}(key); }

  const std::vector<PlannedReminder>& planned_;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> hashes_;
};

// The statements of the merge, prepared once per replan().
struct MergeStatements {
  explicit MergeStatements(SQLite::Database& db)
      : find(db, "SELECT id, state, send_at FROM outbox WHERE key = ?"),
        insert(db,
               "INSERT INTO outbox (key, activity_uid, occurrence, unit_id, kind, lead_days, "
               "escalated_unit, plan_id, item_id, about_unit, message_id, send_at, state, "
               "attempts, last_error, late, created, updated, channel) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, '', ?, ?, ?14, ?15)"),
        update(db,
               "UPDATE outbox SET state = ?2, send_at = ?3, late = ?4, updated = ?5 "
               "WHERE id = ?1") {}

  SQLite::Statement find;
  SQLite::Statement insert;
  SQLite::Statement update;
};

void insert_reminder(SQLite::Statement& insert, const PlannedReminder& reminder,
                     const std::string& key, TimePoint now) {
  insert.reset();
  insert.bind(1, key);
  insert.bind(2, reminder.key.activity_uid);
  bind_date(insert, 3, reminder.key.occurrence, "reminder occurrence");
  insert.bind(4, reminder.key.unit_id);
  insert.bind(5, std::string(to_string(reminder.key.kind)));
  insert.bind(6, reminder.key.lead_days);
  insert.bind(7, reminder.key.escalated_unit);
  insert.bind(8, reminder.plan_id);
  insert.bind(9, reminder.item_id);
  insert.bind(10, reminder.about_unit);
  insert.bind(11, reminder_message_id(reminder.key));
  insert.bind(12, time_column_value(reminder.send_at));
  insert.bind(13, reminder.send_at < now ? 1 : 0);
  insert.bind(14, time_column_value(now));
  insert.bind(15, reminder.key.channel);
  insert.exec();
}

// Applies one planned reminder and counts what happened to it.
void merge(MergeStatements& statements, const PlannedReminder& reminder, TimePoint now,
           ReplanResult& result) {
  const std::string key = reminder.key.to_string();
  SQLite::Statement& find = statements.find;
  find.reset();
  find.bind(1, key);
  if (!find.executeStep()) {
    insert_reminder(statements.insert, reminder, key, now);
    ++result.inserted;
    return;
  }
  const std::int64_t id = find.getColumn(0).getInt64();
  const std::string state = find.getColumn(1).getString();
  const bool moved = time_column(find.getColumn(2)) != reminder.send_at;
  find.reset();
  if (state == "cancelled") {
    ++result.restored;
  } else if (state != "pending" && state != "failed") {
    ++result.kept;
    return;
  } else if (moved) {
    ++result.rescheduled;
  } else {
    ++result.unchanged;
    return;
  }
  SQLite::Statement& update = statements.update;
  update.reset();
  update.bind(1, id);
  update.bind(2, state == "cancelled" ? std::string("pending") : state);
  update.bind(3, time_column_value(reminder.send_at));
  update.bind(4, reminder.send_at < now ? 1 : 0);
  update.bind(5, time_column_value(now));
  update.exec();
}

// Cancels the pending and failed rows whose key is not planned.
int cancel_unplanned(SQLite::Database& db, const PlannedKeys& planned, TimePoint now) {
  std::vector<std::int64_t> unplanned;
  SQLite::Statement rows(db, "SELECT id, key FROM outbox WHERE state IN ('pending', 'failed')");
  while (rows.executeStep())
    if (!planned.contains(rows.getColumn(1).getString()))
      unplanned.push_back(rows.getColumn(0).getInt64());
  SQLite::Statement cancel(db, "UPDATE outbox SET state = 'cancelled', updated = ? WHERE id = ?");
  cancel.bind(1, time_column_value(now));
  for (std::int64_t id : unplanned) {
    cancel.reset();
    cancel.bind(2, id);
    cancel.exec();
  }
  return static_cast<int>(unplanned.size());
}

}  // namespace

ReplanResult SqliteOutbox::replan(const std::vector<PlannedReminder>& planned, TimePoint now) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    ReplanResult result;
    {
      MergeStatements statements(db_);
      for (const PlannedReminder& reminder : planned) merge(statements, reminder, now, result);
    }
    result.cancelled = cancel_unplanned(db_, PlannedKeys(planned), now);
    transaction.commit();
    return result;
  } catch (...) {
    rethrow_store_error(path_, "re-planning the outbox");
  }
}

}  // namespace plancal::calendar
