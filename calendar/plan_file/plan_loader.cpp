#include "calendar/plan_file/plan_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <system_error>

#include <toml++/toml.h>

#include "calendar/model/diagnostic_sink.hpp"
#include "calendar/plan_file/holiday_file.hpp"
#include "calendar/plan_file/plan_toml.hpp"
#include "calendar/plan_file/toml_limits.hpp"

namespace plancal::calendar {
namespace {

LoadResult load_text(std::string_view text, const std::string& source_name,
                     SourcePosition* id_position, const HolidayCalendar* holidays) {
  DiagnosticSink sink(source_name);
  if (!check_toml_limits(text, sink)) return {std::nullopt, sink.take()};
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(source_name));
  } catch (const toml::parse_error& error) {
    const SourcePosition at{static_cast<int>(error.source().begin.line),
                            static_cast<int>(error.source().begin.column)};
    sink.add(at, "", "invalid TOML: " + std::string(error.description()));
    return {std::nullopt, sink.take()};
  }
  std::optional<Plan> plan = plan_from_toml(root, sink, id_position, holidays);
  return {std::move(plan), sink.take()};
}

// Reads a whole file of at most kMaxPlanFileBytes; nullopt after reporting to `errors`.
std::optional<std::string> read_file(const std::filesystem::path& path, Diagnostics& errors) {
  const auto fail = [&](std::string message) {
    errors.push_back({path.string(), 0, 0, "", std::move(message)});
    return std::nullopt;
  };
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return fail("not a readable regular file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail("cannot read: " + ec.message());
  if (size > kMaxPlanFileBytes)
    return fail("file is too large (" + std::to_string(size) + " bytes, at most " +
                std::to_string(kMaxPlanFileBytes) + ")");
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(std::string("cannot open: ") + std::strerror(errno));
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) return fail("read error");
  return text;
}

LoadResult load_file(const std::filesystem::path& path, SourcePosition* id_position,
                     const HolidayCalendar* holidays) {
  LoadResult result;
  if (std::optional<std::string> text = read_file(path, result.errors))
    result = load_text(*text, path.string(), id_position, holidays);
  return result;
}

}  // namespace

LoadResult load_plan_file(const std::filesystem::path& path, const HolidayCalendar* holidays) {
  return load_file(path, nullptr, holidays);
}

LoadResult load_plan_text(std::string_view text, std::string_view source_name,
                          const HolidayCalendar* holidays) {
  return load_text(text, std::string(source_name), nullptr, holidays);
}

DataSetLoad load_plans_dir(const std::filesystem::path& data_dir) {
  DataSetLoad result;
  const std::filesystem::path plans_dir = data_dir / "plans";
  std::error_code ec;
  if (!std::filesystem::is_directory(plans_dir, ec)) {
    result.errors.push_back({plans_dir.string(), 0, 0, "", "no such directory"});
    return result;
  }
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(plans_dir, ec), end; !ec && it != end;
       it.increment(ec))
    if (it->path().extension() == ".toml") files.push_back(it->path());
  if (ec) {
    result.errors.push_back({plans_dir.string(), 0, 0, "", "cannot list: " + ec.message()});
    return result;
  }
  std::sort(files.begin(), files.end());
  // The data directory's holiday files, for "<festival>期间"; their errors are the data's.
  HolidayLoad holidays;
  const bool have_holidays = std::filesystem::is_directory(data_dir / "holidays", ec);
  if (have_holidays) {
    holidays = load_holiday_folder(data_dir / "holidays");
    result.errors.insert(result.errors.end(), holidays.errors.begin(), holidays.errors.end());
    result.holidays = holidays.calendar;
  }

  struct FirstUse {
    std::string file;
    SourcePosition where;
  };
  std::map<std::string, FirstUse, std::less<>> plan_ids;
  for (const std::filesystem::path& file : files) {
    SourcePosition id_position;
    LoadResult loaded = load_file(file, &id_position, have_holidays ? &holidays.calendar : nullptr);
    result.errors.insert(result.errors.end(), loaded.errors.begin(), loaded.errors.end());
    if (!loaded.plan) continue;
    const auto [first, inserted] =
        plan_ids.try_emplace(loaded.plan->id, FirstUse{file.string(), id_position});
    if (!inserted) {
      result.errors.push_back({file.string(), id_position.line, id_position.column, loaded.plan->id,
                               "duplicate plan id: also used by " + first->second.file + ":" +
                                   std::to_string(first->second.where.line)});
      continue;
    }
    result.plans.push_back(std::move(*loaded.plan));
  }
  return result;
}

}  // namespace plancal::calendar
