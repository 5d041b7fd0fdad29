// Chinese labels for the dates of a schedule reading, at the precision it really has:
// "2023年第二季度内", "2023年9月下旬", "2023年5月前后", "截止", "每月一场". The feed writer
// prefixes SUMMARY with the short label in 〔〕 and opens DESCRIPTION with the reading in
// words. Pure functions, thread-safe.
#pragma once

#include <string>

#include "calendar/model/reading.hpp"

namespace plancal::calendar {

// The calendar period at `precision` that contains `d`: "2023年5月8日", "2023年9月下旬",
// "2023年5月", "2023年春季", "2023年第二季度", "2023年上半年", "2023年". Without the year:
// "9月下旬", …, and "全年" for the year.
std::string period_name(Precision precision, Date d, bool with_year);

// The periods from `start` to `end` at `precision`: one name when both lie in the same
// period, else "2023年10月至11月" (the year is not repeated within one year).
std::string period_span_name(Precision precision, Date start, Date end, bool with_year);

// Whether a reading of this precision is shown as monthly one-day markers rather than as
// a span (a bar over months is unreadable in a month view): season, quarter, half, year,
// and xun or month spans longer than kMaxSpanDays.
inline constexpr int kMaxSpanDays = 62;
bool shown_as_markers(const Reading& reading);

// The label inside 〔〕 in front of SUMMARY, or "" when the dates need none (exact days).
// The year is given only when it differs from `context_year` or the period is coarser
// than a month: "9月下旬", "5月前后", "2023年第二季度内", "截止", "力争9月30日前",
// "每月一场", "1月起", "3月、6月".
std::string summary_label(const Reading& reading, int context_year);

// The reading in words, with the year, for the first line of DESCRIPTION:
// "2023年第二季度内，具体日期未定（2023-04-01 至 2023-06-30）".
std::string when_in_words(const Reading& reading);

// An RRULE value in words where it is simple: "每周六、周日", "每月", "每2周"; otherwise
// the rule itself.
std::string rrule_in_words(std::string_view rrule);

}  // namespace plancal::calendar
