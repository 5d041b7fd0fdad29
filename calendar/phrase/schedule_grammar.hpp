// The schedule-phrase grammar over normalized text (see text_normalize.hpp): reads the
// longest schedule phrase starting at a position — hedges, 自/截至/延至 prefixes, spans,
// 起, 前/底前/内 deadlines, lists with 、, and 每… recurrences with their bounds. Both
// parse_schedule_phrase (whole input) and extract_phrases (inside free text) use it.
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/reading.hpp"

namespace plancal::calendar {

struct ScanResult {
  enum class Status {
    kNoMatch,  // no schedule phrase starts here
    kError,    // a schedule phrase starts here but cannot be read; see error
    kOk,
  };
  Status status = Status::kNoMatch;
  Reading reading;  // kOk; phrase, and the phrase of items, hold the normalized text
  std::string error;
  size_t length = 0;    // code points read (kOk: the phrase; kError: up to the problem)
  int stated_year = 0;  // the last year the phrase states itself, 0 if none
  // Shapes the extractor treats specially, see phrase_extractor.cpp.
  bool bare_year = false;        // only a year: "2023年"
  bool bare_recurrence = false;  // 每… with no bounds of its own
  bool season = false;           // a season as a date: "春季"
};

// False when no phrase can start with c (a cheap filter for scanning long text).
bool may_start_schedule(char32_t c);

// Reads the phrase starting at text[pos]. `year` is the year of periods that state none
// (0: none known); `holidays` (may be null) gives "<festival>期间" its statutory days.
// Never reads past text.end().
ScanResult scan_schedule(std::u32string_view text, size_t pos, int year,
                         const HolidayCalendar* holidays = nullptr);

}  // namespace plancal::calendar
