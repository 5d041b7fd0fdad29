#include "calendar/phrase/recurrence_phrase.hpp"

#include "calendar/phrase/chinese_numeral.hpp"

#include <array>
#include <optional>
#include <vector>

namespace plancal::calendar {
namespace {

constexpr std::array<std::string_view, 7> kDayCodes{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

// ISO weekday (1..7) of the character after 周/星期, 0 if it is not one.
int weekday_of(char32_t c) {
  if (c == U'日' || c == U'天') return 7;
  if (c == U'两') return 0;  // a numeral, but never a weekday
  const std::optional<int> digit = chinese_digit_value(c);
  return digit && *digit >= 1 && *digit <= 6 ? *digit : 0;
}

bool eat_week_word(Cursor& c) { return c.eat(U"周") || c.eat(U"星期") || c.eat(U"礼拜"); }

// "六、周日", "一至周五", "三": weekdays after 每周, in the order written.
std::vector<int> read_weekdays(Cursor& c) {
  std::vector<int> days;
  const auto add = [&days](int d) {
    for (int seen : days)
      if (seen == d) return;
    days.push_back(d);
  };
  int first = weekday_of(c.peek());
  if (first == 0) return days;
  ++c.pos;
  add(first);
  while (true) {
    const size_t save = c.pos;
    const bool range = c.eat(U"至") || c.eat(U"到") || c.eat(U"-");
    if (!range && !(c.eat(U"、") || c.eat(U"和") || c.eat(U"及"))) break;
    eat_week_word(c);
    const int next = weekday_of(c.peek());
    if (next == 0) {
      c.pos = save;
      break;
    }
    ++c.pos;
    if (range) {
      for (int d = days.back() % 7 + 1; d != next; d = d % 7 + 1) add(d);
    }
    add(next);
  }
  return days;
}

std::optional<Recurrence> read_weekly(Cursor& c) {
  const std::vector<int> days = read_weekdays(c);
  if (days.empty()) {
    c.fail("每周 needs a weekday: there is no week precision");
    return std::nullopt;
  }
  if (c.looking_at(U"次") || c.looking_at(U"个")) {  // 每周一次: a frequency
    c.fail("每周…次 is a frequency, not a weekday");
    return std::nullopt;
  }
  std::string rule = "FREQ=WEEKLY;BYDAY=";
  for (size_t i = 0; i < days.size(); ++i) {
    if (i) rule += ',';
    rule += kDayCodes[size_t(days[i] - 1)];
  }
  return Recurrence{rule, Precision::kDay};
}

std::optional<Recurrence> read_monthly(Cursor& c) {
  const size_t start = c.pos;
  int ordinal = 0;
  if (c.eat(U"最后一个")) {
    ordinal = -1;
  } else if (c.eat(U"第")) {
    const auto n = read_number(c);
    c.eat(U"个");
    if (!n || !n->small_form || n->value < 1 || n->value > 5) {
      c.fail("no such week of the month: '" + snippet(c.text, start, c.pos) + "'");
      return std::nullopt;
    }
    ordinal = n->value;
  }
  if (ordinal != 0) {
    const int day = eat_week_word(c) ? weekday_of(c.peek()) : 0;
    if (day == 0) {
      c.fail("每月" + snippet(c.text, start, c.pos + 1) + " needs a weekday");
      return std::nullopt;
    }
    ++c.pos;
    return Recurrence{
        "FREQ=MONTHLY;BYDAY=" + std::to_string(ordinal) + std::string(kDayCodes[size_t(day - 1)]),
        Precision::kDay};
  }
  if (c.eat(U"末") || c.eat(U"底"))
    return Recurrence{"FREQ=MONTHLY;BYMONTHDAY=-1", Precision::kDay};
  if (const auto n = read_number(c); n && n->small_form && (c.eat(U"日") || c.eat(U"号"))) {
    if (n->value < 1 || n->value > 31) {
      c.fail("no such day of the month: " + std::to_string(n->value));
      return std::nullopt;
    }
    return Recurrence{"FREQ=MONTHLY;BYMONTHDAY=" + std::to_string(n->value), Precision::kDay};
  }
  c.pos = start;
  return Recurrence{"FREQ=MONTHLY", Precision::kMonth};
}

// After 每年: "3月", "12月15日". nullopt (cursor unchanged) when no month follows.
std::optional<Recurrence> read_yearly(Cursor& c) {
  const size_t start = c.pos;
  const auto month = read_number(c);
  if (!month || !month->small_form || !c.eat(U"月")) {
    c.pos = start;
    return std::nullopt;
  }
  if (month->value < 1 || month->value > 12) {
    c.fail("no such month: " + std::to_string(month->value));
    return std::nullopt;
  }
  const std::string by_month = "FREQ=MONTHLY;BYMONTH=" + std::to_string(month->value);
  const size_t day_start = c.pos;
  if (const auto day = read_number(c); day && day->small_form && (c.eat(U"日") || c.eat(U"号"))) {
    if (day->value < 1 || day->value > 31) {
      c.fail("no such day of the month: " + std::to_string(day->value));
      return std::nullopt;
    }
    return Recurrence{by_month + ";BYMONTHDAY=" + std::to_string(day->value), Precision::kDay};
  }
  c.pos = day_start;
  return Recurrence{by_month, Precision::kMonth};
}

// After 每季度: "末", "最后一个月的15日", "第1个月的20日".
std::optional<Recurrence> read_quarterly(Cursor& c) {
  if (c.eat(U"末") || c.eat(U"底"))
    return Recurrence{"FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", Precision::kDay};
  const size_t start = c.pos;
  std::string months;
  if (c.eat(U"最后一个月") || c.eat(U"最后一月")) {
    months = "3,6,9,12";
  } else if (c.eat(U"第")) {
    const auto n = read_number(c);
    if (n && n->small_form && n->value >= 1 && n->value <= 3 && (c.eat(U"个月") || c.eat(U"月"))) {
      const int m = n->value;
      months = std::to_string(m) + "," + std::to_string(m + 3) + "," + std::to_string(m + 6) + "," +
               std::to_string(m + 9);
    }
  }
  if (months.empty()) {
    c.pos = start;
    return Recurrence{"FREQ=MONTHLY;INTERVAL=3", Precision::kQuarter};
  }
  c.eat(U"的");
  if (const auto day = read_number(c); day && day->small_form && (c.eat(U"日") || c.eat(U"号"))) {
    if (day->value < 1 || day->value > 31) {
      c.fail("no such day of the month: " + std::to_string(day->value));
      return std::nullopt;
    }
    return Recurrence{
        "FREQ=MONTHLY;BYMONTH=" + months + ";BYMONTHDAY=" + std::to_string(day->value),
        Precision::kDay};
  }
  return Recurrence{"FREQ=MONTHLY;BYMONTH=" + months, Precision::kMonth};
}

}  // namespace

std::optional<Recurrence> read_recurrence(Cursor& c) {
  const size_t start = c.pos;
  if (c.eat(U"月月")) return Recurrence{"FREQ=MONTHLY", Precision::kMonth};  // 月月有活动
  if (c.eat(U"逢")) {  // 逢周三: every such weekday
    if (eat_week_word(c)) return read_weekly(c);
    c.pos = start;
    return std::nullopt;
  }
  if (!c.eat(U"每")) return std::nullopt;
  if (eat_week_word(c)) return read_weekly(c);
  if (c.eat(U"半年")) return Recurrence{"FREQ=MONTHLY;INTERVAL=6", Precision::kHalf};
  if (c.eat(U"年")) {
    if (auto yearly = read_yearly(c)) return yearly;
    if (c.failed()) return std::nullopt;
    c.pos = start;
    return std::nullopt;  // 每年 alone: how often, not when
  }
  if (c.eat(U"天") || c.eat(U"日")) return Recurrence{"FREQ=DAILY", Precision::kDay};
  if (c.eat(U"个月") || c.eat(U"月")) return read_monthly(c);
  if (c.eat(U"个季度") || c.eat(U"季度")) return read_quarterly(c);
  c.pos = start;
  return std::nullopt;
}

}  // namespace plancal::calendar
