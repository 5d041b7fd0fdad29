// Reminder planning: which reminders a plan's activities call for, to which unit and when.
// A pure function of its inputs and `now` — it knows nothing of what was already sent
// (the outbox deduplicates by ReminderKey) and reads no clock. The rules, in short (the
// full account is docs/reminders.md):
//   - every unit of an activity (or of its item, when the activity names none) is reminded
//     L working days before the activity starts, for each lead L of the policy, at the
//     policy's send time; counting working days lands on a working day by itself, so a
//     reminder never falls on a weekend or public holiday;
//   - a deadline (reading kind deadline, or category deadline) is reminded before its due
//     date, reading.end: the end of its period at month or coarser precision;
//   - a recurring activity is reminded before its next occurrence on or after now's local
//     date only (or every such occurrence, for previews); a list before each of its items;
//   - a unit that acknowledged an item gets nothing more about that item's activities;
//   - an unacknowledged deadline gets an overdue notice `overdue_delay` working days after
//     its due date, to the unit and to its escalation unit.
// Reminders whose time has passed are kept: the delivery layer decides to send or skip.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/plan.hpp"
#include "calendar/model/reminder.hpp"
#include "calendar/model/stored_activity.hpp"
#include "calendar/reminders/reminder_policy.hpp"

namespace plancal::calendar {

// (item id, unit id) pairs: the unit has acknowledged the item (it is done or handled).
using Acknowledgements = std::set<std::pair<std::string, std::string>>;

// (item id, unit id) → the due date an operator approved for that unit (申请延期).
using ExtendedDues = std::map<std::pair<std::string, std::string>, Date>;

struct PlanningOptions {
  // Plan only reminders sent at or before this instant; nullopt: no limit.
  std::optional<TimePoint> horizon;
  // Recurring activities: every occurrence on or after now's local date instead of only
  // the next one. For previews ("what would be sent in 2023"), not for the scheduler.
  bool all_occurrences = false;
  // Approved extensions of the plan's items, per unit.
  ExtendedDues extended_due;
};

// The reminders for `plan`'s activities (those of `activities` whose plan_id is plan.id),
// sorted by send_at, then key. Deterministic: the same inputs and `now` give the same list.
std::vector<PlannedReminder> plan_reminders(const Plan& plan,
                                            const std::vector<StoredActivity>& activities,
                                            const HolidayCalendar& holidays,
                                            const ReminderPolicy& policy,
                                            const Acknowledgements& acknowledged, TimePoint now,
                                            const PlanningOptions& options = {});

}  // namespace plancal::calendar
