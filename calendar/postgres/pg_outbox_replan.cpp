// PgOutbox::replan(): the merge of calendar/store/outbox_replan.hpp over PostgreSQL rows, in
// one transaction under the planning advisory lock. Other instances may claim rows while it
// runs: a row is re-timed or cancelled only if it is still in the state the merge read.
#include <pqxx/transaction>

#include "calendar/postgres/pg_fields.hpp"
#include "calendar/postgres/pg_locks.hpp"
#include "calendar/postgres/pg_outbox.hpp"
#include "calendar/store/outbox_replan.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

class PgReplanRows final : public ReplanRows {
 public:
  PgReplanRows(pqxx::transaction_base& tx, TimePoint now) : tx_(tx), now_(now) {}

  std::optional<ReplanRow> find(const std::string& key) override {
    const pqxx::result rows =
        tx_.exec_params("SELECT id, state, send_at FROM outbox WHERE key = $1", key);
    if (rows.empty()) return std::nullopt;
    ReplanRow row;
    row.id = rows[0][0].as<std::int64_t>();
    if (!parse_outbox_state(rows[0][1].as<std::string>(), row.state))
      throw StoreError("unknown outbox state " + rows[0][1].as<std::string>());
    row.send_at = time_field(rows[0][2]);
    return row;
  }

  void insert(const std::string& key, const PlannedReminder& reminder, bool late) override {
    // Another instance's replan cannot insert the same key meanwhile (the planning lock).
    tx_.exec_params(
        "INSERT INTO outbox (key, activity_uid, occurrence, unit_id, kind, lead_days, "
        "escalated_unit, plan_id, item_id, about_unit, message_id, send_at, state, attempts, "
        "last_error, late, created, updated, channel) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
        "$9, $10, $11, $12, 'pending', 0, '', $13, $14, $14, $15)",
        key, reminder.key.activity_uid,
        date_to_text(reminder.key.occurrence, "reminder occurrence"), reminder.key.unit_id,
        std::string(to_string(reminder.key.kind)), reminder.key.lead_days,
        reminder.key.escalated_unit, reminder.plan_id, reminder.item_id, reminder.about_unit,
        reminder_message_id(reminder.key), time_to_seconds(reminder.send_at), late,
        time_to_seconds(now_), reminder.key.channel);
  }

  void update(const ReplanRow& row, OutboxState state, TimePoint send_at, bool late) override {
    tx_.exec_params(
        "UPDATE outbox SET state = $2, send_at = $3, late = $4, updated = $5 "
        "WHERE id = $1 AND state = $6",
        row.id, std::string(to_string(state)), time_to_seconds(send_at), late,
        time_to_seconds(now_), std::string(to_string(row.state)));
  }

  void each_pending_or_failed(
      const std::function<void(std::int64_t, const std::string&)>& visit) override {
    for (const auto& row :
         tx_.exec("SELECT id, key FROM outbox WHERE state IN ('pending', 'failed')"))
      visit(row[0].as<std::int64_t>(), row[1].as<std::string>());
  }

  void cancel(const std::vector<std::int64_t>& ids) override {
    for (const std::int64_t id : ids)
      tx_.exec_params(
          "UPDATE outbox SET state = 'cancelled', updated = $2 "
          "WHERE id = $1 AND state IN ('pending', 'failed')",
          id, time_to_seconds(now_));
  }

 private:
  pqxx::transaction_base& tx_;
  TimePoint now_;
};

}  // namespace

ReplanResult PgOutbox::replan(const std::vector<PlannedReminder>& planned, TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", kPlanningLock);
    PgReplanRows rows(tx, now);
    const ReplanResult result = merge_planned(planned, now, rows);
    tx.commit();
    return result;
  } catch (...) {
    db_.rethrow("re-planning the outbox");
  }
}

}  // namespace plancal::calendar
