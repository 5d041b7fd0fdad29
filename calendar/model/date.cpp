#include "calendar/model/date.hpp"

#include <cstdio>

namespace plancal::calendar {

using namespace std::chrono;

std::string to_iso(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

std::string to_basic_iso(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = starts[i]; k < starts[i] + lengths[i]; ++k) {
      if (text[k] < '0' || text[k] > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (text[k] - '0');
    }
  }
  Date d{year{parts[0]}, month{unsigned(parts[1])}, day{unsigned(parts[2])}};
  if (!d.ok()) return std::nullopt;
  return d;
}

Date make_date(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

Date last_day_of_month(int y, unsigned m) {
  return Date{year_month_day_last{year{y}, month_day_last{month{m}}}};
}

Date add_days(Date d, int n) { return Date{sys_days{d} + days{n}}; }

int days_between(Date a, Date b) { return int((sys_days{b} - sys_days{a}).count()); }

unsigned iso_weekday(Date d) { return weekday{sys_days{d}}.iso_encoding(); }

}  // namespace plancal::calendar
