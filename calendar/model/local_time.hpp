// Local dates of instants: the one place that turns a UTC instant into the calendar date
// of a plan's time zone, and a local date back into its first instant. Plans name their
// zone (Plan::timezone); plancal knows the zones of China's standard time, which has a
// fixed offset of +08:00 and no daylight saving time since 1991, so an offset in minutes
// is all a conversion needs. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "calendar/model/clock.hpp"
#include "calendar/model/date.hpp"

namespace plancal::calendar {

// The UTC offset (minutes east) of China Standard Time.
inline constexpr int kChinaOffsetMinutes = 8 * 60;

// The offset of a time zone plancal knows: Asia/Shanghai and the other names of China
// Standard Time (Asia/Chongqing, Asia/Harbin, Asia/Hong_Kong, Asia/Macau, Asia/Taipei, PRC);
// nullopt for any other zone.
std::optional<int> zone_offset_minutes(std::string_view timezone);

// The calendar date at `utc_offset_minutes` of instant `t`.
Date local_date(TimePoint t, int utc_offset_minutes);
// The first instant of local date `d` at `utc_offset_minutes`.
TimePoint local_midnight(Date d, int utc_offset_minutes);

}  // namespace plancal::calendar
