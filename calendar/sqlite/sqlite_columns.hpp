// Binding and reading domain values in SQLite statements, in the column forms of
// calendar/store/column_text.hpp (dates as ISO text or NULL, times as Unix seconds, lists
// and readings as JSON text). Decoding a malformed value throws StoreError.
#pragma once

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <string>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/date.hpp"
#include "calendar/model/reading.hpp"
#include "calendar/store/column_text.hpp"

namespace plancal::calendar {

// Binds a valid date as "YYYY-MM-DD" and the unset Date{} as NULL; throws StoreError on
// any other (impossible) date, which could not be read back.
void bind_date(SQLite::Statement& statement, int index, Date date, const char* field);
Date date_column(const SQLite::Column& column);

inline std::int64_t time_column_value(TimePoint t) { return time_to_seconds(t); }
inline TimePoint time_column(const SQLite::Column& column) {
  return time_from_seconds(column.getInt64());
}

inline std::vector<std::string> list_column(const SQLite::Column& column) {
  return list_from_text(column.getString());
}
inline Reading reading_column(const SQLite::Column& column) {
  return reading_from_text(column.getString());
}

}  // namespace plancal::calendar
