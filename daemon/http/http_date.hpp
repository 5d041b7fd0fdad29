// HTTP-dates (RFC 9110 section 5.6.7): formatting as IMF-fixdate for Last-Modified and
// Date, parsing all three formats a recipient must accept for If-Modified-Since. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "calendar/model/clock.hpp"

namespace plancal::daemon {

// "Sun, 06 Nov 1994 08:49:37 GMT".
std::string format_http_date(calendar::TimePoint t);

// format_http_date keeping its last result: a server stamps every response with a Date
// that changes once a second, so it formats once a second.
class HttpDateCache {
 public:
  std::string_view format(calendar::TimePoint t);

 private:
  std::optional<calendar::TimePoint> formatted_;
  std::string text_;
};

// IMF-fixdate, RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT") or asctime
// ("Sun Nov  6 08:49:37 1994"); nullopt for anything else (the header is then ignored).
std::optional<calendar::TimePoint> parse_http_date(std::string_view text);

}  // namespace plancal::daemon
