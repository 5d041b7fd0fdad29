// Limits checked on a plan file's text before toml++ parses it, so that hostile or broken
// input yields a diagnostic instead of a crash or a stall: the file size, the line length,
// and the number of '.' outside strings and comments on a line. toml++ nests a table per
// dotted-key part and recurses over them, so `[a.a.a…]` with 100 000 parts overflows the
// stack; a plan file needs at most two dots a line (`[[items.activities]]`) and no floats.
#pragma once

#include <cstddef>
#include <string_view>

#include "calendar/model/diagnostic_sink.hpp"

namespace plancal::calendar {

inline constexpr size_t kMaxPlanFileBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxLineBytes = 64 * 1024;
inline constexpr size_t kMaxDotsPerLine = 32;

// Returns true when `text` is within the limits; otherwise reports the first excess to
// `sink` and returns false.
bool check_toml_limits(std::string_view text, DiagnosticSink& sink);

}  // namespace plancal::calendar
