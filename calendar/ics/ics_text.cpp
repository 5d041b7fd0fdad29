#include "calendar/ics/ics_text.hpp"

namespace plancal::calendar {
namespace {

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool is_disallowed_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\t') || u == 0x7F;
}

// The length of the longest prefix of `rest` of at most `limit` octets that does not end
// inside a UTF-8 sequence. Falls back to `limit` for malformed input (a run of
// continuation bytes longer than any sequence), so folding always makes progress.
size_t fold_length(std::string_view rest, size_t limit) {
  if (rest.size() <= limit) return rest.size();
  size_t cut = limit;
  while (cut > 0 && is_utf8_continuation(rest[cut])) --cut;
  return cut == 0 ? limit : cut;
}

}  // namespace

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
      case ';':
      case ',':
        out += '\\';
        out += c;
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (!is_disallowed_control(c)) out += c;
    }
  }
  return out;
}

std::string unescape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    const char next = text[i + 1];
    if (next == 'n' || next == 'N') {
      out += '\n';
      ++i;
    } else if (next == '\\' || next == ';' || next == ',') {
      out += next;
      ++i;
    } else {
      out += '\\';
    }
  }
  return out;
}

void append_content_line(std::string& out, std::string_view line) {
  size_t n = fold_length(line, kIcsMaxLineOctets);
  out.append(line.substr(0, n)).append("\r\n");
  line.remove_prefix(n);
  while (!line.empty()) {
    n = fold_length(line, kIcsMaxLineOctets - 1);
    out.append(" ").append(line.substr(0, n)).append("\r\n");
    line.remove_prefix(n);
  }
}

std::string unfold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 2 < text.size() && text[i + 1] == '\n' &&
        (text[i + 2] == ' ' || text[i + 2] == '\t')) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace plancal::calendar
