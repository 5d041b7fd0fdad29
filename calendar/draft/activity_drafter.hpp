// The dated activities of one drafted item: every schedule phrase the extractor finds in
// the item's text and schedule column becomes an activity whose `when` is the phrase as
// written, with a title from the words it governs (or the heading above a "活动时间：…"
// line), a category guessed from those words, and the location when a 地点 is stated.
// A phrase whose reading depends on its context (a year stated earlier in the cell) is
// pinned to the reading found in context. Each guess the drafter is unsure of comes with
// the reason a reviewer should look at it.
#pragma once

#include <string>
#include <vector>

#include "calendar/model/activity.hpp"
#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/item.hpp"

namespace plancal::calendar {

struct DraftedActivity {
  Activity activity;
  std::string pin_reason;           // set when activity.pinned
  std::vector<std::string> review;  // why a reviewer should look
};

// `item` has its kind, title, text and schedule_text set.
std::vector<DraftedActivity> draft_activities(const Item& item, int year,
                                              const HolidayCalendar* holidays);

struct CategoryGuess {
  Category category = Category::kMilestone;
  bool sure = false;    // one clear word decided it
  std::string because;  // the word, or why it is a fallback
};

// 招聘 → job_fair; 论坛/大会/推介/签约/沙龙 → forum; 节/赛/展/演出 → event; 开工/竣工/建成/交付 →
// milestone; a deadline reading → deadline; a policy row's period → policy_window.
CategoryGuess guess_category(std::u32string_view words, const Reading& reading, ItemKind kind);

}  // namespace plancal::calendar
