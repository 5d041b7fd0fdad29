#include "calendar/phrase/time_of_day.hpp"

#include <array>
#include <string_view>

namespace plancal::calendar {
namespace {

enum class DayPart { kNone, kMorning, kNoon, kAfternoon };

struct DayPartWord {
  std::u32string_view word;
  DayPart part;
};
constexpr std::array<DayPartWord, 8> kDayParts{{
    {U"上午", DayPart::kMorning},
    {U"早上", DayPart::kMorning},
    {U"凌晨", DayPart::kMorning},
    {U"中午", DayPart::kNoon},
    {U"下午", DayPart::kAfternoon},
    {U"晚上", DayPart::kAfternoon},
    {U"傍晚", DayPart::kAfternoon},
    {U"晚", DayPart::kAfternoon},
}};

DayPart read_day_part(Cursor& c) {
  for (const DayPartWord& w : kDayParts)
    if (c.eat(w.word)) return w.part;
  return DayPart::kNone;
}

// "9:00", "14:30", "9点", "9点半", "9点30分", "9时": minutes after midnight.
std::optional<int> read_clock(Cursor& c, DayPart part) {
  const size_t start = c.pos;
  const auto hour = read_number(c);
  if (!hour || !hour->small_form || hour->value > 24) {
    c.pos = start;
    return std::nullopt;
  }
  int minute = 0;
  if (c.eat(U":")) {
    const auto m = read_number(c);
    if (!m || !m->small_form || m->value > 59 || c.text[c.pos - 1] > U'9') {
      c.pos = start;
      return std::nullopt;
    }
    minute = m->value;
  } else if (c.eat(U"点") || c.eat(U"时")) {
    if (c.eat(U"半")) {
      minute = 30;
    } else {
      const size_t save = c.pos;
      if (const auto m = read_number(c); m && m->small_form && m->value <= 59 && c.eat(U"分")) {
        minute = m->value;
      } else {
        c.pos = save;
      }
    }
  } else {
    c.pos = start;
    return std::nullopt;
  }
  int h = hour->value;
  if (part == DayPart::kAfternoon && h < 12) h += 12;
  if (part == DayPart::kNoon && h >= 1 && h <= 10) h += 12;
  if (h * 60 + minute > 24 * 60) {
    c.pos = start;
    return std::nullopt;
  }
  return h * 60 + minute;
}

}  // namespace

std::optional<TimeOfDay> read_time_of_day(Cursor& c) {
  const size_t start = c.pos;
  const DayPart part = read_day_part(c);
  const auto begin = read_clock(c, part);
  if (!begin) {
    c.pos = start;
    return std::nullopt;
  }
  TimeOfDay out{*begin, -1};
  const size_t after = c.pos;
  if (c.eat(U"-") || c.eat(U"至") || c.eat(U"到") || c.eat(U"~")) {
    DayPart end_part = read_day_part(c);
    if (end_part == DayPart::kNone) end_part = part;
    if (const auto end = read_clock(c, end_part); end && *end > *begin) {
      out.end_minute = *end;
      return out;
    }
    c.pos = after;
  }
  return out;
}

}  // namespace plancal::calendar
