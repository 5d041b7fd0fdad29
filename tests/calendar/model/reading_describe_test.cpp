#include "calendar/model/reading_describe.hpp"

#include <doctest/doctest.h>

#include "calendar/phrase/schedule_parser.hpp"

using namespace plancal::calendar;

namespace {

std::string describe_phrase(std::string_view phrase) {
  const PhraseResult result = parse_schedule_phrase(phrase, ParseContext{2023});
  REQUIRE(result.reading.has_value());
  return describe(*result.reading);
}

}  // namespace

TEST_CASE("dates name their precision and bounds") {
  CHECK(describe_phrase("2023年第二季度") == "2023年第二季度 — quarter: 2023-04-01 … 2023-06-30");
  CHECK(describe_phrase("8月 8日") == "8月8日 — day: 2023-08-08");
}

TEST_CASE("recurrences show their rule") {
  CHECK(describe_phrase("2月4日至3月5日，每周六、周日") ==
        "2月4日至3月5日，每周六、周日 — recurring 2023-02-04 … 2023-03-05 "
        "(FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305), day precision");
  CHECK(describe_phrase("3月起，每月") ==
        "3月起，每月 — recurring 2023-03-01 … 2023-12-31 (FREQ=MONTHLY;UNTIL=20231231), month "
        "precision; open end (no end stated, until 2023-12-31)");
}

TEST_CASE("spans, lists, deadlines and open starts") {
  CHECK(describe_phrase("1月至3月") == "1月至3月 — span: 2023-01-01 … 2023-03-31, month precision");
  CHECK(describe_phrase("3月、6月") ==
        "3月、6月 — list: 2023-03-01 … 2023-03-31; 2023-06-01 … 2023-06-30, month precision");
  CHECK(describe_phrase("2023年6月30日前") ==
        "2023年6月30日前 — deadline: by 2023-06-30, day precision");
  CHECK(describe_phrase("1月起") ==
        "1月起 — from 2023-01-01, month precision; open end (no end stated, until 2023-12-31)");
}

TEST_CASE("flags name the hedge and the alternative") {
  CHECK(describe_phrase("5月前后") ==
        "5月前后 — month: 2023-05-01 … 2023-05-31; approximate (前后)");
  CHECK(describe_phrase("力争2023年三季度前") ==
        "力争2023年三季度前 — deadline: by 2023-06-30, quarter precision; approximate (力争); "
        "ambiguous: also deadline: by 2023-09-30, quarter precision");
}

TEST_CASE("a reading without a phrase is described by its meaning alone") {
  Reading r;
  r.start = r.end = make_date(2023, 1, 2);
  CHECK(describe(r) == "day: 2023-01-02");
}
