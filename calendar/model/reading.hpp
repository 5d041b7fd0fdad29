// A schedule reading: what a Chinese schedule phrase ("2月4日至3月5日，每周六、周日",
// "第二季度", "9月下旬", "力争2023年三季度前") means as dates, with the precision the
// phrase really has. A reading never invents precision: "第二季度" is the whole of Q2
// at quarter precision, not 1 April.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/date.hpp"

namespace plancal::calendar {

enum class ReadingKind {
  kDate,  // one calendar unit at its precision: "8月8日", "5月", "第二季度", "下半年"
  kSpan,  // an inclusive span between two points: "1月至3月", "10—11月"
  kRecurring,  // a recurrence within bounds: "2月4日至3月5日，每周六、周日", "3月起，每月"
  kDeadline,   // done by a date: "2023年6月30日前", "截至…", "年底前"
  kList,       // several readings: "3月、6月、9月"
  kOpenStart,  // from a point on, with no stated end: "1月起"
};

// How exact the dates are. Ordered from finest to coarsest.
enum class Precision { kDay, kXun, kMonth, kSeason, kQuarter, kHalf, kYear };

struct Reading {
  ReadingKind kind = ReadingKind::kDate;
  Precision precision = Precision::kDay;
  // Inclusive bounds. For kDeadline both are the due date (the last day by which the
  // thing must be done); for kOpenStart `end` is the end of the context year and
  // open_end is set; for kList they span the items.
  Date start{};
  Date end{};
  // kRecurring only: an RFC 5545 RRULE value without DTSTART, e.g.
  // "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305". Occurrences are the dates in
  // [start, end] the rule produces when DTSTART = start.
  std::string rrule;
  bool approximate = false;           // hedged: 前后, 预计, 适时, 力争, 拟, 左右
  bool ambiguous = false;             // the wording admits several readings, see alternatives
  bool open_end = false;              // no end was stated ("起"); end is the context bound
  std::vector<Reading> alternatives;  // other plausible readings when ambiguous
  std::vector<Reading> items;         // kList only
  std::string phrase;                 // the phrase as written in the source
  // How a lunar or festival date was found ("春节 = 农历正月初一"); empty otherwise.
  std::string rule;
  // The time of day written with a one-day date ("上午9:00", "14:30-17:00", "下午4点至晚8
  // 点"): minutes after local midnight in the plan's time zone; -1 when none is written.
  int start_minute = -1;
  int end_minute = -1;
  bool timed() const { return start_minute >= 0; }

  bool operator==(const Reading&) const = default;
};

std::string_view to_string(ReadingKind kind);     // "date", "span", "recurring", ...
std::string_view to_string(Precision precision);  // "day", "xun", "month", ...
bool parse_reading_kind(std::string_view text, ReadingKind& out);
bool parse_precision(std::string_view text, Precision& out);
// Whether two readings give the same dates: kind, precision, bounds, rule and list items,
// whatever their phrases, flags and rules of discovery.
bool same_dates(const Reading& a, const Reading& b);

}  // namespace plancal::calendar
