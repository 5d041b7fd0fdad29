#include "calendar/model/recurrence.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace plancal::calendar;

namespace {

// The occurrences of `rrule` from `dtstart` up to `to`, as "MM-DD" (or full dates across
// years), so that failures print readably.
std::string expand(const std::string& rrule, Date dtstart, Date to, size_t limit = SIZE_MAX) {
  std::string error;
  const auto rule = parse_rrule(rrule, &error);
  REQUIRE_MESSAGE(rule.has_value(), error);
  std::string out;
  for (Date d : occurrences(*rule, dtstart, dtstart, to, limit))
    out += (out.empty() ? "" : " ") + to_iso(d).substr(5);
  return out;
}

}  // namespace

TEST_CASE("weekend job fairs: every Saturday and Sunday from 4 Feb to 5 Mar") {
  CHECK(expand("FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305", make_date(2023, 2, 4),
               make_date(2023, 12, 31)) ==
        "02-04 02-05 02-11 02-12 02-18 02-19 02-25 02-26 03-04 03-05");
}

TEST_CASE("occurrences are clipped to [from, to] and the limit") {
  const auto rule = parse_rrule("FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305");
  REQUIRE(rule);
  const auto dates =
      occurrences(*rule, make_date(2023, 2, 4), make_date(2023, 2, 6), make_date(2023, 2, 28), 3);
  REQUIRE(dates.size() == 3);
  CHECK(to_iso(dates[0]) == "2023-02-11");
  CHECK(to_iso(dates[2]) == "2023-02-18");
  CHECK(occurrences(*rule, make_date(2023, 2, 4), make_date(2023, 3, 6), make_date(2023, 12, 31))
            .empty());
}

TEST_CASE("DTSTART is an occurrence only when it matches") {
  CHECK(expand("FREQ=WEEKLY;BYDAY=WE", make_date(2023, 2, 4), make_date(2023, 2, 20)) ==
        "02-08 02-15");
  CHECK(expand("FREQ=WEEKLY", make_date(2023, 2, 4), make_date(2023, 2, 20)) ==
        "02-04 02-11 02-18");
}

TEST_CASE("weekly with an interval counts weeks from DTSTART's week") {
  CHECK(expand("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", make_date(2023, 2, 1),
               make_date(2023, 3, 1)) == "02-01 02-13 02-15 02-27 03-01");
}

TEST_CASE("monthly rules the parser writes") {
  const Date jan1 = make_date(2023, 1, 1);
  const Date dec31 = make_date(2023, 12, 31);
  CHECK(expand("FREQ=MONTHLY;BYMONTHDAY=-1", jan1, make_date(2023, 4, 30)) ==
        "01-31 02-28 03-31 04-30");
  CHECK(expand("FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20230331", jan1, dec31) == "01-15 02-15 03-15");
  CHECK(expand("FREQ=MONTHLY;BYDAY=-1FR", jan1, make_date(2023, 3, 31)) == "01-27 02-24 03-31");
  CHECK(expand("FREQ=MONTHLY;BYDAY=2TU", jan1, make_date(2023, 2, 28)) == "01-10 02-14");
  CHECK(expand("FREQ=MONTHLY;INTERVAL=3", jan1, dec31) == "01-01 04-01 07-01 10-01");
  CHECK(expand("FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", jan1, dec31) ==
        "03-31 06-30 09-30 12-31");
  CHECK(expand("FREQ=MONTHLY;UNTIL=20230601", make_date(2023, 3, 1), dec31) ==
        "03-01 04-01 05-01 06-01");
  // Without BYxxx the day of DTSTART: months without a 31st have no occurrence.
  CHECK(expand("FREQ=MONTHLY", make_date(2023, 1, 31), make_date(2023, 6, 30)) ==
        "01-31 03-31 05-31");
}

TEST_CASE("daily rules") {
  CHECK(expand("FREQ=DAILY;UNTIL=20230203", make_date(2023, 1, 31), make_date(2023, 12, 31)) ==
        "01-31 02-01 02-02 02-03");
  CHECK(expand("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", make_date(2023, 2, 3), make_date(2023, 2, 7)) ==
        "02-03 02-06 02-07");
}

TEST_CASE("rules outside the subset are rejected with a reason") {
  for (const char* text :
       {"", "FREQ=YEARLY", "FREQ=WEEKLY;COUNT=3", "FREQ=MONTHLY;BYSETPOS=-1", "BYDAY=MO",
        "FREQ=WEEKLY;BYDAY=2TU", "FREQ=WEEKLY;BYMONTHDAY=1", "FREQ=WEEKLY;FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;UNTIL=20230305T000000Z", "FREQ=MONTHLY;BYMONTH=13",
        "FREQ=MONTHLY;BYMONTHDAY=0", "FREQ=DAILY;INTERVAL=0", "FREQ=MONTHLY;BYDAY=6MO",
        "FREQ=WEEKLY;WKST=SU", "FREQ=WEEKLY;BYDAY=SA,"}) {
    std::string error;
    CHECK_MESSAGE(!parse_rrule(text, &error).has_value(), text);
    CHECK_MESSAGE(!error.empty(), text);
  }
}

TEST_CASE("parsed rules keep their parts") {
  const auto rule = parse_rrule("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR,1MO;UNTIL=20231231");
  REQUIRE(rule);
  CHECK(rule->frequency == Frequency::kMonthly);
  CHECK(rule->interval == 2);
  CHECK(rule->by_day == std::vector<WeekdayRule>{{-1, 5}, {1, 1}});
  REQUIRE(rule->until);
  CHECK(to_iso(*rule->until) == "2023-12-31");
}
