// The schedule-phrase parser: reads one Chinese schedule phrase as written in a plan
// ("2月4日至3月5日，每周六、周日", "第二季度", "9月下旬", "力争2023年三季度前") into a
// Reading with its real precision. Wording it does not understand is reported, never
// guessed. Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/reading.hpp"

namespace plancal::calendar {

struct ParseContext {
  int year = 0;  // year of phrases that do not state their own (from context or the plan)
  // The statutory holidays, for "春节期间", "“十一”期间"; without them (or without the
  // year's file) such a phrase reads as the festival's day, approximate.
  const HolidayCalendar* holidays = nullptr;
};

struct PhraseResult {
  std::optional<Reading> reading;  // set on success; reading->phrase is the input
  std::string error;               // set on failure: why the phrase was not understood
};

// Parses a whole phrase. Accepts full-width and half-width digits and punctuation,
// Chinese numerals, spaces inside the phrase (PDF extraction inserts them: "2 月 4 日").
PhraseResult parse_schedule_phrase(std::string_view phrase, const ParseContext& context);

}  // namespace plancal::calendar
