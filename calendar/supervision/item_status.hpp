// Where one responsible unit stands on one item, as the 督办 board and the unit's own page
// show it: a state from what the unit reported (and the operators' ack and extension
// decisions), the date its work is due, and a light — green done, yellow due within N
// working days and not done, red past due and not done. Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/date.hpp"
#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/plan.hpp"
#include "calendar/store/unit_actions.hpp"

namespace plancal::calendar {

// In the order of a unit's progress on an item.
enum class ItemState {
  kNotReceived,  // 未签收: nothing from the unit yet
  kReceived,     // 已签收
  kInProgress,   // 进行中: a progress note (or an extension request) came
  kExtended,     // 已延期: an operator approved a new due date
  kDone,         // 已办结: done through the link, or acknowledged (plancalctl ack)
};

enum class Light { kNone, kGreen, kYellow, kRed };

std::string_view state_label(ItemState state);  // "未签收", ...
std::string_view to_string(ItemState state);    // "not_received", "received", ...
std::string_view to_string(Light light);        // "none", "green", "yellow", "red"

// The date `unit_id`'s work on `item` is due by the plan: the latest deadline among the
// item's activities that are the unit's, or, when none is a deadline, the latest date one
// of them ends (an open "…起" has none); nullopt when no activity gives one.
std::optional<Date> plan_due_date(const Plan& plan, const Item& item, std::string_view unit_id);

// What the board knows of one unit and item.
struct UnitItemFacts {
  std::vector<UnitAction> actions;   // the unit's actions on the item, oldest first
  bool acknowledged = false;         // done (through the link or plancalctl ack)
  std::optional<Date> approved_due;  // an approved extension
};

struct ItemStatus {
  ItemState state = ItemState::kNotReceived;
  Light light = Light::kNone;
  std::optional<Date> due;                    // approved_due, else plan_due_date
  std::optional<Date> plan_due;               // plan_due_date
  std::optional<UnitAction> latest_progress;  // the newest progress note
};

// `yellow_days`: a not-done item due within that many working days of `today` is yellow.
ItemStatus item_status(const Plan& plan, const Item& item, std::string_view unit_id,
                       const UnitItemFacts& facts, const HolidayCalendar& holidays, Date today,
                       int yellow_days);

}  // namespace plancal::calendar
