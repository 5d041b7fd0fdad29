// How domain values are kept in a database column, for every backend: dates as ISO text
// (NULL when unset), times as Unix seconds, string lists and readings as JSON text
// (reading_to_json()). A malformed value read back throws StoreError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/date.hpp"
#include "calendar/model/reading.hpp"

namespace plancal::calendar {

// "YYYY-MM-DD" for a valid date, nullopt (NULL) for the unset Date{}; throws StoreError on
// any other (impossible) date, which could not be read back. `field` names it in the error.
std::optional<std::string> date_to_text(Date date, const char* field);
// The inverse: Date{} for NULL.
Date date_from_text(const std::optional<std::string>& text);

inline std::int64_t time_to_seconds(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint time_from_seconds(std::int64_t seconds) {
  return TimePoint{std::chrono::seconds{seconds}};
}

std::string list_to_text(const std::vector<std::string>& list);
std::vector<std::string> list_from_text(const std::string& text);

// Throws StoreError if a date of the reading (or of its alternatives and list items) is
// not a valid calendar date: reading_from_json() would not accept it back.
std::string reading_to_text(const Reading& reading);
Reading reading_from_text(const std::string& text);

}  // namespace plancal::calendar
