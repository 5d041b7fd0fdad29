#include "calendar/phrase/lunar_phrase.hpp"

#include <array>
#include <string>

#include "calendar/lunar/lunar_calendar.hpp"
#include "calendar/phrase/text_normalize.hpp"

namespace plancal::calendar {
namespace {

enum class FestivalKind { kLunar, kChuxi, kQingming, kGregorian };

struct Festival {
  std::u32string_view word;
  FestivalKind kind;
  unsigned month;
  unsigned day;
  std::string_view holiday;  // the name of its statutory holiday in the holiday files
  bool numeric = false;      // "五一": a date only in quotes or before 期间 and the like
};

// Longest first where one word begins another.
constexpr std::array<Festival, 39> kFestivals{{
    {U"春节", FestivalKind::kLunar, 1, 1, "春节"},
    {U"除夕", FestivalKind::kChuxi, 12, 30, "春节"},
    {U"元宵节", FestivalKind::kLunar, 1, 15, ""},
    {U"元宵", FestivalKind::kLunar, 1, 15, ""},
    {U"龙抬头", FestivalKind::kLunar, 2, 2, ""},
    {U"端午节", FestivalKind::kLunar, 5, 5, "端午节"},
    {U"端午", FestivalKind::kLunar, 5, 5, "端午节"},
    {U"七夕节", FestivalKind::kLunar, 7, 7, ""},
    {U"七夕", FestivalKind::kLunar, 7, 7, ""},
    {U"中秋节", FestivalKind::kLunar, 8, 15, "中秋节"},
    {U"中秋", FestivalKind::kLunar, 8, 15, "中秋节"},
    {U"重阳节", FestivalKind::kLunar, 9, 9, ""},
    {U"重阳", FestivalKind::kLunar, 9, 9, ""},
    {U"腊八节", FestivalKind::kLunar, 12, 8, ""},
    {U"腊八", FestivalKind::kLunar, 12, 8, ""},
    {U"小年", FestivalKind::kLunar, 12, 23, ""},
    {U"清明节", FestivalKind::kQingming, 4, 0, "清明节"},
    {U"清明", FestivalKind::kQingming, 4, 0, "清明节"},
    {U"元旦", FestivalKind::kGregorian, 1, 1, "元旦"},
    {U"新年", FestivalKind::kGregorian, 1, 1, "元旦"},
    {U"五一国际劳动节", FestivalKind::kGregorian, 5, 1, "劳动节"},
    {U"五一劳动节", FestivalKind::kGregorian, 5, 1, "劳动节"},
    {U"劳动节", FestivalKind::kGregorian, 5, 1, "劳动节"},
    {U"六一儿童节", FestivalKind::kGregorian, 6, 1, ""},
    {U"儿童节", FestivalKind::kGregorian, 6, 1, ""},
    {U"国庆节", FestivalKind::kGregorian, 10, 1, "国庆节"},
    {U"国庆", FestivalKind::kGregorian, 10, 1, "国庆节"},
    {U"妇女节", FestivalKind::kGregorian, 3, 8, ""},
    {U"植树节", FestivalKind::kGregorian, 3, 12, ""},
    {U"青年节", FestivalKind::kGregorian, 5, 4, ""},
    {U"建党节", FestivalKind::kGregorian, 7, 1, ""},
    {U"建军节", FestivalKind::kGregorian, 8, 1, ""},
    {U"教师节", FestivalKind::kGregorian, 9, 10, ""},
    {U"五一节", FestivalKind::kGregorian, 5, 1, "劳动节"},
    {U"五一", FestivalKind::kGregorian, 5, 1, "劳动节", true},
    {U"六一", FestivalKind::kGregorian, 6, 1, "", true},
    {U"七一", FestivalKind::kGregorian, 7, 1, "", true},
    {U"八一", FestivalKind::kGregorian, 8, 1, "", true},
    {U"十一", FestivalKind::kGregorian, 10, 1, "国庆节", true},
}};

// What may follow a numeric festival name for it to be a date.
constexpr std::array<std::u32string_view, 6> kNumericFestivalContext{U"期间",   U"假期", U"黄金周",
                                                                     U"小长假", U"当天", U"前后"};

constexpr std::u32string_view kStartChars =
    U"农闰正腊冬春除元龙端七中重小清劳六国妇植青建教五八十廿初新";

std::string month_name(unsigned month, bool leap) {
  static constexpr std::array<std::string_view, 12> kNames{"正月", "二月", "三月", "四月",
                                                           "五月", "六月", "七月", "八月",
                                                           "九月", "十月", "冬月", "腊月"};
  return (leap ? "闰" : "") + std::string(kNames[month - 1]);
}

std::string day_name(unsigned day) {
  static constexpr std::array<std::string_view, 10> kDigits{"",   "一", "二", "三", "四",
                                                            "五", "六", "七", "八", "九"};
  if (day <= 10) return "初" + std::string(day == 10 ? "十" : kDigits[day]);
  if (day < 20) return "十" + std::string(kDigits[day - 10]);
  if (day == 20) return "二十";
  if (day < 30) return "廿" + std::string(kDigits[day - 20]);
  return "三十";
}

std::optional<unsigned> single_digit(char32_t c) {
  static constexpr std::u32string_view kDigits = U"一二三四五六七八九";
  const size_t at = kDigits.find(c);
  if (at == std::u32string_view::npos) return std::nullopt;
  return static_cast<unsigned>(at + 1);
}

// 初一..初十, 十一..十九, 二十, 廿一..廿九, 三十 (and digits), then an optional 日.
std::optional<unsigned> read_lunar_day(Cursor& c) {
  const size_t start = c.pos;
  std::optional<unsigned> day;
  if (c.eat(U"初")) {
    if (c.eat(U"十")) {
      day = 10;
    } else if (const auto d = single_digit(c.peek())) {
      ++c.pos;
      day = *d;
    }
  } else if (c.eat(U"廿")) {
    if (const auto d = single_digit(c.peek())) {
      ++c.pos;
      day = 20 + *d;
    }
  } else if (const auto n = read_number(c); n && n->small_form && n->value >= 1 && n->value <= 30) {
    day = static_cast<unsigned>(n->value);
  }
  if (!day) {
    c.pos = start;
    return std::nullopt;
  }
  if (!c.eat(U"日")) c.eat(U"号");
  return day;
}

std::optional<Period> lunar_day_period(Cursor& c, int year, unsigned month, bool leap,
                                       unsigned day) {
  const auto date = lunar_date_in_year(year, month, day, leap);
  if (!date) {
    c.fail("no such lunar date in " + std::to_string(year) + ": " + month_name(month, leap) +
           day_name(day));
    return std::nullopt;
  }
  Period p = day_period(*date, year);
  p.lunar_month = month;
  p.lunar_leap = leap;
  p.rule = "农历" + month_name(month, leap) + day_name(day) + " = " + to_iso(*date);
  return p;
}

std::optional<Period> read_lunar(Cursor& c, int year) {
  const size_t start = c.pos;
  const bool prefixed = c.eat(U"农历");
  const bool leap = c.eat(U"闰");
  unsigned month = 0;
  bool named = false;  // 正月, 冬月, 腊月: lunar by their name
  if (c.eat(U"正月")) {
    month = 1, named = true;
  } else if (c.eat(U"冬月")) {
    month = 11, named = true;
  } else if (c.eat(U"腊月")) {
    month = 12, named = true;
  } else if (c.looking_at(U"年初") && (single_digit(c.peek(2)) || c.peek(2) == U'十')) {
    c.pos += 1;  // "年初一": 正月初一; the day is read below
    month = 1, named = true;
  } else if (const auto n = read_number(c);
             n && n->small_form && n->value >= 1 && n->value <= 12 && c.eat(U"月")) {
    month = static_cast<unsigned>(n->value);
  }
  if (month == 0) {
    c.pos = start;
    return std::nullopt;
  }
  const size_t day_start = c.pos;
  const bool lunar_style_day = c.looking_at(U"初") || c.looking_at(U"廿");
  if (!prefixed && !leap && !named && !lunar_style_day) {
    c.pos = start;
    return std::nullopt;
  }
  if (const auto day = read_lunar_day(c)) return lunar_day_period(c, year, month, leap, *day);
  c.pos = day_start;
  if (!prefixed && !named) {
    c.pos = start;
    return std::nullopt;
  }
  // A whole lunar month: "农历三月", "腊月".
  const auto first = lunar_date_in_year(year, month, 1, leap);
  if (!first) {
    c.fail("no such lunar month in " + std::to_string(year) + ": " + month_name(month, leap));
    return std::nullopt;
  }
  Date last = *first;
  for (unsigned day = 30; day >= 29; --day) {
    if (const auto d =
            gregorian_from_lunar({lunar_from_gregorian(*first)->year, month, leap, day})) {
      last = *d;
      break;
    }
  }
  Period p;
  p.start = *first;
  p.end = last;
  p.precision = Precision::kMonth;
  p.year = year;
  p.lunar_month = month;
  p.lunar_leap = leap;
  p.rule = "农历" + month_name(month, leap) + " = " + to_iso(p.start) + " 至 " + to_iso(p.end);
  return p;
}

bool numeric_festival_allowed(const Cursor& c, size_t start) {
  if (start > 0 && c.text[start - 1] == U'“' && c.peek() == U'”') return true;
  for (std::u32string_view word : kNumericFestivalContext)
    if (c.looking_at(word)) return true;
  return false;
}

std::optional<Period> read_festival(Cursor& c, int year) {
  const size_t start = c.pos;
  for (const Festival& f : kFestivals) {
    if (!c.eat(f.word)) continue;
    if (f.numeric && !numeric_festival_allowed(c, start)) {
      c.pos = start;
      return std::nullopt;
    }
    c.eat(U"”");
    std::optional<Date> date;
    std::string rule = encode_utf8(f.word) + " = ";
    switch (f.kind) {
      case FestivalKind::kGregorian:
        date = make_date(year, f.month, f.day);
        rule += std::to_string(f.month) + "月" + std::to_string(f.day) + "日";
        break;
      case FestivalKind::kQingming:
        date = qingming(year);
        rule += "清明节气（太阳黄经15°）";
        break;
      case FestivalKind::kLunar:
        date = lunar_date_in_year(year, f.month, f.day);
        rule += "农历" + month_name(f.month, false) + day_name(f.day);
        break;
      case FestivalKind::kChuxi:
        if (const auto new_year = gregorian_from_lunar({year, 1, false, 1}))
          date = add_days(*new_year, -1);
        rule += "正月初一的前一天";
        break;
    }
    if (!date) {
      c.fail("no date for " + encode_utf8(f.word) + " in " + std::to_string(year));
      return std::nullopt;
    }
    Period p = day_period(*date, year);
    p.festival = std::string(f.holiday);
    p.rule = rule + " = " + to_iso(*date);
    if (f.word == U"小年") {
      p.alternative = lunar_date_in_year(year, 12, 24);
      p.rule = "小年 = 农历腊月二十三（北方，" + to_iso(*date) + "）或二十四（南方" +
               (p.alternative ? "，" + to_iso(*p.alternative) : "") + "）";
    }
    return p;
  }
  return std::nullopt;
}

}  // namespace

bool may_start_lunar_or_festival(char32_t c) {
  return kStartChars.find(c) != std::u32string_view::npos;
}

std::optional<Period> read_lunar_or_festival(Cursor& c, int year) {
  if (year == 0) return std::nullopt;
  if (auto p = read_lunar(c, year)) return p;
  if (c.failed()) return std::nullopt;
  return read_festival(c, year);
}

std::optional<Period> read_lunar_day_after(Cursor& c, const Carry& carry) {
  if (carry.lunar_month == 0) return std::nullopt;
  const auto day = read_lunar_day(c);
  if (!day) return std::nullopt;
  return lunar_day_period(c, carry.year, carry.lunar_month, carry.lunar_leap, *day);
}

}  // namespace plancal::calendar
