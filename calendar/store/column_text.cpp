#include "calendar/store/column_text.hpp"

#include <nlohmann/json.hpp>

#include "calendar/json/reading_json.hpp"
#include "calendar/store/store_error.hpp"

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

nlohmann::json parse_json(const std::string& text, const char* what) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw StoreError(std::string("malformed ") + what + " column: " + e.what());
  }
}

}  // namespace

std::optional<std::string> date_to_text(Date date, const char* field) {
  if (date == Date{}) return std::nullopt;
  if (!date.ok()) throw StoreError(std::string("invalid date in ") + field + ": " + to_iso(date));
  return to_iso(date);
}

Date date_from_text(const std::optional<std::string>& text) {
  if (!text) return Date{};
  auto date = parse_iso_date(*text);
  if (!date) throw StoreError("malformed date column: " + *text);
  return *date;
}

std::string list_to_text(const std::vector<std::string>& list) {
  if (list.empty()) return "[]";
  return nlohmann::json(list).dump();
}

std::vector<std::string> list_from_text(const std::string& text) {
  const nlohmann::json json = parse_json(text, "list");
  try {
    return json.get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw StoreError(std::string("malformed list column: ") + e.what());
  }
}

std::string reading_to_text(const Reading& reading) {
  if (!dates_valid(reading))
    throw StoreError("reading \"" + reading.phrase + "\" has an invalid date");
  return reading_to_json(reading).dump();
}

Reading reading_from_text(const std::string& text) {
  std::string error;
  auto reading = reading_from_json(parse_json(text, "reading"), &error);
  if (!reading) throw StoreError("malformed reading column: " + error);
  return std::move(*reading);
}

}  // namespace plancal::calendar
