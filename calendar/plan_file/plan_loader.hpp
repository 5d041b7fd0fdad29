// Loads a plan data file (TOML, see docs/data-format.md) into a Plan, validating it
// completely: every unit referenced exists, every schedule phrase parses (or has a pinned
// reading), every activity's phrase occurs in its item's text. Errors name file:line and
// the offending value. Loading never touches a database.
//
// Every problem in a file is reported (up to kMaxDiagnostics), sorted by position; the
// plan is returned only when there is none. Unknown keys are errors, so that a misspelt
// optional key is not silently ignored. Hostile input gives diagnostics, not crashes or
// stalls: files are at most kMaxPlanFileBytes, lines kMaxLineBytes, strings
// kMaxStringBytes, phrases kMaxPhraseBytes, an item has at most kMaxActivitiesPerItem
// activities (see toml_limits.hpp, toml_fields.hpp, plan_toml.hpp). `timezone` accepts
// the zones of China Standard Time (calendar/model/local_time.hpp) and refuses others,
// whose offsets plancal does not know. Thread-safe: no shared state.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "calendar/model/diagnostic.hpp"
#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/plan.hpp"

namespace plancal::calendar {

struct LoadResult {
  std::optional<Plan> plan;  // set only when errors is empty
  Diagnostics errors;
};

// Reads and validates one plan file; `holidays` (may be null) gives "<festival>期间" its
// statutory days.
LoadResult load_plan_file(const std::filesystem::path& path,
                          const HolidayCalendar* holidays = nullptr);
// Same, from text in memory; source_name is used in diagnostics.
LoadResult load_plan_text(std::string_view text, std::string_view source_name,
                          const HolidayCalendar* holidays = nullptr);

struct DataSetLoad {
  std::vector<Plan> plans;
  Diagnostics errors;        // empty when every file loaded
  HolidayCalendar holidays;  // the data directory's holidays/ (no year when it has none)
};

// Loads every plans/*.toml under a data directory (sorted by file name), reading phrases
// with the statutory holidays of its holidays/ folder when there is one (a holiday file
// with errors is an error of the data). Plan ids must be unique across files.
DataSetLoad load_plans_dir(const std::filesystem::path& data_dir);

}  // namespace plancal::calendar
