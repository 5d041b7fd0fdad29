// The SQLite backend of Outbox: the `outbox` and `outbox_status` tables of migration 2.
// A row's due_at is a generated column, max(send_at, next_attempt_at, snoozed_until), and
// the index on (state, due_at) serves the scheduler's queries, so start-up (recovery,
// next_due, claim_due) costs the same for a thousand rows as for a million. Shares the
// store's connection; not thread-safe.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>
#include <utility>

#include "calendar/store/outbox.hpp"

namespace plancal::calendar {

class SqliteOutbox final : public Outbox {
 public:
  // `db` must outlive the outbox and be migrated to schema 2 or later; `path` names the
  // database in errors.
  SqliteOutbox(SQLite::Database& db, std::string path) : db_(db), path_(std::move(path)) {}

  ReplanResult replan(const std::vector<PlannedReminder>& planned, TimePoint now) override;
  std::optional<TimePoint> next_due() override;
  std::vector<OutboxEntry> claim_due(TimePoint now, int limit) override;
  bool mark_sent(std::string_view key, TimePoint now) override;
  bool mark_retry(std::string_view key, std::string_view error, TimePoint next_attempt_at,
                  TimePoint now) override;
  bool mark_failed(std::string_view key, std::string_view error, TimePoint now) override;
  bool mark_skipped(std::string_view key, std::string_view reason, TimePoint now) override;
  int recover_in_flight(TimePoint now) override;
  int reclaim_expired(TimePoint claimed_before, TimePoint now) override;
  bool snooze(std::string_view key, TimePoint until, TimePoint now) override;
  int retry_failed(const OutboxFilter& filter, TimePoint now) override;
  std::vector<OutboxEntry> list(const OutboxFilter& filter) override;
  std::optional<OutboxEntry> find(std::string_view key) override;
  OutboxCounts counts() override;
  std::optional<OutboxError> last_error() override;
  std::optional<TimePoint> last_planned_at() override;
  void set_last_planned_at(TimePoint t) override;

 private:
  // Ends a delivery attempt: moves the sending row `key` to `state` with `error` (also
  // recorded as last_error()) and the given next attempt. False if the row is not sending.
  bool finish_attempt(std::string_view key, OutboxState state, std::string_view error,
                      std::optional<TimePoint> next_attempt_at, TimePoint now);

  SQLite::Database& db_;
  std::string path_;
};

}  // namespace plancal::calendar
