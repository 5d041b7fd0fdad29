#include "daemon/http/http_date.hpp"

#include <array>
#include <cstdio>

namespace plancal::daemon {
namespace {

constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<unsigned> month_number(const char* name) {
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (std::string_view(name) == kMonths[i]) return i + 1;
  }
  return std::nullopt;
}

std::optional<calendar::TimePoint> make_instant(int year, const char* month_name, int day, int hour,
                                                int minute, int second) {
  auto month = month_number(month_name);
  if (!month || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{*month},
                                   std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  using namespace std::chrono;
  return sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
}

}  // namespace

std::string format_http_date(calendar::TimePoint t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day date{day};
  const hh_mm_ss<seconds> time{t - day};
  const weekday wd{day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT", kWeekdays[wd.c_encoding()],
                unsigned(date.day()), kMonths[unsigned(date.month()) - 1], int(date.year()),
                int(time.hours().count()), int(time.minutes().count()),
                int(time.seconds().count()));
  return buf;
}

std::string_view HttpDateCache::format(calendar::TimePoint t) {
  if (formatted_ != t) {
    text_ = format_http_date(t);
    formatted_ = t;
  }
  return text_;
}

std::optional<calendar::TimePoint> parse_http_date(std::string_view text) {
  if (text.size() > 64) return std::nullopt;
  const std::string s(text);
  char weekday[16] = {}, month[4] = {};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  if (std::sscanf(s.c_str(), "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d GMT%n", weekday, &day,
                  month, &year, &hour, &minute, &second, &consumed) == 7 &&
      consumed == static_cast<int>(s.size())) {
    return make_instant(year, month, day, hour, minute, second);
  }
  if (std::sscanf(s.c_str(), "%15[A-Za-z], %2d-%3[A-Za-z]-%2d %2d:%2d:%2d GMT%n", weekday, &day,
                  month, &year, &hour, &minute, &second, &consumed) == 7 &&
      consumed == static_cast<int>(s.size())) {
    // RFC 850 two-digit years: read as the most recent year that ends in those digits
    // (sufficient for validators, which are never in the future).
    year += year >= 70 ? 1900 : 2000;
    return make_instant(year, month, day, hour, minute, second);
  }
  if (std::sscanf(s.c_str(), "%3[A-Za-z] %3[A-Za-z] %2d %2d:%2d:%2d %4d%n", weekday, month, &day,
                  &hour, &minute, &second, &year, &consumed) == 7 &&
      consumed == static_cast<int>(s.size())) {
    return make_instant(year, month, day, hour, minute, second);
  }
  return std::nullopt;
}

}  // namespace plancal::daemon
