#include "calendar/model/holiday_calendar.hpp"

#include <utility>

namespace plancal::calendar {
namespace {

bool is_weekend(Date d) { return iso_weekday(d) >= 6; }

}  // namespace

bool HolidayCalendar::add_year(const HolidayYear& data) {
  if (!years_.insert(data.year).second) return false;
  days_off_.insert(data.days_off.begin(), data.days_off.end());
  workdays_.insert(data.workdays.begin(), data.workdays.end());
  holidays_.insert(holidays_.end(), data.holidays.begin(), data.holidays.end());
  return true;
}

std::optional<std::pair<Date, Date>> HolidayCalendar::find_holiday(std::string_view name,
                                                                   Date day) const {
  if (name.empty()) return std::nullopt;
  for (const NamedHoliday& h : holidays_) {
    const bool same_year = h.from.year() == day.year() || h.to.year() == day.year();
    if (same_year && h.name.find(name) != std::string::npos) return std::make_pair(h.from, h.to);
  }
  return std::nullopt;
}

bool HolidayCalendar::is_working_day(Date d) const {
  if (is_weekend(d)) return workdays_.count(d) != 0;
  return days_off_.count(d) == 0;
}

Date HolidayCalendar::previous_working_day(Date d) const {
  while (!is_working_day(d)) d = add_days(d, -1);
  return d;
}

Date HolidayCalendar::add_working_days(Date d, int n) const {
  const int step = n < 0 ? -1 : 1;
  for (int left = n < 0 ? -n : n; left > 0;) {
    d = add_days(d, step);
    if (is_working_day(d)) --left;
  }
  return d;
}

int HolidayCalendar::working_days_between(Date a, Date b) const {
  const int sign = b < a ? -1 : 1;
  if (b < a) std::swap(a, b);
  int count = 0;
  for (Date d = add_days(a, 1); d <= b; d = add_days(d, 1))
    if (is_working_day(d)) ++count;
  return sign * count;
}

}  // namespace plancal::calendar
