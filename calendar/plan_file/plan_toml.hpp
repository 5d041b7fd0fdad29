// Maps a parsed plan document (toml++) to a Plan, checking it against
// docs/data-format.md: required keys and their types, ids, unknown keys, unit
// references, categories and kinds, dates, and each activity's schedule phrase (present
// in its item's text, and read by parse_schedule_phrase unless a reading is pinned).
// Every problem is reported, not just the first.
#pragma once

#include <toml++/toml.h>

#include <cstddef>
#include <optional>

#include "calendar/model/diagnostic_sink.hpp"
#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/plan.hpp"

namespace plancal::calendar {

// Years a plan may state.
inline constexpr int kMinPlanYear = 1900;
inline constexpr int kMaxPlanYear = 2199;
// Activities one item may have; bounds the phrase searches in the item's text.
inline constexpr size_t kMaxActivitiesPerItem = 50;
// Longest schedule phrase accepted.
inline constexpr size_t kMaxPhraseBytes = 256;

// True for a plausible IANA time zone name: "Asia/Shanghai", "UTC". Existence is not
// checked (there is no time zone database in the calendar layer).
bool is_timezone_name(std::string_view name);

// Returns the plan, or nullopt after reporting every problem to `sink`. When `id_position`
// is given it receives where [plan] id is written.
// `holidays` (may be null) gives "<festival>期间" its statutory days.
std::optional<Plan> plan_from_toml(const toml::table& root, DiagnosticSink& sink,
                                   SourcePosition* id_position = nullptr,
                                   const HolidayCalendar* holidays = nullptr);

}  // namespace plancal::calendar
