// China's working days: weekends and public holidays off, except the weekend days the
// State Council declares working days (调休上班, e.g. Saturday 2023-01-28). The data comes
// from data/holidays/*.toml, one file per year (format: docs/data-format.md), read by
// calendar/plan_file/holiday_file.hpp.
//
// A year without a holiday file is not an error: its Monday to Friday are taken as working
// days and its weekends as days off. covers(year) tells callers whether that guess is in
// use so they can warn the operator (the notice for a year is published in December of
// the year before).
//
// Immutable once loaded; const methods are safe to call from several threads.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calendar/model/date.hpp"

namespace plancal::calendar {

// One statutory holiday as the notice names it: "春节", 2024-02-10 to 2024-02-17.
struct NamedHoliday {
  std::string name;
  Date from{};
  Date to{};
};

// One holiday file: the days off and the adjusted working days of one year.
struct HolidayYear {
  int year = 0;
  std::vector<Date> days_off;          // every day of every holiday range, in file order
  std::vector<Date> workdays;          // weekend days that are working days
  std::vector<NamedHoliday> holidays;  // the ranges with their names, in file order
};

class HolidayCalendar {
 public:
  // A calendar with no holiday data: Monday to Friday are working days.
  HolidayCalendar() = default;

  // Adds one year's data. Returns false (and changes nothing) when the year is present.
  bool add_year(const HolidayYear& data);
  // True when a holiday file for `year` was loaded.
  bool covers(int year) const { return years_.count(year) != 0; }
  const std::set<int>& years() const { return years_; }

  // Working day: an adjusted working weekend day, or a weekday that is not a holiday.
  bool is_working_day(Date d) const;
  // `d` when it is a working day, otherwise the nearest working day before it.
  Date previous_working_day(Date d) const;
  // The n-th working day after `d` (n > 0) or before it (n < 0), not counting `d` itself;
  // `d` unchanged for n = 0. "5个工作日内" from 2023-01-19 is add_working_days(d, 5) =
  // 2023-01-31. For n != 0 the result is always a working day.
  Date add_working_days(Date d, int n) const;
  // Working days in (a, b] when a <= b, minus those in (b, a] otherwise, so that
  // add_working_days(a, working_days_between(a, b)) == b for a working day b.
  int working_days_between(Date a, Date b) const;

  // The days off of the holiday whose name contains `name` ("国庆节" also finds
  // "国庆节、中秋节") in the year of `day`; nullopt when that year has no file or no such
  // holiday.
  std::optional<std::pair<Date, Date>> find_holiday(std::string_view name, Date day) const;

 private:
  std::set<int> years_;
  std::set<Date> days_off_;
  std::set<Date> workdays_;
  std::vector<NamedHoliday> holidays_;
};

}  // namespace plancal::calendar
