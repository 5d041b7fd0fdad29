// A planned reminder: one message to one responsible unit about one occurrence of one
// activity, due at a local time on a working day. Its key identifies it across re-planning
// (the outbox's unique key, and the source of its fixed Message-ID).
#pragma once

#include <string>

#include "calendar/model/clock.hpp"
#include "calendar/model/date.hpp"

namespace plancal::calendar {

enum class ReminderKind {
  kBeforeStart,     // an activity starts in lead_days working days
  kBeforeDeadline,  // a deadline or target is due in lead_days working days
  kOverdue,         // a deadline passed without acknowledgement (to the unit and escalation)
  kReport,          // the weekly 情况通报 of a plan to its escalation unit (no activity)
};

// "before_start", "before_deadline", "overdue", "report"
std::string_view to_string(ReminderKind kind);
bool parse_reminder_kind(std::string_view text, ReminderKind& out);

struct ReminderKey {
  std::string activity_uid;  // kReport: report_uid(plan id)
  Date occurrence{};         // the date reminded of (start of the occurrence, or the due date);
                             // kReport: the Monday of the report's week
  std::string unit_id;       // the recipient
  ReminderKind kind = ReminderKind::kBeforeStart;
  int lead_days = 0;  // working days before `occurrence`; for kOverdue the delay after it
  // Only for the kOverdue notice to an escalation unit: the unit that missed the deadline
  // (several late units may share one escalation unit). Empty otherwise.
  std::string escalated_unit;
  // The channel: empty for e-mail, else the id of one of the recipient's chat robots
  // (Unit::webhooks). Each channel is its own outbox row, delivered on its own.
  std::string channel{};

  // "<uid>/<occurrence>/<unit>/<kind>/<lead>[/<escalated unit>][/@<channel>]": unique,
  // stable, URL- and header-safe (ids never start with "@").
  std::string to_string() const;
  bool operator==(const ReminderKey&) const = default;
  auto operator<=>(const ReminderKey&) const = default;  // field order
};

// The activity_uid of a plan's weekly report: "<plan>.report@plancal" (no activity has it:
// activity keys are item ids with a dot and a number).
std::string report_uid(const std::string& plan_id);

struct PlannedReminder {
  ReminderKey key;
  TimePoint send_at{};  // the configured local time on a working day
  std::string plan_id;
  std::string item_id;
  // The unit whose work it is: the recipient itself, except for the overdue notice sent
  // to an escalation unit, where it names the unit that missed the deadline.
  std::string about_unit;
  bool operator==(const PlannedReminder&) const = default;
};

}  // namespace plancal::calendar
