// The recurrence part of a schedule phrase, "每…": 每周六、周日, 每周一至周五, 每天,
// 每月, 月月, 每月15日, 每月第一个周一, 每月最后一个周五, 每月末, 每季度, 每季度末,
// 每季度最后一个月的15日, 每半年, 每年3月, 每年12月15日, 逢周三. The grammar adds the bounds
// and UNTIL. 每月最后一个工作日 is reported, not guessed: the RRULE subset has no working
// days. Internal to the parser; pure.
#pragma once

#include <optional>
#include <string>

#include "calendar/model/reading.hpp"
#include "calendar/phrase/phrase_cursor.hpp"

namespace plancal::calendar {

struct Recurrence {
  std::string rule;     // an RRULE value without UNTIL: "FREQ=WEEKLY;BYDAY=SA,SU"
  Precision precision;  // how exactly one occurrence is dated: 每月 → month
};

// Reads a 每… recurrence at the cursor. nullopt with the cursor unchanged if there is
// none (每人, 每年); nullopt with c.error set for a recurrence it cannot date
// ("每周" without a weekday, "每月32日").
std::optional<Recurrence> read_recurrence(Cursor& c);

}  // namespace plancal::calendar
