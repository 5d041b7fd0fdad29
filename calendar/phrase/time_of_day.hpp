// The time of day a schedule phrase may write after a one-day date: "上午9:00", "9点",
// "下午4点至晚8点", "14:30-17:00", "9点半", "上午9:00-12:00". 下午/晚/晚上 move hours before
// 12 to the afternoon; 中午 does so for 1–10. A part of the day alone ("4月19日晚") is no
// time. Internal to the parser; pure.
#pragma once

#include <optional>

#include "calendar/phrase/phrase_cursor.hpp"

namespace plancal::calendar {

struct TimeOfDay {
  int start_minute = 0;  // minutes after midnight
  int end_minute = -1;   // -1: no end written
};

// Reads a time or a time range at the cursor; nullopt with the cursor unchanged if none.
std::optional<TimeOfDay> read_time_of_day(Cursor& c);

}  // namespace plancal::calendar
