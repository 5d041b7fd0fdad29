#include "calendar/ics/ics_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace plancal::calendar;

namespace {

// Splits folded output into physical lines; fails the test on a line end other than CRLF.
std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t crlf = text.find("\r\n", start);
    REQUIRE(crlf != std::string::npos);
    lines.push_back(text.substr(start, crlf - start));
    start = crlf + 2;
  }
  for (const auto& line : lines) {
    CHECK(line.find('\r') == std::string::npos);
    CHECK(line.find('\n') == std::string::npos);
  }
  return lines;
}

bool is_valid_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const size_t n = lead < 0x80           ? 1
                     : (lead >> 5) == 0x6  ? 2
                     : (lead >> 4) == 0xE  ? 3
                     : (lead >> 3) == 0x1E ? 4
                                           : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// One character of each UTF-8 length: "a", "é", "中", "😀".
const std::vector<std::string> kCharacters{"a", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80"};

}  // namespace

TEST_CASE("folding at the 74/75/76-octet boundaries never splits a character") {
  for (const std::string& ch : kCharacters) {
    // An ASCII prefix of every length that puts the character's bytes across the first
    // and second fold points (75 octets, then 74 after the leading space).
    for (size_t prefix = 60; prefix <= 160; ++prefix) {
      for (size_t repeat = 1; repeat <= 3; ++repeat) {
        std::string line(prefix, 'x');
        for (size_t k = 0; k < repeat; ++k) line += ch;
        std::string out;
        append_content_line(out, line);
        CAPTURE(ch.size());
        CAPTURE(prefix);
        const auto lines = physical_lines(out);
        for (size_t i = 0; i < lines.size(); ++i) {
          CHECK(lines[i].size() <= kIcsMaxLineOctets);
          if (i > 0) REQUIRE(lines[i].front() == ' ');
          CHECK(is_valid_utf8(i == 0 ? lines[i] : lines[i].substr(1)));
          CHECK(lines[i].size() > (i == 0 ? 0u : 1u));
        }
        CHECK(unfold(out) == line + "\r\n");
      }
    }
  }
}

TEST_CASE("lines of exactly 74, 75 and 76 octets") {
  for (const std::string& ch : kCharacters) {
    for (size_t total : {74u, 75u, 76u}) {
      const std::string line = std::string(total - ch.size(), 'y') + ch;
      REQUIRE(line.size() == total);
      std::string out;
      append_content_line(out, line);
      const auto lines = physical_lines(out);
      CAPTURE(ch.size());
      CAPTURE(total);
      CHECK(lines.size() == (total <= 75 ? 1u : 2u));
      if (total == 76) {
        // The whole character moves to the continuation line unless it is one octet.
        CHECK(lines[0].size() == (ch.size() == 1 ? 75u : 76u - ch.size()));
        CHECK(lines[1] == " " + line.substr(lines[0].size()));
      }
      CHECK(unfold(out) == line + "\r\n");
    }
  }
}

TEST_CASE("long runs of wide characters fold at every continuation line") {
  for (const std::string& ch : kCharacters) {
    std::string line;
    for (int i = 0; i < 300; ++i) line += ch;
    std::string out;
    append_content_line(out, line);
    const auto lines = physical_lines(out);
    for (size_t i = 0; i < lines.size(); ++i) {
      CHECK(lines[i].size() <= kIcsMaxLineOctets);
      // Every line but the last is as full as whole characters allow.
      if (i + 1 < lines.size()) CHECK(lines[i].size() + ch.size() > kIcsMaxLineOctets);
    }
    CHECK(unfold(out) == line + "\r\n");
  }
}

TEST_CASE("an empty line and malformed UTF-8 still fold and make progress") {
  std::string out;
  append_content_line(out, "");
  CHECK(out == "\r\n");
  out.clear();
  const std::string continuation_bytes(200, '\x80');
  append_content_line(out, continuation_bytes);
  for (const auto& l : physical_lines(out)) CHECK(l.size() <= kIcsMaxLineOctets);
  CHECK(unfold(out) == continuation_bytes + "\r\n");
}

TEST_CASE("TEXT escaping of backslash, semicolon, comma and newlines") {
  CHECK(escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne");
  CHECK(escape_text("CRLF\r\nCR\rLF\n") == "CRLF\\nCR\\nLF\\n");
  CHECK(escape_text("tab\tstays, bell\a goes") == "tab\tstays\\, bell goes");
  CHECK(escape_text("冒号:不转义") == "冒号:不转义");
  CHECK(unescape_text("a\\\\b\\;c\\,d\\ne\\Nf") == "a\\b;c,d\ne\nf");
  CHECK(unescape_text("trailing\\") == "trailing\\");
  CHECK(unescape_text("\\x") == "\\x");
}

TEST_CASE("escape, fold, unfold, unescape round-trips") {
  const std::vector<std::string> pieces{"a", ";", ",", "\\", "\n", "中", "é", "😀", " ", ":"};
  for (size_t length = 1; length <= 200; ++length) {
    std::string text;
    for (size_t i = 0; i < length; ++i) text += pieces[(i * 7 + length) % pieces.size()];
    std::string out;
    append_content_line(out, "SUMMARY:" + escape_text(text));
    for (const auto& l : physical_lines(out)) CHECK(l.size() <= kIcsMaxLineOctets);
    std::string unfolded = unfold(out);
    REQUIRE(unfolded.size() >= 10);
    unfolded.resize(unfolded.size() - 2);  // the CRLF
    CHECK(unescape_text(unfolded.substr(8)) == text);
  }
}
