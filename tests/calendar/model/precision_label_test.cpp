#include "calendar/model/precision_label.hpp"

#include <doctest/doctest.h>

using namespace plancal::calendar;

namespace {

Reading reading(ReadingKind kind, Precision precision, Date start, Date end) {
  Reading r;
  r.kind = kind;
  r.precision = precision;
  r.start = start;
  r.end = end;
  return r;
}

}  // namespace

TEST_CASE("period names at every precision") {
  const Date d = make_date(2023, 9, 25);
  CHECK(period_name(Precision::kDay, d, true) == "2023年9月25日");
  CHECK(period_name(Precision::kXun, d, false) == "9月下旬");
  CHECK(period_name(Precision::kXun, make_date(2023, 9, 11), false) == "9月中旬");
  CHECK(period_name(Precision::kMonth, d, true) == "2023年9月");
  CHECK(period_name(Precision::kSeason, d, true) == "2023年秋季");
  CHECK(period_name(Precision::kQuarter, make_date(2023, 4, 1), true) == "2023年第二季度");
  CHECK(period_name(Precision::kHalf, d, true) == "2023年下半年");
  CHECK(period_name(Precision::kYear, d, true) == "2023年");
  CHECK(period_name(Precision::kYear, d, false) == "全年");
  CHECK(period_span_name(Precision::kMonth, make_date(2023, 10, 1), make_date(2023, 11, 30),
                         true) == "2023年10月至11月");
  CHECK(period_span_name(Precision::kDay, make_date(2023, 12, 30), make_date(2024, 1, 2), true) ==
        "2023年12月30日至2024年1月2日");
}

TEST_CASE("summary labels say how exact the date is") {
  auto q2 = reading(ReadingKind::kDate, Precision::kQuarter, make_date(2023, 4, 1),
                    make_date(2023, 6, 30));
  CHECK(summary_label(q2, 2023) == "2023年第二季度内");
  CHECK(when_in_words(q2) == "2023年第二季度内，具体日期未定（2023-04-01 至 2023-06-30）");
  CHECK(shown_as_markers(q2));

  auto late_sept =
      reading(ReadingKind::kDate, Precision::kXun, make_date(2023, 9, 21), make_date(2023, 9, 30));
  CHECK(summary_label(late_sept, 2023) == "9月下旬");
  CHECK(summary_label(late_sept, 2022) == "2023年9月下旬");
  CHECK_FALSE(shown_as_markers(late_sept));

  auto may =
      reading(ReadingKind::kDate, Precision::kMonth, make_date(2023, 5, 1), make_date(2023, 5, 31));
  may.approximate = true;
  CHECK(summary_label(may, 2023) == "5月前后");
  CHECK(when_in_words(may).starts_with("2023年5月前后，具体日期未定"));

  auto day =
      reading(ReadingKind::kDate, Precision::kDay, make_date(2023, 5, 8), make_date(2023, 5, 8));
  CHECK(summary_label(day, 2023).empty());
  CHECK(when_in_words(day) == "2023年5月8日");

  auto half_year_months =
      reading(ReadingKind::kSpan, Precision::kMonth, make_date(2023, 1, 1), make_date(2023, 6, 30));
  CHECK(shown_as_markers(half_year_months));
  CHECK(summary_label(half_year_months, 2023) == "1月至6月");
}

TEST_CASE("deadline, recurrence, list and open-start labels") {
  auto due = reading(ReadingKind::kDeadline, Precision::kDay, make_date(2023, 6, 30),
                     make_date(2023, 6, 30));
  CHECK(summary_label(due, 2023) == "截止");
  CHECK(when_in_words(due) == "截止2023年6月30日");
  due.approximate = true;
  CHECK(summary_label(due, 2023) == "力争6月30日前");

  auto fairs = reading(ReadingKind::kRecurring, Precision::kDay, make_date(2023, 2, 4),
                       make_date(2023, 3, 5));
  fairs.rrule = "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305";
  CHECK(summary_label(fairs, 2023).empty());
  CHECK(when_in_words(fairs) == "2023年2月4日至3月5日，每周六、周日");

  auto monthly = reading(ReadingKind::kRecurring, Precision::kMonth, make_date(2023, 3, 1),
                         make_date(2023, 12, 31));
  monthly.rrule = "FREQ=MONTHLY";
  CHECK(summary_label(monthly, 2023) == "每月一场");

  auto list =
      reading(ReadingKind::kList, Precision::kMonth, make_date(2023, 3, 1), make_date(2023, 6, 30));
  list.items = {
      reading(ReadingKind::kDate, Precision::kMonth, make_date(2023, 3, 1), make_date(2023, 3, 31)),
      reading(ReadingKind::kDate, Precision::kMonth, make_date(2023, 6, 1),
              make_date(2023, 6, 30))};
  CHECK(summary_label(list, 2023) == "3月、6月");

  auto from_january = reading(ReadingKind::kOpenStart, Precision::kMonth, make_date(2023, 1, 1),
                              make_date(2023, 12, 31));
  CHECK(summary_label(from_january, 2023) == "1月起");
  CHECK(when_in_words(from_january) == "自2023年1月起，未说明结束日期");
}

TEST_CASE("rules in words, and rules too complex for words") {
  CHECK(rrule_in_words("FREQ=WEEKLY;BYDAY=SU") == "每周日");
  CHECK(rrule_in_words("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO") == "每2周的周一");
  CHECK(rrule_in_words("FREQ=MONTHLY;UNTIL=20231231") == "每月");
  CHECK(rrule_in_words("FREQ=MONTHLY;INTERVAL=3") == "每3个月");
  CHECK(rrule_in_words("FREQ=MONTHLY;BYMONTHDAY=15") == "FREQ=MONTHLY;BYMONTHDAY=15");
  CHECK(rrule_in_words("FREQ=WEEKLY;COUNT=4") == "FREQ=WEEKLY;COUNT=4");
}
