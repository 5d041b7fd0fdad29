// A read position in normalized schedule text (see text_normalize.hpp), shared by the
// pieces of the schedule-phrase grammar. A reader that does not match leaves `pos`
// where it was; a reader that recognizes a schedule which cannot be right ("13月",
// "2月30日") records why in `error` and leaves `pos` past the offending text.
// Internal to the parser; not thread-safe (one cursor per parse).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace plancal::calendar {

struct Cursor {
  std::u32string_view text;
  size_t pos = 0;
  std::string error;

  bool at_end() const { return pos >= text.size(); }
  char32_t peek(size_t ahead = 0) const {
    return pos + ahead < text.size() ? text[pos + ahead] : U'\0';
  }
  bool looking_at(std::u32string_view word) const {
    return pos <= text.size() && text.substr(pos).starts_with(word);
  }
  bool eat(std::u32string_view word) {
    if (!looking_at(word)) return false;
    pos += word.size();
    return true;
  }
  // Records why the text cannot be read; the first error wins.
  void fail(std::string message) {
    if (error.empty()) error = std::move(message);
  }
  bool failed() const { return !error.empty(); }
};

// A number as written: ASCII digits or a Chinese numeral run.
struct Number {
  int value = 0;
  bool year_form = false;   // four digits: "2023", "二〇二三"
  bool small_form = false;  // a day/month-sized number: "8", "08", "十二", "二十一"
};

// Reads the number at the cursor; nullopt (cursor unchanged) if there is none or it is
// neither year- nor small-form ("12345", "五五").
std::optional<Number> read_number(Cursor& c);

// The first few code points of text at `from`, for error messages.
std::string snippet(std::u32string_view text, size_t from, size_t to);

}  // namespace plancal::calendar
