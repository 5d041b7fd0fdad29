#include "calendar/plan_file/toml_limits.hpp"

#include <string>

namespace plancal::calendar {
namespace {

// Just enough of TOML's lexical structure to tell strings and comments from the rest.
enum class Lexeme { kCode, kComment, kBasic, kLiteral, kMultiBasic, kMultiLiteral };

// Length of the run of `quote` characters at `i`, at most 5.
size_t quote_run(std::string_view text, size_t i, char quote) {
  size_t n = 0;
  while (i + n < text.size() && text[i + n] == quote && n < 5) ++n;
  return n;
}

}  // namespace

bool check_toml_limits(std::string_view text, DiagnosticSink& sink) {
  if (text.size() > kMaxPlanFileBytes) {
    sink.add({}, "",
             "file is too large (" + std::to_string(text.size()) + " bytes, at most " +
                 std::to_string(kMaxPlanFileBytes) + ")");
    return false;
  }
  Lexeme state = Lexeme::kCode;
  int line = 1;
  size_t line_start = 0;
  size_t dots = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      dots = 0;
      if (state != Lexeme::kMultiBasic && state != Lexeme::kMultiLiteral) state = Lexeme::kCode;
      continue;
    }
    if (i - line_start >= kMaxLineBytes) {
      sink.add({line, 1}, "",
               "line is too long (more than " + std::to_string(kMaxLineBytes) + " bytes)");
      return false;
    }
    const bool escape = c == '\\' && i + 1 < text.size() && text[i + 1] != '\n';
    switch (state) {
      case Lexeme::kCode:
        if (c == '#') {
          state = Lexeme::kComment;
        } else if (c == '"' || c == '\'') {
          const bool multi = quote_run(text, i, c) >= 3;
          state = c == '"' ? (multi ? Lexeme::kMultiBasic : Lexeme::kBasic)
                           : (multi ? Lexeme::kMultiLiteral : Lexeme::kLiteral);
          if (multi) i += 2;
        } else if (c == '.' && ++dots > kMaxDotsPerLine) {
          sink.add({line, static_cast<int>(i - line_start) + 1}, "",
                   "more than " + std::to_string(kMaxDotsPerLine) +
                       " '.' outside strings on one line: keys nested too deeply");
          return false;
        }
        break;
      case Lexeme::kComment:
        break;
      case Lexeme::kBasic:
        if (escape)
          ++i;
        else if (c == '"')
          state = Lexeme::kCode;
        break;
      case Lexeme::kLiteral:
        if (c == '\'') state = Lexeme::kCode;
        break;
      case Lexeme::kMultiBasic:
      case Lexeme::kMultiLiteral: {
        const char quote = state == Lexeme::kMultiBasic ? '"' : '\'';
        if (escape && state == Lexeme::kMultiBasic) {
          ++i;
        } else if (const size_t run = quote_run(text, i, quote); run >= 3) {
          state = Lexeme::kCode;  // a closing delimiter may follow up to two quotes
          i += run - 1;
        }
        break;
      }
    }
  }
  return true;
}

}  // namespace plancal::calendar
