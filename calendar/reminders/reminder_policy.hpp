// When reminders go out: the whole reminder configuration as one plain struct, read once
// (from the daemon's config or defaults) and passed by const reference to the planner.
//
// Defaults:
//   - send time 09:00 local time, Asia/Shanghai = UTC+08:00 all year (China has observed
//     no daylight saving time since 1991, so a fixed offset is exact);
//   - before a deadline or target is due: 30, 7 and 1 working days before;
//   - before an activity starts: 7 and 1 working days before;
//   - overdue notice: 1 working day after the due date, to the unit and its escalation
//     unit (escalation on).
// Lead times can be replaced per category and per unit; a unit's list wins over its
// category's, which wins over the default. A lead of 0 means on the day itself (or the
// working day before it when the day is not a working day).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/category.hpp"
#include "calendar/model/clock.hpp"
#include "calendar/model/date.hpp"
#include "calendar/model/time_format.hpp"

namespace plancal::calendar {

struct ReminderPolicy {
  // Local time of day reminders are sent at, and the local offset from UTC in minutes.
  std::chrono::minutes send_time{9 * 60};
  int utc_offset_minutes = kChinaOffsetMinutes;

  // Working days before the due date of a deadline or target.
  std::vector<int> deadline_leads{30, 7, 1};
  // Working days before an activity starts.
  std::vector<int> activity_leads{7, 1};
  // Replacements for both lists above, for the activities of a category…
  std::map<Category, std::vector<int>> category_leads;
  // …and for the reminders to a unit (by unit id). A unit's list wins.
  std::map<std::string, std::vector<int>> unit_leads;

  // Working days (at least 1) after the due date at which an unacknowledged deadline is
  // overdue.
  int overdue_delay = 1;
  // Whether the overdue notice also goes to the escalation unit.
  bool escalation = true;

  // The lead times (in working days, ascending, without repeats) for reminders to
  // `unit_id` about an activity of `category`: a deadline's or an activity's start.
  std::vector<int> leads_for(Category category, std::string_view unit_id, bool deadline) const;
  // The instant of the send time on local date `day`.
  TimePoint send_at(Date day) const;
  // The local date of `t`.
  Date local_date(TimePoint t) const;
  // Problems with the settings ("lead time -3 is negative"); empty when usable.
  std::vector<std::string> problems() const;
};

}  // namespace plancal::calendar
