#include "calendar/model/date.hpp"

#include <doctest/doctest.h>

using namespace plancal::calendar;

TEST_CASE("ISO dates round-trip and reject impossible days") {
  auto d = parse_iso_date("2023-02-28");
  REQUIRE(d.has_value());
  CHECK(to_iso(*d) == "2023-02-28");
  CHECK(to_basic_iso(*d) == "20230228");
  CHECK_FALSE(parse_iso_date("2023-02-30").has_value());
  CHECK_FALSE(parse_iso_date("2023-2-3").has_value());
  CHECK_FALSE(parse_iso_date("2023-02-3x").has_value());
}

TEST_CASE("period helpers") {
  CHECK(to_iso(last_day_of_month(2023, 2)) == "2023-02-28");
  CHECK(to_iso(last_day_of_month(2024, 2)) == "2024-02-29");
  CHECK(to_iso(add_days(make_date(2023, 12, 31), 1)) == "2024-01-01");
  CHECK(days_between(make_date(2023, 2, 4), make_date(2023, 3, 5)) == 29);
  CHECK(iso_weekday(make_date(2023, 2, 4)) == 6);  // a Saturday
}
