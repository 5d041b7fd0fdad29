// The SQLite backend of Outbox: the `outbox` and `outbox_status` tables of migration 2.
// A row's due_at is a generated column, max(send_at, next_attempt_at, snoozed_until), and
// the index on (state, due_at) serves the scheduler's queries, so start-up (recovery,
// next_due, claim_due) costs the same for a thousand rows as for a million. SQLite serves
// one daemon, whose claims are exclusive by its write transaction. Shares the store's
// connection; not thread-safe.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>
#include <utility>

#include "calendar/store/outbox.hpp"

namespace plancal::calendar {

class SqliteOutbox final : public Outbox {
 public:
  // `db` must outlive the outbox and be migrated to the latest schema; `path` names the
  // database in errors; claims are made under `instance_id`.
  SqliteOutbox(SQLite::Database& db, std::string path, std::string instance_id)
      : db_(db), path_(std::move(path)), instance_id_(std::move(instance_id)) {}

  ReplanResult replan(const std::vector<PlannedReminder>& planned, TimePoint now) override;
  std::optional<TimePoint> next_due() override;
  std::vector<OutboxEntry> claim_due(TimePoint now, int limit, std::chrono::seconds lease) override;
  int renew_claims(const std::vector<std::string>& keys, TimePoint now,
                   std::chrono::seconds lease) override;
  bool mark_sent(std::string_view key, TimePoint now) override;
  bool mark_retry(std::string_view key, std::string_view error, TimePoint next_attempt_at,
                  TimePoint now) override;
  bool mark_failed(std::string_view key, std::string_view error, TimePoint now) override;
  bool mark_skipped(std::string_view key, std::string_view reason, TimePoint now) override;
  int recover_in_flight(TimePoint now) override;
  int reclaim_expired(TimePoint now) override;
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
  std::string instance_id_;
};

}  // namespace plancal::calendar
