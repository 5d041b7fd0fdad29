#include "calendar/postgres/pg_outbox.hpp"

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include <algorithm>
#include <tuple>

#include "calendar/postgres/pg_fields.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

// The columns read_entry() expects, in its order.
constexpr const char* kEntryColumns =
    "activity_uid, occurrence, unit_id, kind, lead_days, escalated_unit, plan_id, item_id, "
    "about_unit, send_at, state, attempts, next_attempt_at, snoozed_until, due_at, "
    "last_error, message_id, created, updated, sent_at, late, channel, claimed_by, lease_until";

// The conditions of an OutboxFilter as parameters $1 to $4 (filter_params()).
constexpr const char* kFilterConditions =
    "($1::text IS NULL OR state = $1) AND ($2 = '' OR unit_id = $2) AND "
    "($3::bigint IS NULL OR send_at >= $3) AND ($4::bigint IS NULL OR send_at < $4)";

OutboxState state_field(const pqxx::field& field) {
  OutboxState state{};
  if (!parse_outbox_state(field.as<std::string>(), state))
    throw StoreError("unknown outbox state " + field.as<std::string>());
  return state;
}

OutboxEntry read_entry(const pqxx::row& row) {
  OutboxEntry entry;
  entry.key.activity_uid = row[0].as<std::string>();
  entry.key.occurrence = date_field(row[1]);
  entry.key.unit_id = row[2].as<std::string>();
  if (!parse_reminder_kind(row[3].as<std::string>(), entry.key.kind))
    throw StoreError("unknown reminder kind " + row[3].as<std::string>());
  entry.key.lead_days = row[4].as<int>();
  entry.key.escalated_unit = row[5].as<std::string>();
  entry.plan_id = row[6].as<std::string>();
  entry.item_id = row[7].as<std::string>();
  entry.about_unit = row[8].as<std::string>();
  entry.send_at = time_field(row[9]);
  entry.state = state_field(row[10]);
  entry.attempts = row[11].as<int>();
  entry.next_attempt_at = optional_time_field(row[12]);
  entry.snoozed_until = optional_time_field(row[13]);
  entry.due_at = time_field(row[14]);
  entry.last_error = row[15].as<std::string>();
  entry.message_id = row[16].as<std::string>();
  entry.created = time_field(row[17]);
  entry.updated = time_field(row[18]);
  entry.sent_at = optional_time_field(row[19]);
  entry.late = row[20].as<bool>();
  entry.key.channel = row[21].as<std::string>();
  entry.claimed_by = row[22].as<std::string>();
  entry.lease_until = optional_time_field(row[23]);
  return entry;
}

std::optional<std::string> state_param(const OutboxFilter& filter) {
  if (!filter.state) return std::nullopt;
  return std::string(to_string(*filter.state));
}

std::optional<std::int64_t> limit_param(const OutboxFilter& filter) {
  if (filter.limit <= 0) return std::nullopt;  // LIMIT NULL: no limit
  return filter.limit;
}

}  // namespace

std::optional<TimePoint> PgOutbox::next_due() {
  try {
    pqxx::nontransaction tx(db_.connection());
    const pqxx::result rows =
        tx.exec("SELECT due_at FROM outbox WHERE state = 'pending' ORDER BY due_at LIMIT 1");
    if (rows.empty()) return std::nullopt;
    return time_field(rows[0][0]);
  } catch (...) {
    db_.rethrow("finding the next due reminder");
  }
}

std::vector<OutboxEntry> PgOutbox::claim_due(TimePoint now, int limit, std::chrono::seconds lease) {
  try {
    pqxx::work tx(db_.connection());
    const pqxx::result rows = tx.exec_params(
        std::string("UPDATE outbox SET state = 'sending', attempts = attempts + 1, "
                    "updated = $1, claimed_by = $3, lease_until = $4 WHERE id IN (SELECT id "
                    "FROM outbox WHERE state = 'pending' AND due_at <= $1 ORDER BY due_at, id "
                    "LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING ") +
            kEntryColumns,
        time_to_seconds(now), std::max(limit, 0), instance_id_, time_to_seconds(now + lease));
    tx.commit();
    std::vector<OutboxEntry> claimed;
    for (const auto& row : rows) claimed.push_back(read_entry(row));
    std::sort(claimed.begin(), claimed.end(), [](const OutboxEntry& a, const OutboxEntry& b) {
      return std::tie(a.due_at, a.key) < std::tie(b.due_at, b.key);
    });
    return claimed;
  } catch (...) {
    db_.rethrow("claiming due reminders");
  }
}

int PgOutbox::renew_claims(const std::vector<std::string>& keys, TimePoint now,
                           std::chrono::seconds lease) {
  try {
    pqxx::work tx(db_.connection());
    int renewed = 0;
    for (const std::string& key : keys) {
      renewed +=
          static_cast<int>(tx.exec_params("UPDATE outbox SET lease_until = $3 WHERE key = $1 AND "
                                          "state = 'sending' AND claimed_by = $2",
                                          key, instance_id_, time_to_seconds(now + lease))
                               .affected_rows());
    }
    tx.commit();
    return renewed;
  } catch (...) {
    db_.rethrow("renewing the claims of " + std::to_string(keys.size()) + " reminder(s)");
  }
}

bool PgOutbox::mark_sent(std::string_view key, TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    const pqxx::result r = tx.exec_params(
        "UPDATE outbox SET state = 'sent', sent_at = $2, updated = $2, claimed_by = '', "
        "lease_until = NULL WHERE key = $1 AND state = 'sending' AND claimed_by = $3",
        std::string(key), time_to_seconds(now), instance_id_);
    tx.commit();
    return r.affected_rows() == 1;
  } catch (...) {
    db_.rethrow("marking " + std::string(key) + " sent");
  }
}

bool PgOutbox::mark_retry(std::string_view key, std::string_view error, TimePoint next_attempt_at,
                          TimePoint now) {
  return finish_attempt(key, OutboxState::kPending, error, next_attempt_at, now);
}

bool PgOutbox::mark_failed(std::string_view key, std::string_view error, TimePoint now) {
  return finish_attempt(key, OutboxState::kFailed, error, std::nullopt, now);
}

bool PgOutbox::finish_attempt(std::string_view key, OutboxState state, std::string_view error,
                              std::optional<TimePoint> next_attempt_at, TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    const pqxx::result r = tx.exec_params(
        "UPDATE outbox SET state = $2, last_error = $3, next_attempt_at = $4, updated = $5, "
        "claimed_by = '', lease_until = NULL "
        "WHERE key = $1 AND state = 'sending' AND claimed_by = $6",
        std::string(key), std::string(to_string(state)), std::string(error),
        optional_seconds(next_attempt_at), time_to_seconds(now), instance_id_);
    if (r.affected_rows() != 1) return false;
    tx.exec_params(
        "UPDATE outbox_status SET last_error_key = $1, last_error = $2, last_error_at = $3",
        std::string(key), std::string(error), time_to_seconds(now));
    tx.commit();
    return true;
  } catch (...) {
    db_.rethrow("recording the failed delivery of " + std::string(key));
  }
}

bool PgOutbox::mark_skipped(std::string_view key, std::string_view reason, TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    const pqxx::result r = tx.exec_params(
        "UPDATE outbox SET state = 'skipped', last_error = $2, updated = $3, claimed_by = '', "
        "lease_until = NULL WHERE key = $1 AND (state IN ('pending', 'failed') OR "
        "(state = 'sending' AND claimed_by = $4))",
        std::string(key), std::string(reason), time_to_seconds(now), instance_id_);
    tx.commit();
    return r.affected_rows() == 1;
  } catch (...) {
    db_.rethrow("skipping " + std::string(key));
  }
}

int PgOutbox::requeue_sending(bool mine, std::string_view why, TimePoint now) {
  pqxx::work tx(db_.connection());
  const pqxx::result r = tx.exec_params(
      "UPDATE outbox SET state = 'pending', updated = $1, last_error = $3, claimed_by = '', "
      "lease_until = NULL WHERE state = 'sending' AND "
      "(COALESCE(lease_until, 0) <= $1 OR ($2 <> '' AND claimed_by = $2))",
      time_to_seconds(now), mine ? instance_id_ : std::string(), std::string(why));
  tx.commit();
  return static_cast<int>(r.affected_rows());
}

int PgOutbox::recover_in_flight(TimePoint now) {
  try {
    return requeue_sending(true, "interrupted while sending; may have been delivered", now);
  } catch (...) {
    db_.rethrow("recovering reminders left in flight");
  }
}

int PgOutbox::reclaim_expired(TimePoint now) {
  try {
    return requeue_sending(false, "claim expired while sending; may have been delivered", now);
  } catch (...) {
    db_.rethrow("reclaiming reminders whose claim expired");
  }
}

bool PgOutbox::snooze(std::string_view key, TimePoint until, TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    const pqxx::result r = tx.exec_params(
        "UPDATE outbox SET snoozed_until = $2, updated = $3 WHERE key = $1 AND state = 'pending'",
        std::string(key), time_to_seconds(until), time_to_seconds(now));
    tx.commit();
    return r.affected_rows() == 1;
  } catch (...) {
    db_.rethrow("snoozing " + std::string(key));
  }
}

int PgOutbox::retry_failed(const OutboxFilter& filter, TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    const pqxx::result r = tx.exec_params(
        std::string("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = NULL, "
                    "updated = $6 WHERE id IN (SELECT id FROM outbox WHERE ") +
            kFilterConditions + " LIMIT $5)",
        std::string(to_string(OutboxState::kFailed)), filter.unit, optional_seconds(filter.from),
        optional_seconds(filter.to), limit_param(filter), time_to_seconds(now));
    tx.commit();
    return static_cast<int>(r.affected_rows());
  } catch (...) {
    db_.rethrow("retrying failed reminders");
  }
}

std::vector<OutboxEntry> PgOutbox::list(const OutboxFilter& filter) {
  try {
    pqxx::read_transaction tx(db_.connection());
    std::vector<OutboxEntry> entries;
    for (const auto& row :
         tx.exec_params(std::string("SELECT ") + kEntryColumns + " FROM outbox WHERE " +
                            kFilterConditions + " ORDER BY send_at, key COLLATE \"C\" LIMIT $5",
                        state_param(filter), filter.unit, optional_seconds(filter.from),
                        optional_seconds(filter.to), limit_param(filter)))
      entries.push_back(read_entry(row));
    return entries;
  } catch (...) {
    db_.rethrow("listing the outbox");
  }
}

std::optional<OutboxEntry> PgOutbox::find(std::string_view key) {
  try {
    pqxx::read_transaction tx(db_.connection());
    const pqxx::result rows = tx.exec_params(
        std::string("SELECT ") + kEntryColumns + " FROM outbox WHERE key = $1", std::string(key));
    if (rows.empty()) return std::nullopt;
    return read_entry(rows[0]);
  } catch (...) {
    db_.rethrow("reading outbox entry " + std::string(key));
  }
}

OutboxCounts PgOutbox::counts() {
  try {
    pqxx::read_transaction tx(db_.connection());
    OutboxCounts counts;
    for (const auto& row : tx.exec("SELECT state, count(*) FROM outbox GROUP BY state")) {
      const std::int64_t n = row[1].as<std::int64_t>();
      counts.of(state_field(row[0])) = n;
    }
    return counts;
  } catch (...) {
    db_.rethrow("counting the outbox");
  }
}

std::optional<OutboxError> PgOutbox::last_error() {
  try {
    pqxx::read_transaction tx(db_.connection());
    const pqxx::result rows = tx.exec(
        "SELECT last_error_key, last_error, last_error_at FROM outbox_status "
        "WHERE last_error_at IS NOT NULL");
    if (rows.empty()) return std::nullopt;
    return OutboxError{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(),
                       time_field(rows[0][2])};
  } catch (...) {
    db_.rethrow("reading the last delivery error");
  }
}

std::optional<TimePoint> PgOutbox::last_planned_at() {
  try {
    pqxx::read_transaction tx(db_.connection());
    return optional_time_field(tx.exec("SELECT last_planned_at FROM outbox_status")[0][0]);
  } catch (...) {
    db_.rethrow("reading the last planning time");
  }
}

void PgOutbox::set_last_planned_at(TimePoint t) {
  try {
    pqxx::work tx(db_.connection());
    tx.exec_params("UPDATE outbox_status SET last_planned_at = $1", time_to_seconds(t));
    tx.commit();
  } catch (...) {
    db_.rethrow("recording the planning time");
  }
}

}  // namespace plancal::calendar
