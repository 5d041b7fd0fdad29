#include "daemon/reminders/delivery_policy.hpp"

#include <algorithm>

#include "calendar/model/date.hpp"
#include "calendar/model/time_format.hpp"

namespace plancal::daemon {

using calendar::OutboxEntry;
using calendar::ReminderKind;
using calendar::TimePoint;

using calendar::local_midnight;

TimePoint intended_time(const OutboxEntry& entry) {
  return entry.snoozed_until ? std::max(entry.send_at, *entry.snoozed_until) : entry.send_at;
}

TimePoint useful_until(const OutboxEntry& entry, int utc_offset_minutes,
                       const DeliveryTiming& timing) {
  switch (entry.key.kind) {
    case ReminderKind::kBeforeStart:
      return local_midnight(entry.key.occurrence, utc_offset_minutes);
    case ReminderKind::kBeforeDeadline:
      return local_midnight(calendar::add_days(entry.key.occurrence, 1), utc_offset_minutes);
    case ReminderKind::kOverdue:
      return intended_time(entry) + timing.overdue_window;
    case ReminderKind::kReport:  // until the end of its week (occurrence is its Monday)
      return local_midnight(calendar::add_days(entry.key.occurrence, 7), utc_offset_minutes);
  }
  return intended_time(entry);  // not reached: every kind is handled above
}

DeliveryDecision decide_delivery(const OutboxEntry& entry, TimePoint now, int utc_offset_minutes,
                                 const DeliveryTiming& timing) {
  if (now - intended_time(entry) <= timing.late_grace) return {DeliveryAction::kSend, ""};
  const TimePoint limit = useful_until(entry, utc_offset_minutes, timing);
  if (now < limit) return {DeliveryAction::kSendLate, ""};
  const std::string when = calendar::format_iso_instant(limit, utc_offset_minutes);
  switch (entry.key.kind) {
    case ReminderKind::kBeforeStart:
      return {DeliveryAction::kSkip, "too late: the activity started at " + when};
    case ReminderKind::kBeforeDeadline:
      return {DeliveryAction::kSkip, "too late: the due date ended at " + when};
    case ReminderKind::kReport:
      return {DeliveryAction::kSkip, "too late: the week of the report ended at " + when};
    case ReminderKind::kOverdue:
      break;
  }
  return {DeliveryAction::kSkip, "too late: the overdue notice went stale at " + when};
}

}  // namespace plancal::daemon
