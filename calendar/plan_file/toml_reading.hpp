// A pinned schedule reading in a plan file — `reading = { kind = "date", start = …,
// end = …, precision = "day" }`, see docs/data-format.md — read into a Reading and
// checked: known kind and precision, start <= end, a deadline's start = end, an rrule for
// recurring readings only, items for lists only (and within the list's bounds).
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

#include "calendar/model/diagnostic_sink.hpp"
#include "calendar/model/reading.hpp"

namespace plancal::calendar {

// Returns the reading, its phrase set to `phrase`, or nullopt after reporting every
// problem to `sink`. `context` names the table in messages.
std::optional<Reading> reading_from_toml(const toml::table& table, std::string_view phrase,
                                         std::string context, DiagnosticSink& sink);

}  // namespace plancal::calendar
