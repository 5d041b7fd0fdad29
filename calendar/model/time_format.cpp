#include "calendar/model/time_format.hpp"

#include <cstdio>

#include "calendar/model/date.hpp"

namespace plancal::calendar {
namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::optional<int> parse_offset(std::string_view s, int default_offset) {
  if (s.empty()) return default_offset;
  if (s == "Z") return 0;
  if (s[0] != '+' && s[0] != '-') return std::nullopt;
  int h = 0, m = 0;
  if (s.size() == 6 && s[3] == ':') {
    if (!digits(s, 1, 2, h) || !digits(s, 4, 2, m)) return std::nullopt;
  } else if (s.size() == 5) {
    if (!digits(s, 1, 2, h) || !digits(s, 3, 2, m)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (h > 23 || m > 59) return std::nullopt;
  return (s[0] == '-' ? -1 : 1) * (h * 60 + m);
}

}  // namespace

std::optional<TimePoint> parse_iso_instant(std::string_view text, int default_offset) {
  auto date = parse_iso_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  int h = 0, m = 0, s = 0;
  std::string_view rest = text.substr(10);
  if (!rest.empty() && (rest[0] == 'T' || rest[0] == ' ')) {
    if (!digits(rest, 1, 2, h) || rest.size() < 6 || rest[3] != ':' || !digits(rest, 4, 2, m))
      return std::nullopt;
    rest = rest.substr(6);
    if (!rest.empty() && rest[0] == ':') {
      if (!digits(rest, 1, 2, s)) return std::nullopt;
      rest = rest.substr(3);
    }
    if (h > 23 || m > 59 || s > 60) return std::nullopt;
  }
  auto offset = parse_offset(rest, default_offset);
  if (!offset) return std::nullopt;
  using namespace std::chrono;
  return sys_days{*date} + hours{h} + minutes{m} + seconds{s} - minutes{*offset};
}

std::string format_iso_instant(TimePoint t, int offset_minutes) {
  using namespace std::chrono;
  auto local = t + minutes{offset_minutes};
  auto day = floor<days>(local);
  Date d{day};
  hh_mm_ss<seconds> tod{local - day};
  char buf[40];
  if (offset_minutes == 0) {
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", to_iso(d).c_str(),
                  int(tod.hours().count()), int(tod.minutes().count()), int(tod.seconds().count()));
  } else {
    int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", to_iso(d).c_str(),
                  int(tod.hours().count()), int(tod.minutes().count()), int(tod.seconds().count()),
                  offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  }
  return buf;
}

}  // namespace plancal::calendar
