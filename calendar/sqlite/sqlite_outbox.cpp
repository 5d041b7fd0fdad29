#include "calendar/sqlite/sqlite_outbox.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <tuple>

#include "calendar/sqlite/sqlite_columns.hpp"
#include "calendar/sqlite/sqlite_error.hpp"
#include "calendar/store/store.hpp"

namespace plancal::calendar {
namespace {

// The columns read_entry() expects, in its order.
constexpr const char* kEntryColumns =
    "activity_uid, occurrence, unit_id, kind, lead_days, escalated_unit, plan_id, item_id, "
    "about_unit, send_at, state, attempts, next_attempt_at, snoozed_until, due_at, "
    "last_error, message_id, created, updated, sent_at, late, channel, claimed_by, lease_until";

// The conditions of an OutboxFilter as parameters ?1 to ?4 (bind_filter()).
constexpr const char* kFilterConditions =
    "(?1 IS NULL OR state = ?1) AND (?2 = '' OR unit_id = ?2) AND "
    "(?3 IS NULL OR send_at >= ?3) AND (?4 IS NULL OR send_at < ?4)";

void bind_time(SQLite::Statement& statement, int index, std::optional<TimePoint> t) {
  if (t) {
    statement.bind(index, time_column_value(*t));
  } else {
    statement.bind(index);
  }
}

std::optional<TimePoint> optional_time(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return time_column(column);
}

OutboxState state_column(const SQLite::Column& column) {
  OutboxState state{};
  if (!parse_outbox_state(column.getString(), state))
    throw StoreError("unknown outbox state " + column.getString());
  return state;
}

// Rows sending whose lease expired by `now`, or (when `mine` is not empty) claimed by
// `mine`, back to pending with `why` as their last error; how many. recover_in_flight and
// reclaim_expired. A row claimed before leases existed has none: it counts as expired.
int requeue_sending(SQLite::Database& db, const std::string& mine, std::string_view why,
                    TimePoint now) {
  SQLite::Statement update(db,
                           "UPDATE outbox SET state = 'pending', updated = ?1, last_error = ?3, "
                           "claimed_by = '', lease_until = NULL WHERE state = 'sending' AND "
                           "(coalesce(lease_until, 0) <= ?1 OR (?2 <> '' AND claimed_by = ?2))");
  update.bind(1, time_column_value(now));
  update.bind(2, mine);
  update.bind(3, std::string(why));
  return update.exec();
}

OutboxEntry read_entry(SQLite::Statement& row) {
  OutboxEntry entry;
  entry.key.activity_uid = row.getColumn(0).getString();
  entry.key.occurrence = date_column(row.getColumn(1));
  entry.key.unit_id = row.getColumn(2).getString();
  if (!parse_reminder_kind(row.getColumn(3).getString(), entry.key.kind))
    throw StoreError("unknown reminder kind " + row.getColumn(3).getString());
  entry.key.lead_days = row.getColumn(4).getInt();
  entry.key.escalated_unit = row.getColumn(5).getString();
  entry.plan_id = row.getColumn(6).getString();
  entry.item_id = row.getColumn(7).getString();
  entry.about_unit = row.getColumn(8).getString();
  entry.send_at = time_column(row.getColumn(9));
  entry.state = state_column(row.getColumn(10));
  entry.attempts = row.getColumn(11).getInt();
  entry.next_attempt_at = optional_time(row.getColumn(12));
  entry.snoozed_until = optional_time(row.getColumn(13));
  entry.due_at = time_column(row.getColumn(14));
  entry.last_error = row.getColumn(15).getString();
  entry.message_id = row.getColumn(16).getString();
  entry.created = time_column(row.getColumn(17));
  entry.updated = time_column(row.getColumn(18));
  entry.sent_at = optional_time(row.getColumn(19));
  entry.late = row.getColumn(20).getInt() != 0;
  entry.key.channel = row.getColumn(21).getString();
  entry.claimed_by = row.getColumn(22).getString();
  entry.lease_until = optional_time(row.getColumn(23));
  return entry;
}

void bind_filter(SQLite::Statement& statement, const OutboxFilter& filter) {
  if (filter.state) {
    statement.bind(1, std::string(to_string(*filter.state)));
  } else {
    statement.bind(1);
  }
  statement.bind(2, filter.unit);
  bind_time(statement, 3, filter.from);
  bind_time(statement, 4, filter.to);
}

}  // namespace

std::optional<TimePoint> SqliteOutbox::next_due() {
  try {
    SQLite::Statement query(
        db_, "SELECT due_at FROM outbox WHERE state = 'pending' ORDER BY due_at LIMIT 1");
    if (!query.executeStep()) return std::nullopt;
    return time_column(query.getColumn(0));
  } catch (...) {
    rethrow_store_error(path_, "finding the next due reminder");
  }
}

std::vector<OutboxEntry> SqliteOutbox::claim_due(TimePoint now, int limit,
                                                 std::chrono::seconds lease) {
  try {
    SQLite::Statement claim(
        db_, std::string("UPDATE outbox SET state = 'sending', attempts = attempts + 1, "
                         "updated = ?1, claimed_by = ?3, lease_until = ?4 WHERE id IN (SELECT "
                         "id FROM outbox WHERE state = 'pending' AND due_at <= ?1 ORDER BY "
                         "due_at, id LIMIT ?2) RETURNING ") +
                 kEntryColumns);
    claim.bind(1, time_column_value(now));
    claim.bind(2, std::max(limit, 0));
    claim.bind(3, instance_id_);
    claim.bind(4, time_column_value(now + lease));
    std::vector<OutboxEntry> claimed;
    while (claim.executeStep()) claimed.push_back(read_entry(claim));
    std::sort(claimed.begin(), claimed.end(), [](const OutboxEntry& a, const OutboxEntry& b) {
      return std::tie(a.due_at, a.key) < std::tie(b.due_at, b.key);
    });
    return claimed;
  } catch (...) {
    rethrow_store_error(path_, "claiming due reminders");
  }
}

int SqliteOutbox::renew_claims(const std::vector<std::string>& keys, TimePoint now,
                               std::chrono::seconds lease) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement renew(db_,
                            "UPDATE outbox SET lease_until = ?3 WHERE key = ?1 AND "
                            "state = 'sending' AND claimed_by = ?2");
    int renewed = 0;
    for (const std::string& key : keys) {
      renew.reset();
      renew.bind(1, key);
      renew.bind(2, instance_id_);
      renew.bind(3, time_column_value(now + lease));
      renewed += renew.exec();
    }
    transaction.commit();
    return renewed;
  } catch (...) {
    rethrow_store_error(path_,
                        "renewing the claims of " + std::to_string(keys.size()) + " reminder(s)");
  }
}

bool SqliteOutbox::mark_sent(std::string_view key, TimePoint now) {
  try {
    SQLite::Statement update(db_,
                             "UPDATE outbox SET state = 'sent', sent_at = ?2, updated = ?2, "
                             "claimed_by = '', lease_until = NULL "
                             "WHERE key = ?1 AND state = 'sending' AND claimed_by = ?3");
    update.bind(1, std::string(key));
    update.bind(2, time_column_value(now));
    update.bind(3, instance_id_);
    return update.exec() == 1;
  } catch (...) {
    rethrow_store_error(path_, "marking " + std::string(key) + " sent");
  }
}

bool SqliteOutbox::mark_retry(std::string_view key, std::string_view error,
                              TimePoint next_attempt_at, TimePoint now) {
  return finish_attempt(key, OutboxState::kPending, error, next_attempt_at, now);
}

bool SqliteOutbox::mark_failed(std::string_view key, std::string_view error, TimePoint now) {
  return finish_attempt(key, OutboxState::kFailed, error, std::nullopt, now);
}

bool SqliteOutbox::finish_attempt(std::string_view key, OutboxState state, std::string_view error,
                                  std::optional<TimePoint> next_attempt_at, TimePoint now) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement update(db_,
                             "UPDATE outbox SET state = ?2, last_error = ?3, next_attempt_at = ?4, "
                             "updated = ?5, claimed_by = '', lease_until = NULL "
                             "WHERE key = ?1 AND state = 'sending' AND claimed_by = ?6");
    update.bind(1, std::string(key));
    update.bind(2, std::string(to_string(state)));
    update.bind(3, std::string(error));
    bind_time(update, 4, next_attempt_at);
    update.bind(5, time_column_value(now));
    update.bind(6, instance_id_);
    if (update.exec() != 1) return false;
    SQLite::Statement status(db_,
                             "UPDATE outbox_status SET last_error_key = ?1, last_error = ?2, "
                             "last_error_at = ?3");
    status.bind(1, std::string(key));
    status.bind(2, std::string(error));
    status.bind(3, time_column_value(now));
    status.exec();
    transaction.commit();
    return true;
  } catch (...) {
    rethrow_store_error(path_, "recording the failed delivery of " + std::string(key));
  }
}

bool SqliteOutbox::mark_skipped(std::string_view key, std::string_view reason, TimePoint now) {
  try {
    SQLite::Statement update(db_,
                             "UPDATE outbox SET state = 'skipped', last_error = ?2, updated = ?3, "
                             "claimed_by = '', lease_until = NULL WHERE key = ?1 AND "
                             "(state IN ('pending', 'failed') OR "
                             "(state = 'sending' AND claimed_by = ?4))");
    update.bind(1, std::string(key));
    update.bind(2, std::string(reason));
    update.bind(3, time_column_value(now));
    update.bind(4, instance_id_);
    return update.exec() == 1;
  } catch (...) {
    rethrow_store_error(path_, "skipping " + std::string(key));
  }
}

int SqliteOutbox::recover_in_flight(TimePoint now) {
  try {
    return requeue_sending(db_, instance_id_, "interrupted while sending; may have been delivered",
                           now);
  } catch (...) {
    rethrow_store_error(path_, "recovering reminders left in flight");
  }
}

int SqliteOutbox::reclaim_expired(TimePoint now) {
  try {
    return requeue_sending(db_, "", "claim expired while sending; may have been delivered", now);
  } catch (...) {
    rethrow_store_error(path_, "reclaiming reminders whose claim expired");
  }
}

bool SqliteOutbox::snooze(std::string_view key, TimePoint until, TimePoint now) {
  try {
    SQLite::Statement update(db_,
                             "UPDATE outbox SET snoozed_until = ?2, updated = ?3 "
                             "WHERE key = ?1 AND state = 'pending'");
    update.bind(1, std::string(key));
    update.bind(2, time_column_value(until));
    update.bind(3, time_column_value(now));
    return update.exec() == 1;
  } catch (...) {
    rethrow_store_error(path_, "snoozing " + std::string(key));
  }
}

int SqliteOutbox::retry_failed(const OutboxFilter& filter, TimePoint now) {
  try {
    SQLite::Statement update(
        db_, std::string("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = "
                         "NULL, updated = ?6 WHERE id IN (SELECT id FROM outbox WHERE ") +
                 kFilterConditions + " LIMIT ?5)");
    OutboxFilter failed = filter;
    failed.state = OutboxState::kFailed;
    bind_filter(update, failed);
    update.bind(5, filter.limit > 0 ? filter.limit : -1);
    update.bind(6, time_column_value(now));
    return update.exec();
  } catch (...) {
    rethrow_store_error(path_, "retrying failed reminders");
  }
}

std::vector<OutboxEntry> SqliteOutbox::list(const OutboxFilter& filter) {
  try {
    SQLite::Statement query(db_, std::string("SELECT ") + kEntryColumns + " FROM outbox WHERE " +
                                     kFilterConditions + " ORDER BY send_at, key LIMIT ?5");
    bind_filter(query, filter);
    query.bind(5, filter.limit > 0 ? filter.limit : -1);
    std::vector<OutboxEntry> entries;
    while (query.executeStep()) entries.push_back(read_entry(query));
    return entries;
  } catch (...) {
    rethrow_store_error(path_, "listing the outbox");
  }
}

std::optional<OutboxEntry> SqliteOutbox::find(std::string_view key) {
  try {
    SQLite::Statement query(db_,
                            std::string("SELECT ") + kEntryColumns + " FROM outbox WHERE key = ?");
    query.bind(1, std::string(key));
    if (!query.executeStep()) return std::nullopt;
    return read_entry(query);
  } catch (...) {
    rethrow_store_error(path_, "reading outbox entry " + std::string(key));
  }
}

OutboxCounts SqliteOutbox::counts() {
  try {
    SQLite::Statement query(db_, "SELECT state, count(*) FROM outbox GROUP BY state");
    OutboxCounts counts;
    while (query.executeStep()) {
      const std::int64_t n = query.getColumn(1).getInt64();
      counts.of(state_column(query.getColumn(0))) = n;
    }
    return counts;
  } catch (...) {
    rethrow_store_error(path_, "counting the outbox");
  }
}

std::optional<OutboxError> SqliteOutbox::last_error() {
  try {
    SQLite::Statement query(db_,
                            "SELECT last_error_key, last_error, last_error_at FROM outbox_status "
                            "WHERE last_error_at IS NOT NULL");
    if (!query.executeStep()) return std::nullopt;
    return OutboxError{query.getColumn(0).getString(), query.getColumn(1).getString(),
                       time_column(query.getColumn(2))};
  } catch (...) {
    rethrow_store_error(path_, "reading the last delivery error");
  }
}

std::optional<TimePoint> SqliteOutbox::last_planned_at() {
  try {
    return optional_time(db_.execAndGet("SELECT last_planned_at FROM outbox_status"));
  } catch (...) {
    rethrow_store_error(path_, "reading the last planning time");
  }
}

void SqliteOutbox::set_last_planned_at(TimePoint t) {
  try {
    SQLite::Statement update(db_, "UPDATE outbox_status SET last_planned_at = ?");
    update.bind(1, time_column_value(t));
    update.exec();
  } catch (...) {
    rethrow_store_error(path_, "recording the planning time");
  }
}

}  // namespace plancal::calendar
