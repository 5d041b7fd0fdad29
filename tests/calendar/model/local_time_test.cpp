#include "calendar/model/local_time.hpp"

#include <doctest/doctest.h>

#include "calendar/model/plan.hpp"
#include "calendar/model/time_format.hpp"

using namespace plancal::calendar;

namespace {

TimePoint instant(const char* text) { return *parse_iso_instant(text, 0); }

}  // namespace

TEST_CASE("local time: the date changes at local midnight, not at UTC midnight") {
  CHECK(local_date(instant("2023-06-29T15:59:59Z"), kChinaOffsetMinutes) == make_date(2023, 6, 29));
  CHECK(local_date(instant("2023-06-29T16:00:00Z"), kChinaOffsetMinutes) == make_date(2023, 6, 30));
  CHECK(local_date(instant("2023-06-29T16:00:00Z"), 0) == make_date(2023, 6, 29));
  CHECK(local_midnight(make_date(2023, 6, 30), kChinaOffsetMinutes) ==
        instant("2023-06-29T16:00:00Z"));
  const Date d = make_date(2024, 2, 29);
  CHECK(local_date(local_midnight(d, kChinaOffsetMinutes), kChinaOffsetMinutes) == d);
}

TEST_CASE("local time: the zones of China Standard Time, and no others") {
  for (const char* zone : {"Asia/Shanghai", "Asia/Chongqing", "Asia/Hong_Kong", "PRC"}) {
    CAPTURE(zone);
    CHECK(zone_offset_minutes(zone) == kChinaOffsetMinutes);
  }
  CHECK_FALSE(zone_offset_minutes("Europe/Berlin"));
  CHECK_FALSE(zone_offset_minutes("Asia/Tokyo"));
  CHECK_FALSE(zone_offset_minutes(""));
}

TEST_CASE("local time: a plan's local date is in its zone") {
  Plan plan;
  CHECK(plan.utc_offset_minutes() == kChinaOffsetMinutes);
  CHECK(plan.local_date(instant("2023-12-31T16:30:00Z")) == make_date(2024, 1, 1));
}
