// Lunar dates and festivals as schedule phrases write them: "农历三月十二", "正月初六", "年初一",
// "腊月廿三", "闰二月初一", a bare lunar day after a lunar month ("…至十八日", "…至初十"),
// and festivals by name — lunar ones (春节, 除夕, 元宵节, 端午节, 七夕, 中秋节, 重阳节,
// 腊八, 小年, 龙抬头), the solar term 清明, and Gregorian ones (元旦, 劳动节/“五一”,
// 儿童节/“六一”, 国庆节/“十一”, …); the numeric names only in quotes or before
// 期间/假期/当天/前后, so "十一" the number and "双十一" the sales event stay quiet.
// Dates are those of the given Gregorian year (a 腊月 date in January is of the lunar year
// before, calendar/lunar/). Internal to the parser; pure.
#pragma once

#include <optional>

#include "calendar/phrase/phrase_cursor.hpp"
#include "calendar/phrase/schedule_period.hpp"

namespace plancal::calendar {

// Reads a lunar date or a festival of Gregorian year `year` at the cursor. nullopt with
// the cursor unchanged if there is none; nullopt with c.error set for a lunar date that
// does not exist ("正月三十" in a year whose 正月 has 29 days).
std::optional<Period> read_lunar_or_festival(Cursor& c, int year);

// A bare lunar day after a lunar month (`carry.lunar_month` set): "十八日", "初十", "十五".
std::optional<Period> read_lunar_day_after(Cursor& c, const Carry& carry);

// True for the first characters of the words above.
bool may_start_lunar_or_festival(char32_t c);

}  // namespace plancal::calendar
