// plancalctl draft's engine: a plan's published text (UTF-8, as extracted from a PDF or an
// HTML page) to a draft Plan with a note for every guess a reviewer should check. The
// draft is written out by write_draft_toml() (draft_toml.hpp) as a plan file that loads.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/plan.hpp"

namespace plancal::calendar {

struct DraftOptions {
  int year = 0;         // the plan year; 0: read from the text
  std::string plan_id;  // empty: from the place's pinyin and the year ("jinshan-2023")
  const HolidayCalendar* holidays = nullptr;  // for "春节期间" and the like
};

struct PlanDraft {
  Plan plan;
  // Reasons a reviewer should look, keyed "plan.<field>", "unit:<id>", "item:<id>" or
  // "activity:<key>".
  std::map<std::string, std::vector<std::string>> review;
  std::map<std::string, std::string> pin_reasons;  // by activity key
  size_t sections = 0;

  size_t review_count() const;
};

PlanDraft draft_plan(std::string_view utf8_text, const DraftOptions& options);

}  // namespace plancal::calendar
