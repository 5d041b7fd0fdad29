// Calendar dates (no time of day) as used throughout plancal: a thin layer over
// std::chrono::year_month_day with ISO-8601 text conversion and period helpers.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace plancal::calendar {

using Date = std::chrono::year_month_day;

// "YYYY-MM-DD".
std::string to_iso(Date d);
// "YYYYMMDD", as in iCalendar VALUE=DATE and RRULE UNTIL.
std::string to_basic_iso(Date d);
// Parses "YYYY-MM-DD"; nullopt unless the text is exactly a valid date.
std::optional<Date> parse_iso_date(std::string_view text);

Date make_date(int year, unsigned month, unsigned day);
Date last_day_of_month(int year, unsigned month);
Date add_days(Date d, int days);
// Days from a to b (b - a).
int days_between(Date a, Date b);
// ISO weekday: Monday = 1 .. Sunday = 7.
unsigned iso_weekday(Date d);

}  // namespace plancal::calendar
