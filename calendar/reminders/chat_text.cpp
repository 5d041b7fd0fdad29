#include "calendar/reminders/chat_text.hpp"

namespace plancal::calendar {

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\\' || c == '*' || c == '_' || c == '[' || c == ']' || c == '`') out += '\\';
    out += c;
  }
  return out;
}

std::string markdown_link(std::string_view url) {
  const std::string shown = markdown_escape(url);
  return "[" + shown + "](" + std::string(url) + ")";
}

}  // namespace plancal::calendar
