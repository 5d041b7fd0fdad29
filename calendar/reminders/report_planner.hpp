// The weekly 情况通报 of a plan: one message a week to the plan's escalation unit (the office
// that supervises it) with the red and yellow items by unit, the receipts still missing and
// the extensions waiting for a decision. Planned like a reminder — a ReminderKey of kind
// kReport, one per plan and week, so the outbox sends it once and never loses it across
// restarts. A pure function; it reads no clock.
#pragma once

#include <chrono>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/plan.hpp"
#include "calendar/model/reminder.hpp"

namespace plancal::calendar {

struct WeeklyReportTime {
  unsigned weekday = 5;            // ISO: 1 Monday … 7 Sunday
  std::chrono::minutes time{960};  // local time of day: 16:00
};

// The reports of the week of now's local date and of the next week, to
// plan.escalation_unit (none when the plan has none). Each falls on `when.weekday` of its
// week at `when.time`, or, when that day is not a working day, on the last working day of
// the week before it; a week without one has no report. Keys: report_uid(plan.id), the
// week's Monday, the escalation unit, kReport, lead 0.
std::vector<PlannedReminder> plan_weekly_reports(const Plan& plan, const HolidayCalendar& holidays,
                                                 const WeeklyReportTime& when, TimePoint now);

}  // namespace plancal::calendar
