// Whether a claimed reminder is still worth sending, and whether it says it is late. A
// reminder is on time until `late_grace` after its intended time (send_at, or the end of
// a snooze); later than that (the daemon was down, the relay was unreachable) it is sent
// marked late while it can still help, and skipped otherwise:
//   - before_start: until the local start of the day reminded of (the activity starts);
//   - before_deadline: until the local end of the due date;
//   - overdue: until `overdue_window` after its intended time (an old notice is noise);
//   - report: until the end of the week it reports on.
// The policy is documented for operators in docs/reminders.md ("Late reminders").
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "calendar/model/clock.hpp"
#include "calendar/store/outbox.hpp"

namespace plancal::daemon {

struct DeliveryTiming {
  std::chrono::seconds late_grace{3600};
  std::chrono::seconds overdue_window{7 * 24 * 3600};
};

enum class DeliveryAction { kSend, kSendLate, kSkip };

struct DeliveryDecision {
  DeliveryAction action = DeliveryAction::kSend;
  std::string reason;  // why it is skipped ("the activity started on 2023-02-04"); else ""
  bool operator==(const DeliveryDecision&) const = default;
};

// The instant the reminder was meant to go out: send_at, or snoozed_until when later.
calendar::TimePoint intended_time(const calendar::OutboxEntry& entry);

// The last instant at which the reminder is still useful (see above); `utc_offset_minutes`
// places local days.
calendar::TimePoint useful_until(const calendar::OutboxEntry& entry, int utc_offset_minutes,
                                 const DeliveryTiming& timing);

// What to do with `entry` at `now`.
DeliveryDecision decide_delivery(const calendar::OutboxEntry& entry, calendar::TimePoint now,
                                 int utc_offset_minutes, const DeliveryTiming& timing);

}  // namespace plancal::daemon
