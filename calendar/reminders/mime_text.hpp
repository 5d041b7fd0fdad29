// Text encodings for Internet mail (RFC 2045, 2047, 5322): base64 bodies, encoded-word
// headers for Chinese text, header-safe address checks, HTML escaping and the Date header.
// Pure functions, thread-safe. Used by the reminder message composer.
#pragma once

#include <string>
#include <string_view>

#include "calendar/model/clock.hpp"

namespace plancal::calendar {

// Base64 (RFC 4648) of `data`, broken into lines of at most 76 characters, each ended by
// CRLF, as a Content-Transfer-Encoding: base64 body. "" for empty data.
std::string base64_body(std::string_view data);

// One MIME body part: "--boundary", its Content-Type, `extra_headers` (whole lines, CRLF)
// and `content` as base64.
std::string mime_part(std::string_view boundary, std::string_view content_type,
                      std::string_view extra_headers, std::string_view content);

// `text` (UTF-8) as a header value: unchanged when it is printable ASCII, otherwise a
// sequence of "=?UTF-8?B?…?=" encoded-words of at most 75 characters, never splitting a
// UTF-8 character, separated by CRLF + space (folding). `used` is how many characters of
// the first line the header name already takes ("Subject: " = 9), so that every line stays
// within 76 characters.
std::string encode_header_text(std::string_view text, size_t used);

// True when `address` can stand in a header and an SMTP command as it is: a local part,
// one "@" and a domain, printable ASCII without spaces, quotes, angle brackets, commas or
// semicolons. Rejects anything that could inject a header or a second recipient.
bool is_plain_mail_address(std::string_view address);

// `text` with &, <, >, " and ' replaced by character references.
std::string html_escape(std::string_view text);

// RFC 5322 date-time of `t` at a fixed offset in minutes: "Tue, 04 Jul 2023 09:00:00 +0800".
std::string rfc5322_date(TimePoint t, int offset_minutes);

}  // namespace plancal::calendar
