#include "calendar/phrase/phrase_cursor.hpp"

#include <algorithm>

#include "calendar/phrase/chinese_numeral.hpp"
#include "calendar/phrase/text_normalize.hpp"

namespace plancal::calendar {
namespace {

constexpr size_t kMaxSnippet = 24;

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

}  // namespace

std::optional<Number> read_number(Cursor& c) {
  size_t end = c.pos;
  if (is_ascii_digit(c.peek())) {
    while (end < c.text.size() && is_ascii_digit(c.text[end]) && end - c.pos <= 4) ++end;
    const size_t length = end - c.pos;
    if (length > 4 || (length == 3)) return std::nullopt;
    Number n;
    for (size_t i = c.pos; i < end; ++i) n.value = n.value * 10 + int(c.text[i] - U'0');
    n.year_form = length == 4;
    n.small_form = length <= 2;
    c.pos = end;
    return n;
  }
  while (end < c.text.size() && is_chinese_numeral_char(c.text[end]) && end - c.pos <= 4) ++end;
  const std::u32string_view run = c.text.substr(c.pos, end - c.pos);
  Number n;
  if (const auto year = parse_chinese_year(run)) {
    n.value = *year;
    n.year_form = true;
  } else if (const auto small = parse_chinese_number(run)) {
    n.value = *small;
    n.small_form = true;
  } else {
    return std::nullopt;
  }
  c.pos = end;
  return n;
}

std::string snippet(std::u32string_view text, size_t from, size_t to) {
  from = std::min(from, text.size());
  to = std::clamp(to, from, text.size());
  std::string out = encode_utf8(text.substr(from, std::min(to - from, kMaxSnippet)));
  if (to - from > kMaxSnippet) out += "…";
  return out;
}

}  // namespace plancal::calendar
