#include "calendar/json/reading_json.hpp"

namespace plancal::calendar {

nlohmann::json reading_to_json(const Reading& r) {
  nlohmann::json j;
  j["phrase"] = r.phrase;
  j["start"] = to_iso(r.start);
  j["end"] = to_iso(r.end);
  j["kind"] = std::string(to_string(r.kind));
  j["precision"] = std::string(to_string(r.precision));
  if (r.kind == ReadingKind::kRecurring) j["rrule"] = r.rrule;
  j["approximate"] = r.approximate;
  j["ambiguous"] = r.ambiguous;
  j["alternatives"] = nlohmann::json::array();
  for (const auto& alt : r.alternatives) j["alternatives"].push_back(reading_to_json(alt));
  if (r.kind == ReadingKind::kList) {
    j["items"] = nlohmann::json::array();
    for (const auto& item : r.items) j["items"].push_back(reading_to_json(item));
  }
  j["open_end"] = r.open_end;
  if (!r.rule.empty()) j["rule"] = r.rule;
  if (r.start_minute >= 0) j["start_minute"] = r.start_minute;
  if (r.end_minute >= 0) j["end_minute"] = r.end_minute;
  return j;
}

namespace {

bool fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

bool read_date(const nlohmann::json& j, const char* key, Date& out, std::string* error) {
  if (!j.contains(key) || !j[key].is_string()) return fail(error, std::string("missing ") + key);
  auto d = parse_iso_date(j[key].get<std::string>());
  if (!d) return fail(error, std::string("bad date in ") + key);
  out = *d;
  return true;
}

bool read_bool(const nlohmann::json& j, const char* key, bool& out) {
  if (j.contains(key) && j[key].is_boolean()) out = j[key].get<bool>();
  return true;
}

bool read_readings(const nlohmann::json& j, const char* key, std::vector<Reading>& out,
                   std::string* error) {
  if (!j.contains(key)) return true;
  if (!j[key].is_array()) return fail(error, std::string(key) + " is not an array");
  for (const auto& element : j[key]) {
    auto r = reading_from_json(element, error);
    if (!r) return false;
    out.push_back(std::move(*r));
  }
  return true;
}

}  // namespace

std::optional<Reading> reading_from_json(const nlohmann::json& j, std::string* error) {
  if (!j.is_object()) {
    fail(error, "reading is not an object");
    return std::nullopt;
  }
  Reading r;
  if (j.contains("phrase") && j["phrase"].is_string()) r.phrase = j["phrase"].get<std::string>();
  if (!j.contains("kind") || !j["kind"].is_string() ||
      !parse_reading_kind(j["kind"].get<std::string>(), r.kind)) {
    fail(error, "bad kind");
    return std::nullopt;
  }
  if (!j.contains("precision") || !j["precision"].is_string() ||
      !parse_precision(j["precision"].get<std::string>(), r.precision)) {
    fail(error, "bad precision");
    return std::nullopt;
  }
  if (!read_date(j, "start", r.start, error) || !read_date(j, "end", r.end, error))
    return std::nullopt;
  if (j.contains("rrule") && j["rrule"].is_string()) r.rrule = j["rrule"].get<std::string>();
  if (j.contains("rule") && j["rule"].is_string()) r.rule = j["rule"].get<std::string>();
  for (const auto& [key, field] :
       {std::pair{"start_minute", &r.start_minute}, std::pair{"end_minute", &r.end_minute}}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_number_integer() || j[key].get<int>() < 0 || j[key].get<int>() > 24 * 60) {
      fail(error, std::string("bad ") + key);
      return std::nullopt;
    }
    *field = j[key].get<int>();
  }
  read_bool(j, "approximate", r.approximate);
  read_bool(j, "ambiguous", r.ambiguous);
  read_bool(j, "open_end", r.open_end);
  if (!read_readings(j, "alternatives", r.alternatives, error) ||
      !read_readings(j, "items", r.items, error))
    return std::nullopt;
  return r;
}

}  // namespace plancal::calendar
