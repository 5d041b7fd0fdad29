// Chinese numerals as they appear in schedule phrases: counting numbers 一..九十九
// ("十", "十二", "二十一", "两") and digit-by-digit years ("二〇二三", "二零二三").
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace plancal::calendar {

// True for 〇零一二两三四五六七八九十, the characters the functions below read.
bool is_chinese_numeral_char(char32_t c);
// Value of a single digit character (〇/零 = 0, 两 = 2), nullopt for anything else.
std::optional<int> chinese_digit_value(char32_t c);
// A counting number 1..99 written the usual way: 一, 十, 十一, 二十, 二十一, 两.
// nullopt for anything else (including "五五" and digit-by-digit forms).
std::optional<int> parse_chinese_number(std::u32string_view text);
// A four-digit year written digit by digit: 二〇二三 → 2023. nullopt otherwise.
std::optional<int> parse_chinese_year(std::u32string_view text);

}  // namespace plancal::calendar
