// The numbering that starts a plan's measures and rows: "12." "12．" "12、" (not "1.5倍"),
// "（三）", a bare row number in a table ("3", "3 |", "3\t…"), and the "二、" of headings.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace plancal::calendar {

struct ItemMarker {
  std::u32string number;
  size_t length = 0;  // of the marker, in code points
  int value = 0;
  bool chinese = false;  // （三）, not 3.
};

// The marker a line starts with; `in_table` also accepts a bare number followed by a space,
// a tab or nothing (a row number cell).
std::optional<ItemMarker> item_marker(std::u32string_view line, bool in_table);

// "二、" headings: the length of the numeral-and-comma prefix, or npos.
size_t section_marker_length(std::u32string_view line);

}  // namespace plancal::calendar
