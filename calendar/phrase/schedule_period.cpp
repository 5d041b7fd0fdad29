#include "calendar/phrase/schedule_period.hpp"

#include <array>
#include <string>

#include "calendar/phrase/chinese_numeral.hpp"
#include "calendar/phrase/lunar_phrase.hpp"
#include "calendar/phrase/time_of_day.hpp"

namespace plancal::calendar {
namespace {

struct Season {
  std::u32string_view word;
  unsigned first_month;
};
constexpr std::array<Season, 4> kSeasons{{
    {U"春季", 3},
    {U"夏季", 6},
    {U"秋季", 9},
    {U"冬季", 12},
}};

Period make(Date start, Date end, Precision precision, int year) {
  Period p;
  p.start = start;
  p.end = end;
  p.precision = precision;
  p.year = year;
  return p;
}

struct RelativeYear {
  std::u32string_view word;
  int offset;
};
// Longest first where one word begins another; 年度 forms before 年.
constexpr std::array<RelativeYear, 9> kRelativeYears{{
    {U"上一年度", -1},
    {U"上一年", -1},
    {U"上年", -1},
    {U"去年", -1},
    {U"本年度", 0},
    {U"本年", 0},
    {U"今年", 0},
    {U"明年", 1},
    {U"次年", 1},
}};

bool is_separator(char32_t c) { return c == U'-' || c == U'/' || c == U'.'; }

// Reads "<year>年" if the cursor is at one, or a year named relative to the context
// year: 今年, 明年/次年, 去年/上年/上一年度 (a stated year: it names which).
std::optional<int> read_year_prefix(Cursor& c, int context_year) {
  const size_t start = c.pos;
  const auto n = read_number(c);
  if (n && n->year_form && c.eat(U"年")) {
    c.eat(U"度");
    return n->value;
  }
  c.pos = start;
  if (context_year == 0) return std::nullopt;
  for (const RelativeYear& r : kRelativeYears)
    if (c.eat(r.word)) return context_year + r.offset;
  return std::nullopt;
}

// "2024-03-05", "2024/3/5", "2024.3.5": a day written with numbers only.
std::optional<Period> read_numeric_date(Cursor& c) {
  const size_t start = c.pos;
  const auto year = read_number(c);
  if (!year || !year->year_form || c.text[c.pos - 1] > U'9' || !is_separator(c.peek())) {
    c.pos = start;
    return std::nullopt;
  }
  const char32_t separator = c.peek();
  ++c.pos;
  const auto month = read_number(c);
  if (!month || !month->small_form || c.peek() != separator || c.text[c.pos - 1] > U'9') {
    c.pos = start;
    return std::nullopt;
  }
  ++c.pos;
  // The day: one or two digits. More digits may follow only as a time of day whose space
  // normalization removed ("2024-02-20 09:38" reads as "2024-02-2009:38").
  unsigned day = 0;
  size_t digits = 0;
  for (; digits < 2 && c.peek() >= U'0' && c.peek() <= U'9'; ++digits, ++c.pos)
    day = day * 10 + unsigned(c.peek() - U'0');
  if (digits == 0) {
    c.pos = start;
    return std::nullopt;
  }
  if (c.peek() >= U'0' && c.peek() <= U'9') {
    Cursor time = c;
    if (!read_time_of_day(time)) {
      c.pos = start;
      return std::nullopt;
    }
  }
  const Date d = make_date(year->value, unsigned(month->value), day);
  if (!d.ok()) {
    c.fail("no such day: " + snippet(c.text, start, c.pos));
    return std::nullopt;
  }
  c.eat(U"日");
  Period p = day_period(d, year->value);
  p.month = unsigned(month->value);
  p.stated_year = year->value;
  return p;
}

// After a day number: "至6日", "-6日", "、9、15日" — more days of the same month follow,
// and the 日 that closes the last one belongs to this one too.
bool more_days_follow(Cursor c) {
  bool listed = false;
  if (c.eat(U"、")) {
    listed = true;
  } else if (!(c.eat(U"至") || c.eat(U"到") || c.eat(U"-") || c.eat(U"~"))) {
    return false;
  }
  while (c.eat(U"-")) {
  }
  for (int guard = 0; guard < 64; ++guard) {
    const auto n = read_number(c);
    if (!n || !n->small_form) return false;
    if (c.looking_at(U"日") || c.looking_at(U"号")) return true;
    if (!listed || !c.eat(U"、")) return false;
  }
  return false;
}

// "9月28才签订": a day number whose 日 was left out, followed by what ends a date, not by a
// counter ("9月28家企业").
bool day_without_ri(const Cursor& c) {
  if (c.at_end()) return true;
  static constexpr std::u32string_view kEnds = U",。;、)才前起";
  return kEnds.find(c.peek()) != std::u32string_view::npos;
}

// The part after the month number: 日/号, 上中下旬, 底/末, or nothing.
std::optional<Period> read_in_month(Cursor& c, int year, unsigned month) {
  const size_t start = c.pos;
  if (const auto day = read_number(c); day && day->small_form) {
    if (c.eat(U"日") || c.eat(U"号") || more_days_follow(c) || day_without_ri(c)) {
      const Date d = make_date(year, month, unsigned(day->value));
      if (!d.ok()) {
        c.fail("no such day: " + std::to_string(year) + "-" + (month < 10 ? "0" : "") +
               std::to_string(month) + "-" + (day->value < 10 ? "0" : "") +
               std::to_string(day->value));
        return std::nullopt;
      }
      Period p = day_period(d, year);
      p.month = month;
      return p;
    }
  }
  c.pos = start;
  Period p = month_period(year, month);
  const Date last = last_day_of_month(year, month);
  if (c.eat(U"上中旬")) {
    p = make(make_date(year, month, 1), make_date(year, month, 20), Precision::kXun, year);
  } else if (c.eat(U"中下旬")) {
    p = make(make_date(year, month, 11), last, Precision::kXun, year);
  } else if (c.eat(U"上旬") || (c.looking_at(U"初") && !is_chinese_numeral_char(c.peek(1)) &&
                                c.eat(U"初"))) {  // 月初: the first xun
    p = make(make_date(year, month, 1), make_date(year, month, 10), Precision::kXun, year);
  } else if (c.eat(U"中旬")) {
    p = make(make_date(year, month, 11), make_date(year, month, 20), Precision::kXun, year);
  } else if (c.eat(U"下旬")) {
    p = make(make_date(year, month, 21), last, Precision::kXun, year);
  } else if (c.eat(U"底") || c.eat(U"末")) {
    p = make(make_date(year, month, 21), last, Precision::kXun, year);
    p.ends_at_di = true;
  }
  p.month = month;
  return p;
}

// Everything after an optional year prefix that names a part of the year.
std::optional<Period> read_part_of_year(Cursor& c, int year, bool year_stated) {
  if (c.eat(U"上半年")) {
    c.eat(U"度");
    return make(make_date(year, 1, 1), make_date(year, 6, 30), Precision::kHalf, year);
  }
  if (c.eat(U"下半年")) {
    c.eat(U"度");
    return make(make_date(year, 7, 1), make_date(year, 12, 31), Precision::kHalf, year);
  }
  if (c.eat(U"全年")) return year_period(year, year_stated);
  if (c.looking_at(U"年初") && !is_chinese_numeral_char(c.peek(2)) && c.eat(U"年初"))
    return month_period(year, 1);  // the year's first month ("年初一" is 正月初一)
  if (c.eat(U"年中")) {            // June and July
    Period p = make(make_date(year, 6, 1), make_date(year, 7, 31), Precision::kMonth, year);
    return p;
  }
  if ((year_stated && (c.eat(U"底") || c.eat(U"末"))) || c.eat(U"年底") || c.eat(U"年末")) {
    Period p = month_period(year, 12);
    p.ends_at_di = true;
    return p;
  }
  for (const Season& s : kSeasons) {
    if (!c.eat(s.word)) continue;
    const Date end = s.first_month == 12 ? last_day_of_month(year + 1, 2)
                                         : last_day_of_month(year, s.first_month + 2);
    return make(make_date(year, s.first_month, 1), end, Precision::kSeason, year);
  }
  const size_t start = c.pos;
  const bool ordinal = c.eat(U"第");
  const auto n = read_number(c);
  if (n && n->small_form && c.eat(U"季度")) {
    if (n->value < 1 || n->value > 4) {
      c.fail("no such quarter: " + std::to_string(n->value));
      return std::nullopt;
    }
    const unsigned first = unsigned(n->value - 1) * 3 + 1;
    if (c.eat(U"末") || c.eat(U"底")) {  // 一季度末: the quarter's last month, ending there
      Period p = month_period(year, first + 2);
      p.ends_at_di = true;
      return p;
    }
    return make(make_date(year, first, 1), last_day_of_month(year, first + 2), Precision::kQuarter,
                year);
  }
  if (n && n->small_form && !ordinal && c.eat(U"月")) {
    if (n->value < 1 || n->value > 12) {
      c.fail("no such month: " + std::to_string(n->value));
      return std::nullopt;
    }
    return read_in_month(c, year, unsigned(n->value));
  }
  c.pos = start;
  return std::nullopt;
}

}  // namespace

Carry carry_of(const Period& p) { return Carry{p.year, p.month, p.lunar_month, p.lunar_leap}; }

Period year_period(int year, bool stated) {
  Period p = make(make_date(year, 1, 1), make_date(year, 12, 31), Precision::kYear, year);
  if (stated) p.stated_year = year;
  return p;
}

Period day_period(Date day, int year) { return make(day, day, Precision::kDay, year); }

Period month_period(int year, unsigned month) {
  Period p =
      make(make_date(year, month, 1), last_day_of_month(year, month), Precision::kMonth, year);
  p.month = month;
  return p;
}

// "“十四五”期间", "十三五时期": the years of a five-year plan (the 3rd ran 1966–1970,
// each later one the five years after).
std::optional<Period> read_five_year_plan(Cursor& c) {
  const size_t start = c.pos;
  c.eat(U"“");
  if (!c.eat(U"十")) {
    c.pos = start;
    return std::nullopt;
  }
  const auto digit = chinese_digit_value(c.peek());
  if (!digit || *digit == 0 || c.peek(1) != U'五') {
    c.pos = start;
    return std::nullopt;
  }
  c.pos += 2;
  c.eat(U"”");
  if (!c.eat(U"期间") && !c.eat(U"时期")) {
    c.pos = start;
    return std::nullopt;
  }
  const int first = 1966 + 5 * (10 + *digit - 3);
  Period p = make(make_date(first, 1, 1), make_date(first + 4, 12, 31), Precision::kYear, first);
  p.stated_year = first + 4;
  p.is_span = true;
  return p;
}

// "七八两个月", "七八月份", "七八月": two consecutive months named by their numerals.
std::optional<Period> read_month_pair(Cursor& c, int year) {
  const auto first = chinese_digit_value(c.peek());
  const auto second = chinese_digit_value(c.peek(1));
  if (year == 0 || !first || !second || *first < 1 || *second != *first + 1) return std::nullopt;
  Cursor probe = c;
  probe.pos += 2;
  if (!(probe.eat(U"两个月") || probe.eat(U"月份") || probe.eat(U"月"))) return std::nullopt;
  c.pos = probe.pos;
  Period p = month_period(year, unsigned(*first));
  p.end = last_day_of_month(year, unsigned(*second));
  p.is_span = true;
  return p;
}

std::optional<Period> read_period(Cursor& c, Carry carry) {
  const size_t start = c.pos;
  if (auto p = read_month_pair(c, carry.year)) return p;
  if (auto p = read_numeric_date(c)) return p;
  if (c.failed()) return std::nullopt;
  if (auto p = read_five_year_plan(c)) return p;
  const auto stated = read_year_prefix(c, carry.year);
  const int year = stated ? *stated : carry.year;
  if (year != 0) {
    if (auto p = read_lunar_or_festival(c, year)) {
      if (stated) p->stated_year = *stated;
      return p;
    }
    if (c.failed()) return std::nullopt;
    if (!stated) {
      if (auto p = read_lunar_day_after(c, carry)) return p;
      if (c.failed()) return std::nullopt;
    }
  }
  if (year == 0) {
    Cursor probe = c;
    if (read_part_of_year(probe, 2000, false) || probe.eat(U"年内")) {
      c.pos = probe.pos;
      c.fail("no year: '" + snippet(c.text, start, c.pos) +
             "' states none and the context gives none");
    } else {
      c.pos = start;
    }
    return std::nullopt;
  }
  std::optional<Period> p = read_part_of_year(c, year, stated.has_value());
  if (!p && c.failed()) return std::nullopt;
  if (!p && !stated && carry.month != 0) {  // a bare day: "2日" after "2月1日至"
    const size_t day_start = c.pos;
    const auto day = read_number(c);
    if (day && day->small_form &&
        (c.looking_at(U"日") || c.looking_at(U"号") || more_days_follow(c))) {
      c.pos = day_start;
      p = read_in_month(c, year, carry.month);
      if (!p || p->precision != Precision::kDay) p.reset();
    }
    if (!p) c.pos = day_start;
    if (c.failed()) return std::nullopt;
  }
  if (!p && !stated && c.looking_at(U"年内")) {
    c.eat(U"年");  // "年内": the year; the caller reads 内
    p = year_period(year, false);
  }
  if (!p && stated) {
    p = year_period(year, true);
    p->bare_year = true;
  }
  if (!p) {
    c.pos = start;
    return std::nullopt;
  }
  if (stated) p->stated_year = *stated;
  return p;
}

}  // namespace plancal::calendar
