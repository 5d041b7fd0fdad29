#include "calendar/draft/item_marker.hpp"

#include "calendar/draft/document_lines.hpp"
#include "calendar/phrase/chinese_numeral.hpp"

namespace plancal::calendar {

std::optional<ItemMarker> item_marker(std::u32string_view line, bool in_table) {
  size_t digits = 0;
  while (digits < line.size() && digits < 3 && line[digits] >= U'0' && line[digits] <= U'9')
    ++digits;
  if (digits > 0 && (digits == line.size() || !(line[digits] >= U'0' && line[digits] <= U'9'))) {
    ItemMarker marker{std::u32string(line.substr(0, digits)), digits, 0, false};
    for (size_t i = 0; i < digits; ++i) marker.value = marker.value * 10 + int(line[i] - U'0');
    if (digits == line.size()) {
      if (!in_table) return std::nullopt;
      return marker;
    }
    const char32_t next = line[digits];
    if (in_table && (next == U'\t' || next == U' ')) {
      marker.length = digits + 1;
      return marker;
    }
    if (next != U'.' && next != U'．' && next != U'、') return std::nullopt;
    size_t run = digits + 1;
    while (run < line.size() && line[run] >= U'0' && line[run] <= U'9') ++run;
    // "7.2023 年…" numbers row 7; "1.5 倍" is a decimal.
    if (run != digits + 1 && run - digits - 1 != 4) return std::nullopt;
    marker.length = digits + 1;
    return marker;
  }
  if (!line.empty() && (line[0] == U'（' || line[0] == U'(')) {
    size_t end = 1;
    while (end < line.size() && is_chinese_numeral(line[end])) ++end;
    if (end > 1 && end < line.size() && (line[end] == U'）' || line[end] == U')')) {
      ItemMarker marker{std::u32string(line.substr(1, end - 1)), end + 1, 0, true};
      if (auto value = parse_chinese_number(line.substr(1, end - 1))) marker.value = int(*value);
      return marker;
    }
  }
  return std::nullopt;
}

size_t section_marker_length(std::u32string_view line) {
  size_t end = 0;
  while (end < line.size() && end < 4 && is_chinese_numeral(line[end])) ++end;
  if (end == 0 || end >= line.size() || line[end] != U'、') return std::u32string_view::npos;
  return end + 1;
}

}  // namespace plancal::calendar
