// Reading domain values from PostgreSQL result fields, and the parameters that write them,
// in the column forms of calendar/store/column_text.hpp. Decoding a malformed value throws
// StoreError.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <optional>
#include <string>

#include "calendar/model/clock.hpp"
#include "calendar/model/date.hpp"
#include "calendar/store/column_text.hpp"

namespace plancal::calendar {

inline std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

inline TimePoint time_field(const pqxx::field& field) {
  return time_from_seconds(field.as<std::int64_t>());
}

inline std::optional<TimePoint> optional_time_field(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return time_field(field);
}

// A parameter for an optional time column.
inline std::optional<std::int64_t> optional_seconds(std::optional<TimePoint> t) {
  if (!t) return std::nullopt;
  return time_to_seconds(*t);
}

inline Date date_field(const pqxx::field& field) { return date_from_text(optional_text(field)); }

}  // namespace plancal::calendar
