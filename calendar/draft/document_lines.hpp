// The lines of a plan's text as PDF extraction or an HTML page leaves them: trimmed, blank
// lines and decorated page numbers ("- 3 -", "第 3 页") dropped, each with its line number in the
// input so that a REVIEW note can say where it looked. Helpers for the character classes the
// drafter tests lines with.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace plancal::calendar {

struct DocumentLine {
  std::u32string text;  // trimmed, never empty
  size_t number = 0;    // 1-based line number in the input
};

std::vector<DocumentLine> document_lines(std::string_view utf8);

// The text of the lines run together: PDF extraction breaks lines inside words, so no
// separator is inserted.
std::u32string join_lines(const std::vector<DocumentLine>& lines, size_t begin, size_t end);

bool is_han(char32_t c);
bool is_digit(char32_t c);  // ASCII or full-width
// 一 二 三 … 十 百 零 〇 两
bool is_chinese_numeral(char32_t c);
std::u32string trim(std::u32string_view text);
// The text outside (…) and （…）: "具体内容（具体项目，时间节点）" → "具体内容".
std::u32string outside_brackets(std::u32string_view text);
std::u32string without_spaces(std::u32string_view text);  // ' ', tab and U+3000 dropped
// Whether the text outside brackets has a sentence mark (。，；): prose, not a heading or label.
bool is_sentence(std::u32string_view text);
bool starts_with(std::u32string_view text, std::u32string_view prefix);
bool ends_with(std::u32string_view text, std::u32string_view suffix);
bool contains(std::u32string_view text, std::u32string_view part);
std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);

}  // namespace plancal::calendar
