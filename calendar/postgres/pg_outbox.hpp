// The PostgreSQL backend of Outbox, shared by several daemons: claim_due() takes due rows
// with SELECT … FOR UPDATE SKIP LOCKED, so two instances claiming at once never get the
// same row, and stamps them with this instance's id and a lease; outcomes are recorded only
// by the claimant; re-planning runs under the planning advisory lock and re-times a row
// only in the state it was read in, never one another instance claimed meanwhile.
// Not thread-safe.
#pragma once

#include <string>

#include "calendar/postgres/pg_database.hpp"
#include "calendar/store/outbox.hpp"

namespace plancal::calendar {

class PgOutbox final : public Outbox {
 public:
  // `db` must outlive the outbox and be migrated; claims are made under `instance_id`.
  PgOutbox(PgDatabase& db, const std::string& instance_id) : db_(db), instance_id_(instance_id) {}

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
  // Ends a delivery attempt of this instance (see SqliteOutbox::finish_attempt).
  bool finish_attempt(std::string_view key, OutboxState state, std::string_view error,
                      std::optional<TimePoint> next_attempt_at, TimePoint now);
  int requeue_sending(bool mine, std::string_view why, TimePoint now);

  PgDatabase& db_;
  const std::string& instance_id_;
};

}  // namespace plancal::calendar
