#include "calendar/lunar/lunar_calendar.hpp"

#include <doctest/doctest.h>

using namespace plancal::calendar;

TEST_CASE("lunar: 正月初一 of recent years (Spring Festival)") {
  CHECK(gregorian_from_lunar({2023, 1, false, 1}) == make_date(2023, 1, 22));
  CHECK(gregorian_from_lunar({2024, 1, false, 1}) == make_date(2024, 2, 10));
  CHECK(gregorian_from_lunar({2025, 1, false, 1}) == make_date(2025, 1, 29));
  CHECK(gregorian_from_lunar({2026, 1, false, 1}) == make_date(2026, 2, 17));
}

TEST_CASE("lunar: festivals of 2024 and a 腊月 date in the next Gregorian year") {
  CHECK(gregorian_from_lunar({2024, 5, false, 5}) == make_date(2024, 6, 10));   // 端午
  CHECK(gregorian_from_lunar({2024, 8, false, 15}) == make_date(2024, 9, 17));  // 中秋
  CHECK(gregorian_from_lunar({2023, 12, false, 8}) == make_date(2024, 1, 18));  // 腊八
  CHECK(lunar_date_in_year(2024, 12, 8) == make_date(2024, 1, 18));
  CHECK(lunar_date_in_year(2024, 1, 15) == make_date(2024, 2, 24));  // 元宵
}

TEST_CASE("lunar: leap months and days that do not exist") {
  CHECK(gregorian_from_lunar({2023, 2, true, 1}) == make_date(2023, 3, 22));  // 闰二月初一
  CHECK_FALSE(gregorian_from_lunar({2024, 2, true, 1}));    // 2024 has no leap month
  CHECK_FALSE(gregorian_from_lunar({2024, 1, false, 30}));  // 正月 2024 has 29 days
  CHECK_FALSE(gregorian_from_lunar({2024, 13, false, 1}));
}

TEST_CASE("lunar: back from the Gregorian calendar") {
  CHECK(lunar_from_gregorian(make_date(2024, 2, 9)) == LunarDate{2023, 12, false, 30});  // 除夕
  CHECK(lunar_from_gregorian(make_date(2024, 2, 10)) == LunarDate{2024, 1, false, 1});
}

TEST_CASE("清明: the solar term, computed") {
  CHECK(qingming(2023) == make_date(2023, 4, 5));
  CHECK(qingming(2024) == make_date(2024, 4, 4));
  CHECK(qingming(2025) == make_date(2025, 4, 4));
  CHECK(qingming(2026) == make_date(2026, 4, 5));
}
