// A one-line description of a Reading for operators (plancalctl, logs): the phrase as
// written, what it means in English, and its flags. "2023年第二季度 — quarter:
// 2023-04-01 … 2023-06-30"; "每周六、周日 — recurring 2023-02-04 … 2023-03-05
// (FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305), day precision"; lunar and festival dates
// with the rule that found them: "春节 — 2024-02-10, day precision; rule: 春节 = 农历正月初一
// = 2024-02-10". Pure, thread-safe.
#pragma once

#include <string>

#include "calendar/model/reading.hpp"

namespace plancal::calendar {

std::string describe(const Reading& reading);

}  // namespace plancal::calendar
