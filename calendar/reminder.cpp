#include "calendar/reminder.hpp"

namespace plancal::calendar {

std::string_view to_string(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::kBeforeStart:
      return "before_start";
    case ReminderKind::kBeforeDeadline:
      return "before_deadline";
    case ReminderKind::kOverdue:
      return "overdue";
  }
  return "?";
}

bool parse_reminder_kind(std::string_view text, ReminderKind& out) {
  for (auto k : {ReminderKind::kBeforeStart, ReminderKind::kBeforeDeadline, ReminderKind::kOverdue})
    if (to_string(k) == text) {
      out = k;
      return true;
    }
  return false;
}

std::string ReminderKey::to_string() const {
  return activity_uid + "/" + to_iso(occurrence) + "/" + unit_id + "/" +
         std::string(plancal::calendar::to_string(kind)) + "/" + std::to_string(lead_days) +
         (escalated_unit.empty() ? "" : "/" + escalated_unit);
}

}  // namespace plancal::calendar
