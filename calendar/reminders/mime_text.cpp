#include "calendar/reminders/mime_text.hpp"

#include <array>
#include <chrono>
#include <cstdio>

namespace plancal::calendar {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr size_t kBodyLine = 76;    // RFC 2045 6.8: encoded lines of at most 76 characters
constexpr size_t kWordLimit = 75;   // RFC 2047 2: an encoded-word is at most 75 characters
constexpr size_t kHeaderLine = 76;  // RFC 2047 2: lines with encoded-words
constexpr std::string_view kWordOpen = "=?UTF-8?B?";
constexpr std::string_view kWordClose = "?=";

std::string base64(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  for (size_t i = 0; i < data.size(); i += 3) {
    const size_t n = std::min<size_t>(3, data.size() - i);
    unsigned v = 0;
    for (size_t k = 0; k < 3; ++k)
      v = (v << 8) | (k < n ? static_cast<unsigned char>(data[i + k]) : 0u);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += n > 1 ? kAlphabet[(v >> 6) & 63] : '=';
    out += n > 2 ? kAlphabet[v & 63] : '=';
  }
  return out;
}

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte, so that
// invalid input still makes progress and is carried through unchanged).
size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

bool is_printable_ascii(std::string_view text) {
  for (char c : text)
    if (c < 0x20 || c > 0x7E) return false;
  return true;
}

}  // namespace

std::string base64_body(std::string_view data) {
  const std::string flat = base64(data);
  std::string out;
  out.reserve(flat.size() + flat.size() / kBodyLine * 2 + 2);
  for (size_t i = 0; i < flat.size(); i += kBodyLine) {
    out.append(flat, i, kBodyLine);
    out += "\r\n";
  }
  return out;
}

std::string encode_header_text(std::string_view text, size_t used) {
  if (is_printable_ascii(text) && text.find("=?") == std::string_view::npos &&
      used + text.size() <= kHeaderLine)
    return std::string(text);
  const size_t overhead = kWordOpen.size() + kWordClose.size();
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    // A continuation line starts with one space. Raw bytes that fit: 3 per 4 base64
    // characters, within both limits; at least one character when the line is too full.
    const size_t line_used = out.empty() ? used : 1;
    const size_t line_room = kHeaderLine > line_used ? kHeaderLine - line_used : 0;
    const size_t room = std::min(kWordLimit, line_room);
    const size_t max_bytes = room > overhead ? (room - overhead) / 4 * 3 : 0;
    size_t end = std::min(text.size(), pos + utf8_length(text[pos]));
    while (end < text.size()) {
      const size_t next = std::min(text.size(), end + utf8_length(text[end]));
      if (next - pos > max_bytes) break;
      end = next;
    }
    if (!out.empty()) out += "\r\n ";
    out += kWordOpen;
    out += base64(text.substr(pos, end - pos));
    out += kWordClose;
    pos = end;
  }
  return out;
}

bool is_plain_mail_address(std::string_view address) {
  const size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string_view::npos)
    return false;
  for (char c : address)
    if (c <= 0x20 || c > 0x7E ||
        std::string_view("\"<>(),;:\\[]").find(c) != std::string_view::npos)
      return false;
  return true;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string rfc5322_date(TimePoint t, int offset_minutes) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto local = t + minutes(offset_minutes);
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  const int abs_offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d %c%02d%02d",
                kDays[weekday{day}.c_encoding()], unsigned(ymd.day()),
                kMonths[unsigned(ymd.month()) - 1], int(ymd.year()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()),
                offset_minutes < 0 ? '-' : '+', abs_offset / 60, abs_offset % 60);
  return buf;
}

std::string mime_part(std::string_view boundary, std::string_view content_type,
                      std::string_view extra_headers, std::string_view content) {
  return "--" + std::string(boundary) + "\r\nContent-Type: " + std::string(content_type) + "\r\n" +
         std::string(extra_headers) + "Content-Transfer-Encoding: base64\r\n\r\n" +
         base64_body(content);
}

}  // namespace plancal::calendar
