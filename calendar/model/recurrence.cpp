#include "calendar/model/recurrence.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

namespace plancal::calendar {
namespace {

constexpr std::array<std::string_view, 7> kDayCodes = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
// INTERVAL beyond this is no schedule a plan states.
constexpr int kMaxInterval = 1000;

std::optional<int> parse_int(std::string_view text, int min, int max) {
  int value = 0;
  const char* end = text.data() + text.size();
  const bool negative = !text.empty() && (text[0] == '-' || text[0] == '+');
  const char* begin = text.data() + (negative ? 1 : 0);
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || begin == end) return std::nullopt;
  if (text[0] == '-') value = -value;
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<WeekdayRule> parse_weekday(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  const auto code = std::find(kDayCodes.begin(), kDayCodes.end(), text.substr(text.size() - 2));
  if (code == kDayCodes.end()) return std::nullopt;
  WeekdayRule rule{0, unsigned(code - kDayCodes.begin()) + 1};
  if (text.size() > 2) {
    const auto ordinal = parse_int(text.substr(0, text.size() - 2), -5, 5);
    if (!ordinal || *ordinal == 0) return std::nullopt;
    rule.ordinal = *ordinal;
  }
  return rule;
}

std::optional<Date> parse_until(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  const std::string iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) +
                          "-" + std::string(text.substr(6, 2));
  return parse_iso_date(iso);
}

// Reads one NAME=VALUE part into `rule`; false when it is not understood.
bool read_part(std::string_view name, std::string_view value, RecurrenceRule& rule) {
  if (name == "FREQ") {
    if (value == "DAILY")
      rule.frequency = Frequency::kDaily;
    else if (value == "WEEKLY")
      rule.frequency = Frequency::kWeekly;
    else if (value == "MONTHLY")
      rule.frequency = Frequency::kMonthly;
    else
      return false;
  } else if (name == "INTERVAL") {
    const auto n = parse_int(value, 1, kMaxInterval);
    if (!n) return false;
    rule.interval = *n;
  } else if (name == "UNTIL") {
    rule.until = parse_until(value);
    if (!rule.until) return false;
  } else if (name == "WKST") {
    return value == "MO";
  } else if (name == "BYMONTH") {
    for (std::string_view part : split(value, ',')) {
      const auto month = parse_int(part, 1, 12);
      if (!month) return false;
      rule.by_month.push_back(unsigned(*month));
    }
  } else if (name == "BYMONTHDAY") {
    for (std::string_view part : split(value, ',')) {
      const auto day = parse_int(part, -31, 31);
      if (!day || *day == 0) return false;
      rule.by_month_day.push_back(*day);
    }
  } else if (name == "BYDAY") {
    for (std::string_view part : split(value, ',')) {
      const auto day = parse_weekday(part);
      if (!day) return false;
      rule.by_day.push_back(*day);
    }
  } else {
    return false;
  }
  return true;
}

bool day_matches(const WeekdayRule& rule, Date d) {
  if (iso_weekday(d) != rule.weekday) return false;
  if (rule.ordinal == 0) return true;
  const int day = int(unsigned(d.day()));
  if (rule.ordinal > 0) return (day - 1) / 7 + 1 == rule.ordinal;
  const int last = int(unsigned(last_day_of_month(int(d.year()), unsigned(d.month())).day()));
  return -((last - day) / 7 + 1) == rule.ordinal;
}

bool month_day_matches(int by_month_day, Date d) {
  const int day = int(unsigned(d.day()));
  if (by_month_day > 0) return day == by_month_day;
  const int last = int(unsigned(last_day_of_month(int(d.year()), unsigned(d.month())).day()));
  return day == last + 1 + by_month_day;
}

// Periods (days, weeks from Monday, months) from DTSTART's to d's.
int periods_between(Frequency frequency, Date dtstart, Date d) {
  switch (frequency) {
    case Frequency::kDaily:
      return days_between(dtstart, d);
    case Frequency::kWeekly:
      return days_between(add_days(dtstart, 1 - int(iso_weekday(dtstart))), d) / 7;
    case Frequency::kMonthly:
      return (int(d.year()) - int(dtstart.year())) * 12 + int(unsigned(d.month())) -
             int(unsigned(dtstart.month()));
  }
  return 0;
}

bool matches(const RecurrenceRule& rule, Date dtstart, Date d) {
  if (periods_between(rule.frequency, dtstart, d) % rule.interval != 0) return false;
  const auto& months = rule.by_month;
  if (!months.empty() &&
      std::find(months.begin(), months.end(), unsigned(d.month())) == months.end())
    return false;
  const bool any_day = std::any_of(rule.by_day.begin(), rule.by_day.end(),
                                   [&](const WeekdayRule& w) { return day_matches(w, d); });
  const bool any_month_day = std::any_of(rule.by_month_day.begin(), rule.by_month_day.end(),
                                         [&](int m) { return month_day_matches(m, d); });
  if (!rule.by_day.empty() && !any_day) return false;
  if (!rule.by_month_day.empty() && !any_month_day) return false;
  switch (rule.frequency) {
    case Frequency::kDaily:
      return true;
    case Frequency::kWeekly:
      return !rule.by_day.empty() || iso_weekday(d) == iso_weekday(dtstart);
    case Frequency::kMonthly:
      return !rule.by_day.empty() || !rule.by_month_day.empty() || d.day() == dtstart.day();
  }
  return false;
}

}  // namespace

std::optional<RecurrenceRule> parse_rrule(std::string_view text, std::string* error) {
  const auto fail = [&](std::string message) -> std::optional<RecurrenceRule> {
    if (error != nullptr) *error = std::move(message);
    return std::nullopt;
  };
  RecurrenceRule rule;
  std::set<std::string_view> seen;
  for (std::string_view part : split(text, ';')) {
    const size_t eq = part.find('=');
    const std::string_view name = part.substr(0, eq);
    if (eq == std::string_view::npos || !seen.insert(name).second ||
        !read_part(name, part.substr(eq + 1), rule))
      return fail("RRULE part not understood: '" + std::string(part) + "'");
  }
  if (!seen.count("FREQ")) return fail("RRULE without FREQ");
  if (rule.frequency == Frequency::kWeekly && !rule.by_month_day.empty())
    return fail("BYMONTHDAY cannot be used with FREQ=WEEKLY");
  if (rule.frequency != Frequency::kMonthly &&
      std::any_of(rule.by_day.begin(), rule.by_day.end(),
                  [](const WeekdayRule& w) { return w.ordinal != 0; }))
    return fail("a BYDAY ordinal (2TU, -1FR) needs FREQ=MONTHLY");
  return rule;
}

std::vector<Date> occurrences(const RecurrenceRule& rule, Date dtstart, Date from, Date to,
                              size_t limit) {
  std::vector<Date> dates;
  const Date last = rule.until ? std::min(to, *rule.until) : to;
  for (Date d = std::max(from, dtstart); d <= last && dates.size() < limit; d = add_days(d, 1))
    if (matches(rule, dtstart, d)) dates.push_back(d);
  return dates;
}

}  // namespace plancal::calendar
