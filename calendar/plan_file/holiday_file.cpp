#include "calendar/plan_file/holiday_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <system_error>

#include "calendar/model/diagnostic_sink.hpp"
#include "calendar/plan_file/toml_fields.hpp"
#include "calendar/plan_file/toml_limits.hpp"

namespace plancal::calendar {
namespace {

// A holiday file is a few dozen lines; anything much larger is not one.
constexpr std::uintmax_t kMaxHolidayFileBytes = 1024 * 1024;

bool is_weekend(Date d) { return iso_weekday(d) >= 6; }

void read_holidays(TableReader& root, int year, HolidayYear& out) {
  const toml::array* ranges = root.tables("holidays", Presence::kOptional);
  if (ranges == nullptr) return;
  for (const toml::node& node : *ranges) {
    TableReader range(*node.as_table(), "[[holidays]]", root.sink());
    const auto name = range.string("name", Presence::kRequired);
    const auto from = range.date("from", Presence::kRequired);
    const auto to = range.date("to", Presence::kRequired);
    range.report_unknown_keys();
    if (!from || !to) continue;
    if (*to < *from) {
      range.sink().add(range.where("to"), to_iso(*to),
                       "holiday range ends before it starts (" + to_iso(*from) + ")");
      continue;
    }
    if (int(to->year()) < year || int(from->year()) > year) {
      range.sink().add(range.where("from"), to_iso(*from),
                       "holiday range does not touch the file's year " + std::to_string(year));
      continue;
    }
    for (Date d = *from; d <= *to; d = add_days(d, 1)) out.days_off.push_back(d);
    out.holidays.push_back({name.value_or(""), *from, *to});
  }
}

void read_workdays(TableReader& root, int year, HolidayYear& out) {
  const toml::array* workdays = root.tables("workdays", Presence::kOptional);
  if (workdays == nullptr) return;
  for (const toml::node& node : *workdays) {
    TableReader workday(*node.as_table(), "[[workdays]]", root.sink());
    const auto date = workday.date("date", Presence::kRequired);
    workday.string("reason", Presence::kOptional);
    workday.report_unknown_keys();
    if (!date) continue;
    const auto fail = [&](std::string message) {
      workday.sink().add(workday.where("date"), to_iso(*date), std::move(message));
    };
    if (int(date->year()) != year) {
      fail("workday outside the file's year " + std::to_string(year));
    } else if (!is_weekend(*date)) {
      fail("a workday (调休上班) must be a Saturday or Sunday; weekdays are working days anyway");
    } else if (std::find(out.days_off.begin(), out.days_off.end(), *date) != out.days_off.end()) {
      fail("workday lies in a holiday range");
    } else {
      out.workdays.push_back(*date);
    }
  }
}

std::optional<HolidayYear> holiday_year_from_toml(const toml::table& table, DiagnosticSink& sink) {
  TableReader root(table, "the holiday file", sink);
  const auto year = root.integer("year", Presence::kRequired);
  root.string("source", Presence::kOptional);
  if (year && (*year < 1949 || *year > 9999)) {
    sink.add(root.where("year"), std::to_string(*year), "not a plausible year");
    return std::nullopt;
  }
  HolidayYear out;
  out.year = year ? int(*year) : 0;
  if (year) {
    read_holidays(root, out.year, out);
    read_workdays(root, out.year, out);
  }
  root.report_unknown_keys();
  if (!sink.empty()) return std::nullopt;
  return out;
}

}  // namespace

HolidayFileLoad load_holiday_file(const std::filesystem::path& path) {
  DiagnosticSink sink(path.string());
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > kMaxHolidayFileBytes) {
    sink.add({}, "", ec ? "cannot read: " + ec.message() : "too large for a holiday file");
    return {std::nullopt, 0, sink.take()};
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    sink.add({}, "", "cannot read the file");
    return {std::nullopt, 0, sink.take()};
  }
  if (!check_toml_limits(text.str(), sink)) return {std::nullopt, 0, sink.take()};
  try {
    const toml::table table = toml::parse(text.str(), path.string());
    auto year = holiday_year_from_toml(table, sink);
    const toml::node* year_node = table.get("year");
    const int year_line = year_node ? int(year_node->source().begin.line) : 0;
    return {std::move(year), year_line, sink.take()};
  } catch (const toml::parse_error& error) {
    sink.add(position_of(error.source()), "", "invalid TOML: " + std::string(error.description()));
    return {std::nullopt, 0, sink.take()};
  }
}

HolidayLoad load_holiday_folder(const std::filesystem::path& dir) {
  HolidayLoad out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".toml") files.push_back(it->path());
  if (ec) {
    out.errors.push_back({dir.string(), 0, 0, "", "cannot list holiday files: " + ec.message()});
    return out;
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    HolidayFileLoad load = load_holiday_file(file);
    out.errors.insert(out.errors.end(), load.errors.begin(), load.errors.end());
    if (load.year && !out.calendar.add_year(*load.year))
      out.errors.push_back({file.string(), load.year_line, 0, std::to_string(load.year->year),
                            "a holiday file for this year was already loaded"});
  }
  return out;
}

}  // namespace plancal::calendar
