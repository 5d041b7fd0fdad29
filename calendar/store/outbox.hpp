// The outbox: every planned reminder's delivery state, kept durably so that a restart
// neither loses nor repeats a reminder. The scheduler re-plans into it (replan), sleeps
// until next_due(), claims what is due (claim_due), sends, and reports the outcome
// (mark_sent / mark_retry / mark_failed / mark_skipped). States and guarantees:
// docs/reminders-outbox.md.
//
// Several daemons may share one outbox (PostgreSQL, docs/scale-out.md). Each opens the
// store with its own instance id (StoreOptions::instance_id): a claim is that instance's
// for a lease (claimed_by, lease_until), which it renews while it sends; the outcome of a
// row only its claimant records; a row whose lease expired is anybody's to take back.
//
//   pending ──claim_due──▶ sending ──mark_sent──▶ sent
//      ▲                      │ ├──mark_retry──▶ pending (with next_attempt_at)
//      │                      │ ├──recover_in_flight / reclaim_expired──▶ pending
//      │ retry_failed         │ ├──mark_failed─▶ failed
//      └────── failed ◀───────┘ └──mark_skipped▶ skipped
//   pending/failed ──no longer planned──▶ cancelled ──planned again──▶ pending
//
// Rows are identified by their key, ReminderKey::to_string(). Every operation is one
// transaction; backend failures throw StoreError. Not thread-safe: one owner at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/reminder.hpp"

namespace plancal::calendar {

enum class OutboxState { kPending, kSending, kSent, kFailed, kCancelled, kSkipped };

// "pending", "sending", "sent", "failed", "cancelled", "skipped".
std::string_view to_string(OutboxState state);
bool parse_outbox_state(std::string_view text, OutboxState& out);

// The reminder's fixed Message-ID (without the angle brackets of the header):
// "<32 hex digits>.<kind>@plancal", the hex being the first 128 bits of the SHA-256 of
// key.to_string(). Deterministic, so a message sent twice (see recover_in_flight) carries
// the same Message-ID; 128 bits make a collision between distinct keys negligible.
std::string reminder_message_id(const ReminderKey& key);

struct OutboxEntry {
  ReminderKey key;  // key.to_string() is unique in the outbox
  std::string plan_id;
  std::string item_id;
  std::string about_unit;  // see PlannedReminder::about_unit
  TimePoint send_at{};     // as last planned
  OutboxState state = OutboxState::kPending;
  int attempts = 0;                          // delivery attempts started (claims)
  std::optional<TimePoint> next_attempt_at;  // backoff after a failed attempt
  std::optional<TimePoint> snoozed_until;
  TimePoint due_at{};      // the latest of send_at, next_attempt_at and snoozed_until
  std::string last_error;  // of the last attempt, or the reason it was skipped
  std::string message_id;  // reminder_message_id(key), fixed when the row is created
  TimePoint created{};
  TimePoint updated{};
  std::optional<TimePoint> sent_at;
  bool late = false;                     // send_at had already passed when it was (re)planned
  std::string claimed_by;                // sending: the instance that claimed it; else ""
  std::optional<TimePoint> lease_until;  // sending: the claim is void after this
  bool operator==(const OutboxEntry&) const = default;
};

// What replan() did, one count per planned reminder, plus `cancelled`.
struct ReplanResult {
  int inserted = 0;     // new rows, pending
  int rescheduled = 0;  // pending or failed rows whose send_at moved
  int restored = 0;     // cancelled rows planned again, pending again
  int unchanged = 0;    // pending or failed rows planned at the same time
  int kept = 0;         // sending, sent or skipped rows: never touched by planning
  int cancelled = 0;    // pending or failed rows no longer planned
  bool operator==(const ReplanResult&) const = default;
};

// Selects rows for list() and retry_failed(). Unset fields match everything.
struct OutboxFilter {
  std::optional<OutboxState> state{};
  std::string unit{};               // the recipient (key.unit_id)
  std::optional<TimePoint> from{};  // send_at >= from
  std::optional<TimePoint> to{};    // send_at < to
  int limit = 0;                    // at most this many rows; 0: no limit
};

struct OutboxCounts {
  std::int64_t pending = 0;
  std::int64_t sending = 0;
  std::int64_t sent = 0;
  std::int64_t failed = 0;
  std::int64_t cancelled = 0;
  std::int64_t skipped = 0;
  bool operator==(const OutboxCounts&) const = default;

  // The count of `state`, for a backend filling it in from its GROUP BY.
  std::int64_t& of(OutboxState state);
};

// The most recent delivery error (mark_retry or mark_failed), for the status page.
struct OutboxError {
  std::string key;
  std::string error;
  TimePoint at{};
  bool operator==(const OutboxError&) const = default;
};

class Outbox {
 public:
  virtual ~Outbox() = default;

  // Makes the outbox follow `planned`, the complete set of reminders of all plans (the
  // planner's output; keys should be unique, a repeated key counts once per occurrence):
  // new keys are inserted as pending, pending and failed rows get the planned send_at,
  // cancelled ones are restored to pending, and pending or failed rows whose key is not
  // planned are cancelled. Rows that are sending, sent or skipped are never touched, so a
  // sent reminder is never re-created. `late` is set when the planned send_at < now.
  virtual ReplanResult replan(const std::vector<PlannedReminder>& planned, TimePoint now) = 0;

  // The earliest due_at of a pending row (possibly in the past: fire at once); nullopt
  // when nothing is pending. For the scheduler's single timer.
  virtual std::optional<TimePoint> next_due() = 0;

  // Marks up to `limit` pending rows with due_at <= now as sending (attempts + 1), claimed
  // by this instance until now + lease, and returns them, earliest due first. Rows another
  // instance is claiming at the same moment are passed over, never claimed twice. Call
  // before opening the SMTP transaction.
  virtual std::vector<OutboxEntry> claim_due(TimePoint now, int limit,
                                             std::chrono::seconds lease) = 0;

  // Extends to now + lease the claims of this instance among `keys` (rows it is still
  // sending). Returns how many were extended; a key missing from the count was taken
  // back (its lease had expired) and its outcome will not be recorded.
  virtual int renew_claims(const std::vector<std::string>& keys, TimePoint now,
                           std::chrono::seconds lease) = 0;

  // Outcomes of a claimed row. Each returns false (and changes nothing) unless the row
  // exists, is sending and is claimed by this instance. The errors also become
  // last_error().
  virtual bool mark_sent(std::string_view key, TimePoint now) = 0;
  // Back to pending, not due before next_attempt_at.
  virtual bool mark_retry(std::string_view key, std::string_view error, TimePoint next_attempt_at,
                          TimePoint now) = 0;
  virtual bool mark_failed(std::string_view key, std::string_view error, TimePoint now) = 0;

  // Gives up on a pending or failed row, or one this instance is sending, without sending
  // (too late, no address). False if the row does not exist or is in another state.
  virtual bool mark_skipped(std::string_view key, std::string_view reason, TimePoint now) = 0;

  // At start-up: rows this instance left sending when it stopped or crashed, and rows
  // whose lease expired, go back to pending, keeping attempts and Message-ID. One may have
  // been delivered already (at-least-once); the repeat carries the same Message-ID.
  // Returns how many rows were recovered.
  virtual int recover_in_flight(TimePoint now) = 0;

  // While running: rows of any instance whose lease expired (lease_until <= now) — their
  // claimant died, or lost the batch to a store error, and stopped renewing — go back to
  // pending like recover_in_flight. Returns how many.
  virtual int reclaim_expired(TimePoint now) = 0;

  // A pending row is not due before `until`. False if the row is not pending.
  virtual bool snooze(std::string_view key, TimePoint until, TimePoint now) = 0;

  // Failed rows matching the filter (its `state` is ignored) go back to pending with
  // attempts reset and no backoff. Returns how many.
  virtual int retry_failed(const OutboxFilter& filter, TimePoint now) = 0;

  // Rows matching the filter, by send_at, then key.
  virtual std::vector<OutboxEntry> list(const OutboxFilter& filter) = 0;
  virtual std::optional<OutboxEntry> find(std::string_view key) = 0;
  virtual OutboxCounts counts() = 0;
  virtual std::optional<OutboxError> last_error() = 0;

  // When the scheduler last planned (systemd's Persistent=): after downtime it plans
  // at once instead of waiting for the next planning time. nullopt before the first.
  virtual std::optional<TimePoint> last_planned_at() = 0;
  virtual void set_last_planned_at(TimePoint t) = 0;
};

}  // namespace plancal::calendar
