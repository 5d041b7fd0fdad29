// iCalendar (RFC 5545) content-line text: TEXT value escaping (section 3.3.11) and line
// folding (section 3.1). Folding counts octets, never splits a UTF-8 sequence, and ends
// every physical line with CRLF; a continuation line starts with one space. Pure
// functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace plancal::calendar {

// The longest physical line, in octets, excluding the CRLF.
inline constexpr size_t kIcsMaxLineOctets = 75;

// Escapes a TEXT value: backslash, semicolon and comma get a backslash; a newline (LF,
// CRLF or a lone CR) becomes "\n". Other control characters except TAB are not allowed in
// TEXT and are dropped.
std::string escape_text(std::string_view text);

// Inverse of escape_text: "\\", "\;", "\,", "\n" and "\N"; any other backslash is kept.
std::string unescape_text(std::string_view text);

// Appends one logical content line (without line end) to `out`, folded so that no physical
// line exceeds kIcsMaxLineOctets octets, each ending in CRLF.
void append_content_line(std::string& out, std::string_view line);

// Undoes folding: removes every CRLF followed by a space or a tab.
std::string unfold(std::string_view text);

}  // namespace plancal::calendar
