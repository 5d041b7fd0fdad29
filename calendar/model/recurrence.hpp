// The RRULE values plancal's phrase parser writes, and the dates they produce. Only that
// subset is understood: FREQ=DAILY|WEEKLY|MONTHLY with INTERVAL, UNTIL (a date), BYMONTH,
// BYMONTHDAY (1..31, -31..-1) and BYDAY (MO, or with an ordinal in MONTHLY rules: 2TU,
// -1FR); the week starts on Monday. Anything else (COUNT, BYSETPOS, times of day, …) is
// rejected rather than half-understood. libical stays in the iCalendar writer.
//
// Occurrences are the dates in [dtstart, until] that match the rule; DTSTART itself is an
// occurrence only when it matches (the iCalendar writer moves DTSTART to the first match).
// Values only; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/date.hpp"

namespace plancal::calendar {

enum class Frequency { kDaily, kWeekly, kMonthly };

struct WeekdayRule {
  int ordinal = 0;       // 0: every such weekday; 2: the second in the month; -1: the last
  unsigned weekday = 1;  // ISO: Monday = 1 .. Sunday = 7
  bool operator==(const WeekdayRule&) const = default;
};

struct RecurrenceRule {
  Frequency frequency = Frequency::kWeekly;
  int interval = 1;                 // every n-th day, week or month, counted from DTSTART's
  std::optional<Date> until;        // last possible occurrence, inclusive
  std::vector<unsigned> by_month;   // 1..12; empty: every month
  std::vector<int> by_month_day;    // 1..31 or -31..-1 (from the month's end)
  std::vector<WeekdayRule> by_day;  // empty: DTSTART's weekday (WEEKLY)
  bool operator==(const RecurrenceRule&) const = default;
};

// Parses an RRULE value such as "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305". On failure
// returns nullopt and, when `error` is given, says which part is not understood.
std::optional<RecurrenceRule> parse_rrule(std::string_view text, std::string* error = nullptr);

// The occurrences of `rule` started at `dtstart` that fall in [from, to], in date order,
// at most `limit` of them.
std::vector<Date> occurrences(const RecurrenceRule& rule, Date dtstart, Date from, Date to,
                              size_t limit = SIZE_MAX);

}  // namespace plancal::calendar
