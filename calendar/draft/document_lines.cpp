#include "calendar/draft/document_lines.hpp"

#include "calendar/phrase/text_normalize.hpp"

namespace plancal::calendar {

namespace {

// "- 3 -", "—3—", "第 3 页", "3/12": a decorated page number. A bare "3" is kept: in a
// table it is a row number (the outline drops bare numbers in running text).
bool is_page_number(std::u32string_view line) {
  std::u32string rest;
  bool decorated = false;
  for (const char32_t c : line) {
    if (c == U'-' || c == U'—' || c == U'–' || c == U'－' || c == U'/')
      decorated = true;
    else if (!is_space(c))
      rest += c;
  }
  if (starts_with(rest, U"第") && ends_with(rest, U"页")) {
    rest = rest.substr(1, rest.size() - 2);
    decorated = true;
  }
  if (!decorated || rest.empty() || rest.size() > 6) return false;
  for (const char32_t c : rest)
    if (!is_digit(c)) return false;
  return true;
}

}  // namespace

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }

bool is_chinese_numeral(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十百零〇两").find(c) != std::u32string_view::npos;
}

std::u32string trim(std::u32string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  const auto blank = [](char32_t c) { return is_space(c) || c == U'\u3000' || c == U'\uFEFF'; };
  while (begin < end && blank(text[begin])) ++begin;
  while (end > begin && blank(text[end - 1])) --end;
  return std::u32string(text.substr(begin, end - begin));
}

std::u32string outside_brackets(std::u32string_view text) {
  std::u32string out;
  int depth = 0;
  for (const char32_t c : text) {
    if (c == U'（' || c == U'(') ++depth;
    if (depth == 0) out += c;
    if ((c == U'）' || c == U')') && depth > 0) --depth;
  }
  return out;
}

std::u32string without_spaces(std::u32string_view text) {
  std::u32string out;
  for (const char32_t c : text)
    if (c != U' ' && c != U'\t' && c != U'\u3000') out += c;
  return out;
}

bool is_sentence(std::u32string_view text) {
  const std::u32string plain = outside_brackets(text);
  return contains(plain, U"。") || contains(plain, U"，") || contains(plain, U"；");
}

bool starts_with(std::u32string_view text, std::u32string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::u32string_view text, std::u32string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool contains(std::u32string_view text, std::u32string_view part) {
  return text.find(part) != std::u32string_view::npos;
}

std::u32string to_u32(std::string_view utf8) { return decode_utf8(utf8); }
std::string to_utf8(std::u32string_view text) { return encode_utf8(text); }

std::vector<DocumentLine> document_lines(std::string_view utf8) {
  std::vector<DocumentLine> lines;
  const std::u32string text = decode_utf8(utf8);
  size_t number = 1;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != U'\n' && text[i] != U'\f') continue;
    std::u32string line = trim(std::u32string_view(text).substr(start, i - start));
    if (!line.empty() && !is_page_number(line)) lines.push_back({std::move(line), number});
    if (i < text.size() && text[i] == U'\n') ++number;
    start = i + 1;
  }
  return lines;
}

std::u32string join_lines(const std::vector<DocumentLine>& lines, size_t begin, size_t end) {
  std::u32string out;
  for (size_t i = begin; i < end && i < lines.size(); ++i) out += lines[i].text;
  return out;
}

}  // namespace plancal::calendar
