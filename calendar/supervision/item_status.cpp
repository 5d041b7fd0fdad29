#include "calendar/supervision/item_status.hpp"

#include <algorithm>

namespace plancal::calendar {

std::string_view state_label(ItemState state) {
  switch (state) {
    case ItemState::kNotReceived:
      return "未签收";
    case ItemState::kReceived:
      return "已签收";
    case ItemState::kInProgress:
      return "进行中";
    case ItemState::kExtended:
      return "已延期";
    case ItemState::kDone:
      return "已办结";
  }
  return "?";
}

std::string_view to_string(ItemState state) {
  switch (state) {
    case ItemState::kNotReceived:
      return "not_received";
    case ItemState::kReceived:
      return "received";
    case ItemState::kInProgress:
      return "in_progress";
    case ItemState::kExtended:
      return "extended";
    case ItemState::kDone:
      return "done";
  }
  return "?";
}

std::string_view to_string(Light light) {
  switch (light) {
    case Light::kNone:
      return "none";
    case Light::kGreen:
      return "green";
    case Light::kYellow:
      return "yellow";
    case Light::kRed:
      return "red";
  }
  return "?";
}

std::optional<Date> plan_due_date(const Plan& plan, const Item& item, std::string_view unit_id) {
  std::optional<Date> deadline, last_end;
  for (const Activity& activity : item.activities) {
    if (!plan.is_responsible(activity, unit_id)) continue;
    const Reading& r = activity.schedule;
    if (activity.category == Category::kDeadline || r.kind == ReadingKind::kDeadline) {
      deadline = deadline ? std::max(*deadline, r.end) : r.end;
    } else if (!r.open_end) {
      last_end = last_end ? std::max(*last_end, r.end) : r.end;
    }
  }
  return deadline ? deadline : last_end;
}

ItemStatus item_status(const Plan& plan, const Item& item, std::string_view unit_id,
                       const UnitItemFacts& facts, const HolidayCalendar& holidays, Date today,
                       int yellow_days) {
  ItemStatus status;
  status.plan_due = plan_due_date(plan, item, unit_id);
  status.due = facts.approved_due ? facts.approved_due : status.plan_due;
  for (const UnitAction& action : facts.actions) {
    if (action.kind == UnitActionKind::kProgress) status.latest_progress = action;
    const ItemState reached =
        action.kind == UnitActionKind::kReceipt ? ItemState::kReceived : ItemState::kInProgress;
    status.state = std::max(status.state, reached);
  }
  if (facts.approved_due) status.state = ItemState::kExtended;
  if (facts.acknowledged) status.state = ItemState::kDone;

  if (status.state == ItemState::kDone) {
    status.light = Light::kGreen;
  } else if (status.due) {
    if (today > *status.due)
      status.light = Light::kRed;
    else if (holidays.working_days_between(today, *status.due) <= yellow_days)
      status.light = Light::kYellow;
  }
  return status;
}

}  // namespace plancal::calendar
