#include "calendar/sqlite/sqlite_columns.hpp"

#include <nlohmann/json.hpp>

#include "calendar/json/reading_json.hpp"
#include "calendar/store/store.hpp"

namespace plancal::calendar {
namespace {

bool dates_valid(const Reading& reading) {
  if (!reading.start.ok() || !reading.end.ok()) return false;
  for (const auto& alternative : reading.alternatives)
    if (!dates_valid(alternative)) return false;
  for (const auto& item : reading.items)
    if (!dates_valid(item)) return false;
  return true;
}

}  // namespace

void bind_date(SQLite::Statement& statement, int index, Date date, const char* field) {
  if (date == Date{}) {
    statement.bind(index);
  } else if (date.ok()) {
    statement.bind(index, to_iso(date));
  } else {
    throw StoreError(std::string("invalid date in ") + field + ": " + to_iso(date));
  }
}

Date date_column(const SQLite::Column& column) {
  if (column.isNull()) return Date{};
  auto date = parse_iso_date(column.getString());
  if (!date) throw StoreError("malformed date column: " + column.getString());
  return *date;
}

std::string list_column_value(const std::vector<std::string>& list) {
  if (list.empty()) return "[]";
  return nlohmann::json(list).dump();
}

std::vector<std::string> list_column(const SQLite::Column& column) {
  return nlohmann::json::parse(column.getString()).get<std::vector<std::string>>();
}

std::string reading_column_value(const Reading& reading) {
  if (!dates_valid(reading))
    throw StoreError("reading \"" + reading.phrase + "\" has an invalid date");
  return reading_to_json(reading).dump();
}

Reading reading_column(const SQLite::Column& column) {
  std::string error;
  auto reading = reading_from_json(nlohmann::json::parse(column.getString()), &error);
  if (!reading) throw StoreError("malformed reading column: " + error);
  return std::move(*reading);
}

}  // namespace plancal::calendar
