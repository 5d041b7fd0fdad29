// One calendar period named in a schedule phrase, the unit the grammar combines into
// spans, lists, deadlines and recurrences: "2023年", "5月", "8月8日", "9月下旬",
// "第二季度", "上半年", "全年", "年底", "春季", and a bare "2日" after a month that
// carries ("2月1日至2日"). Internal to the parser; pure.
#pragma once

#include <optional>
#include <string>

#include "calendar/model/date.hpp"
#include "calendar/model/reading.hpp"
#include "calendar/phrase/phrase_cursor.hpp"

namespace plancal::calendar {

struct Period {
  Date start{};
  Date end{};
  Precision precision = Precision::kDay;
  int year = 0;             // the year it falls in (stated or carried)
  int stated_year = 0;      // the year the text states itself, 0 if carried
  unsigned month = 0;       // the month it names, 0 if it names none
  bool ends_at_di = false;  // 底/末: "4月底", "年底" — "…底前" means its last day
  bool bare_year = false;   // the text is only a year: "2023年"
  // A lunar date ("农历三月十二", "腊月廿三"): its lunar month, which a bare lunar day
  // after it borrows ("…至十八日"); 0 for Gregorian periods.
  unsigned lunar_month = 0;
  bool lunar_leap = false;
  // A festival by name ("春节", "“十一”"): the key its statutory holiday has in the holiday
  // files ("春节", "国庆节"), for "…期间"; empty otherwise.
  std::string festival;
  // Another reading of the same words: 小年 (the 23rd in the north, the 24th in the
  // south), or a date in brackets that disagrees ("2月9日（腊月二十九）").
  std::optional<Date> alternative;
  // The period is a span of whole units: a five-year plan ("“十四五”期间" = 2021–2025) or
  // months named together ("七八两个月", "七八月份").
  bool is_span = false;
  std::string rule;  // how a lunar or festival date was found, for explanations
};

// What an earlier part of the phrase lends to this one: "2月1日至2日" lends the year
// and month; a bare day reads only when a month is lent.
struct Carry {
  int year = 0;
  unsigned month = 0;
  unsigned lunar_month = 0;  // the month is a lunar one: a bare day is a lunar day
  bool lunar_leap = false;
};

// What `p` lends to a period read after it.
Carry carry_of(const Period& p);

// Reads the period at the cursor. nullopt with the cursor unchanged if there is none;
// nullopt with c.error set if the text names a period that does not exist ("13月",
// "2月30日", "第五季度") or has no year from the text or the carry.
std::optional<Period> read_period(Cursor& c, Carry carry);

// The period of a whole year, for bare years in spans ("2023-2025年").
Period year_period(int year, bool stated);
// The period of one month of a year.
Period month_period(int year, unsigned month);
// The period of one day, read in the context of `year`.
Period day_period(Date day, int year);

}  // namespace plancal::calendar
