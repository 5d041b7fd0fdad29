#include "calendar/reminders/report_planner.hpp"

#include "calendar/model/local_time.hpp"

namespace plancal::calendar {

std::vector<PlannedReminder> plan_weekly_reports(const Plan& plan, const HolidayCalendar& holidays,
                                                 const WeeklyReportTime& when, TimePoint now) {
  std::vector<PlannedReminder> out;
  if (plan.escalation_unit.empty()) return out;
  const int offset = plan.utc_offset_minutes();
  const Date today = local_date(now, offset);
  const Date monday = add_days(today, 1 - int(iso_weekday(today)));
  for (int week = 0; week < 2; ++week) {
    const Date start = add_days(monday, 7 * week);
    Date day = add_days(start, int(when.weekday) - 1);
    while (day >= start && !holidays.is_working_day(day)) day = add_days(day, -1);
    if (day < start) continue;
    out.push_back({{report_uid(plan.id), start, plan.escalation_unit, ReminderKind::kReport, 0, ""},
                   local_midnight(day, offset) + when.time,
                   plan.id,
                   "",
                   plan.escalation_unit});
  }
  return out;
}

}  // namespace plancal::calendar
