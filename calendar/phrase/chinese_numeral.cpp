#include "calendar/phrase/chinese_numeral.hpp"

namespace plancal::calendar {

std::optional<int> chinese_digit_value(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return std::nullopt;
  }
}

bool is_chinese_numeral_char(char32_t c) { return c == U'十' || chinese_digit_value(c); }

std::optional<int> parse_chinese_number(std::u32string_view text) {
  const auto digit = [](char32_t c) -> std::optional<int> {
    const auto v = chinese_digit_value(c);
    if (!v || *v == 0) return std::nullopt;
    return v;
  };
  if (text.size() == 1) {
    if (text[0] == U'十') return 10;
    return digit(text[0]);
  }
  if (text.size() == 2 && text[0] == U'十') {  // 十一 .. 十九
    const auto ones = digit(text[1]);
    if (!ones || text[1] == U'两') return std::nullopt;
    return 10 + *ones;
  }
  if (text.size() >= 2 && text.size() <= 3 && text[1] == U'十') {  // 二十, 二十一
    const auto tens = digit(text[0]);
    if (!tens || text[0] == U'两' || *tens == 1) return std::nullopt;
    if (text.size() == 2) return *tens * 10;
    const auto ones = digit(text[2]);
    if (!ones || text[2] == U'两') return std::nullopt;
    return *tens * 10 + *ones;
  }
  return std::nullopt;
}

std::optional<int> parse_chinese_year(std::u32string_view text) {
  if (text.size() != 4) return std::nullopt;
  int year = 0;
  for (char32_t c : text) {
    const auto v = chinese_digit_value(c);
    if (!v || c == U'两') return std::nullopt;
    year = year * 10 + *v;
  }
  if (year < 1000) return std::nullopt;
  return year;
}

}  // namespace plancal::calendar
