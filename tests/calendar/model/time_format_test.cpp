#include "calendar/model/time_format.hpp"

#include <doctest/doctest.h>

using namespace plancal::calendar;

TEST_CASE("ISO instants parse with explicit and default offsets") {
  auto a = parse_iso_instant("2023-02-13T09:00:00+08:00", 0);
  auto b = parse_iso_instant("2023-02-13T01:00:00Z", 480);
  auto c = parse_iso_instant("2023-02-13T09:00", kChinaOffsetMinutes);
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(*a == *b);
  CHECK(*a == *c);
  CHECK(format_iso_instant(*a, kChinaOffsetMinutes) == "2023-02-13T09:00:00+08:00");
  CHECK(format_iso_instant(*a, 0) == "2023-02-13T01:00:00Z");
}

TEST_CASE("a bare date is local midnight") {
  auto t = parse_iso_instant("2023-01-01", kChinaOffsetMinutes);
  REQUIRE(t);
  CHECK(format_iso_instant(*t, 0) == "2022-12-31T16:00:00Z");
}

TEST_CASE("malformed instants are rejected") {
  for (const char* bad : {"", "2023-02-30", "2023-02-13T25:00", "2023-02-13T09:00+8", "yesterday",
                          "2023-02-13T09:00:00+08:00 trailing"})
    CHECK_FALSE(parse_iso_instant(bad, 0).has_value());
}
