// The Chinese lunisolar calendar (农历) and the solar term 清明, for reading festival and
// lunar dates in plans. Lunar dates come from ICU's Chinese calendar (no hand-written
// tables); 清明 is computed from the sun's apparent longitude. A lunar year is named by
// the Gregorian year in which it begins: lunar year 2023 runs from 2023-01-22 (正月初一)
// to 2024-02-09 (除夕), so 腊月初八 of lunar year 2023 is 2024-01-18. Pure and thread-safe
// (each thread keeps its own ICU calendar).
#pragma once

#include <optional>

#include "calendar/model/date.hpp"

namespace plancal::calendar {

struct LunarDate {
  int year = 0;        // the Gregorian year in which the lunar year begins
  unsigned month = 0;  // 1 (正月) .. 12 (腊月)
  bool leap = false;   // 闰月: the intercalary month after `month`
  unsigned day = 0;    // 1 (初一) .. 30 (三十)
  bool operator==(const LunarDate&) const = default;
};

// The Gregorian date of a lunar date; nullopt when it does not exist (a 30th in a month
// of 29 days, a leap month the year does not have) or lies outside 1901..2099.
std::optional<Date> gregorian_from_lunar(const LunarDate& lunar);

// The lunar date of a Gregorian date (1901..2099).
std::optional<LunarDate> lunar_from_gregorian(Date date);

// The lunar date `month`/`day` (not leap) that falls in Gregorian year `year`: from the
// lunar year `year`, or else the one before (a 腊月 or 冬月 date in January or February).
// nullopt if neither falls in that Gregorian year.
std::optional<Date> lunar_date_in_year(int year, unsigned month, unsigned day, bool leap = false);

// 清明 of a Gregorian year (the day, in China Standard Time, on which the sun reaches
// apparent longitude 15°): 4 or 5 April in this era.
Date qingming(int year);

}  // namespace plancal::calendar
