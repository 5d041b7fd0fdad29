// How domain values are written to and read from SQLite columns: dates as ISO text (NULL
// when unset), times as Unix seconds, string lists as JSON arrays, readings as
// reading_to_json() text. Decoding a malformed value throws StoreError.
#pragma once

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <string>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/date.hpp"
#include "calendar/model/reading.hpp"

namespace plancal::calendar {

// Binds a valid date as "YYYY-MM-DD" and the unset Date{} as NULL; throws StoreError on
// any other (impossible) date, which could not be read back.
void bind_date(SQLite::Statement& statement, int index, Date date, const char* field);
Date date_column(const SQLite::Column& column);

inline std::int64_t time_column_value(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint time_column(const SQLite::Column& column) {
  return TimePoint{std::chrono::seconds{column.getInt64()}};
}

std::string list_column_value(const std::vector<std::string>& list);
std::vector<std::string> list_column(const SQLite::Column& column);

// Throws StoreError if a date of the reading (or of its alternatives and list items) is
// not a valid calendar date: reading_from_json() would not accept it back.
std::string reading_column_value(const Reading& reading);
Reading reading_column(const SQLite::Column& column);

}  // namespace plancal::calendar
