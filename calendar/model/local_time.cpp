#include "calendar/model/local_time.hpp"

#include <array>

namespace plancal::calendar {

std::optional<int> zone_offset_minutes(std::string_view timezone) {
  static constexpr std::array<std::string_view, 7> kChinaStandardTime = {
      "Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Hong_Kong",
      "Asia/Macau",    "Asia/Taipei",    "PRC"};
  for (std::string_view name : kChinaStandardTime)
    if (name == timezone) return kChinaOffsetMinutes;
  return std::nullopt;
}

Date local_date(TimePoint t, int utc_offset_minutes) {
  return Date{std::chrono::floor<std::chrono::days>(t + std::chrono::minutes(utc_offset_minutes))};
}

TimePoint local_midnight(Date d, int utc_offset_minutes) {
  return TimePoint{std::chrono::sys_days{d}} - std::chrono::minutes(utc_offset_minutes);
}

}  // namespace plancal::calendar
