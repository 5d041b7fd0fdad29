// SqliteOutbox::replan(): the merge of calendar/store/outbox_replan.hpp over SQLite rows,
// with statements prepared once per replan(), in one transaction.
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "calendar/sqlite/sqlite_columns.hpp"
#include "calendar/sqlite/sqlite_error.hpp"
#include "calendar/sqlite/sqlite_outbox.hpp"
#include "calendar/store/outbox_replan.hpp"
#include "calendar/store/store.hpp"

namespace plancal::calendar {
namespace {

class SqliteReplanRows final : public ReplanRows {
 public:
  SqliteReplanRows(SQLite::Database& db, TimePoint now)
      : db_(db),
        now_(now),
        find_(db, "SELECT id, state, send_at FROM outbox WHERE key = ?"),
        insert_(db,
                "INSERT INTO outbox (key, activity_uid, occurrence, unit_id, kind, lead_days, "
                "escalated_unit, plan_id, item_id, about_unit, message_id, send_at, state, "
                "attempts, last_error, late, created, updated, channel) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, '', ?, ?14, ?14, ?15)"),
        update_(db,
                "UPDATE outbox SET state = ?2, send_at = ?3, late = ?4, updated = ?5 "
                "WHERE id = ?1 AND state = ?6") {}

  std::optional<ReplanRow> find(const std::string& key) override {
    find_.reset();
    find_.bind(1, key);
    if (!find_.executeStep()) return std::nullopt;
    ReplanRow row;
    row.id = find_.getColumn(0).getInt64();
    if (!parse_outbox_state(find_.getColumn(1).getString(), row.state))
      throw StoreError("unknown outbox state " + find_.getColumn(1).getString());
    row.send_at = time_column(find_.getColumn(2));
    return row;
  }

  void insert(const std::string& key, const PlannedReminder& reminder, bool late) override {
    insert_.reset();
    insert_.bind(1, key);
    insert_.bind(2, reminder.key.activity_uid);
    bind_date(insert_, 3, reminder.key.occurrence, "reminder occurrence");
    insert_.bind(4, reminder.key.unit_id);
    insert_.bind(5, std::string(to_string(reminder.key.kind)));
    insert_.bind(6, reminder.key.lead_days);
    insert_.bind(7, reminder.key.escalated_unit);
    insert_.bind(8, reminder.plan_id);
    insert_.bind(9, reminder.item_id);
    insert_.bind(10, reminder.about_unit);
    insert_.bind(11, reminder_message_id(reminder.key));
    insert_.bind(12, time_column_value(reminder.send_at));
    insert_.bind(13, late ? 1 : 0);
    insert_.bind(14, time_column_value(now_));
    insert_.bind(15, reminder.key.channel);
    insert_.exec();
  }

  void update(const ReplanRow& row, OutboxState state, TimePoint send_at, bool late) override {
    update_.reset();
    update_.bind(1, row.id);
    update_.bind(2, std::string(to_string(state)));
    update_.bind(3, time_column_value(send_at));
    update_.bind(4, late ? 1 : 0);
    update_.bind(5, time_column_value(now_));
    update_.bind(6, std::string(to_string(row.state)));
    update_.exec();
  }

  void each_pending_or_failed(
      const std::function<void(std::int64_t, const std::string&)>& visit) override {
    SQLite::Statement rows(db_, "SELECT id, key FROM outbox WHERE state IN ('pending', 'failed')");
    while (rows.executeStep()) visit(rows.getColumn(0).getInt64(), rows.getColumn(1).getString());
  }

  void cancel(const std::vector<std::int64_t>& ids) override {
    SQLite::Statement cancel(db_,
                             "UPDATE outbox SET state = 'cancelled', updated = ? "
                             "WHERE id = ? AND state IN ('pending', 'failed')");
    cancel.bind(1, time_column_value(now_));
    for (std::int64_t id : ids) {
      cancel.reset();
      cancel.bind(2, id);
      cancel.exec();
    }
  }

 private:
  SQLite::Database& db_;
  TimePoint now_;
  SQLite::Statement find_;
  SQLite::Statement insert_;
  SQLite::Statement update_;
};

}  // namespace

ReplanResult SqliteOutbox::replan(const std::vector<PlannedReminder>& planned, TimePoint now) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    ReplanResult result;
    {
      SqliteReplanRows rows(db_, now);
      result = merge_planned(planned, now, rows);
    }
    transaction.commit();
    return result;
  } catch (...) {
    rethrow_store_error(path_, "re-planning the outbox");
  }
}

}  // namespace plancal::calendar
