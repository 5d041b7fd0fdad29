// Outbox::replan() for every backend: merges the planner's output into the stored rows one
// planned reminder at a time (new keys inserted, pending and failed rows re-timed, cancelled
// ones restored, sending, sent and skipped ones kept), then cancels the pending and failed
// rows no longer planned. The backend supplies the row operations, inside its transaction;
// the rules live here once.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "calendar/store/outbox.hpp"

namespace plancal::calendar {

// A stored outbox row as re-planning sees it.
struct ReplanRow {
  std::int64_t id = 0;
  OutboxState state = OutboxState::kPending;
  TimePoint send_at{};
};

class ReplanRows {
 public:
  virtual ~ReplanRows() = default;
  virtual std::optional<ReplanRow> find(const std::string& key) = 0;
  // A new pending row, attempts 0, late when send_at < now.
  virtual void insert(const std::string& key, const PlannedReminder& reminder, bool late) = 0;
  // The row gets `state`, `send_at` and `late` — if it is still in `row.state` (another
  // daemon sharing the outbox may have claimed it since it was read).
  virtual void update(const ReplanRow& row, OutboxState state, TimePoint send_at, bool late) = 0;
  // Calls `visit` with the id and key of every pending or failed row; the visit must not
  // write (cancel() comes after, and cancels only rows still pending or failed).
  virtual void each_pending_or_failed(
      const std::function<void(std::int64_t id, const std::string& key)>& visit) = 0;
  virtual void cancel(const std::vector<std::int64_t>& ids) = 0;
};

// The merge described above, at `now`.
ReplanResult merge_planned(const std::vector<PlannedReminder>& planned, TimePoint now,
                           ReplanRows& rows);

}  // namespace plancal::calendar
