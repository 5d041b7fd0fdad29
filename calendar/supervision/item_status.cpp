#include "calendar/supervision/item_status.hpp"

#include <algorithm>

#include "calendar/model/enum_names.hpp"

namespace plancal::calendar {

namespace {

constexpr EnumNames<ItemState, 5> kStateLabels{{
    {ItemState::kNotReceived, "未签收"},
    {ItemState::kReceived, "已签收"},
    {ItemState::kInProgress, "进行中"},
    {ItemState::kExtended, "已延期"},
    {ItemState::kDone, "已办结"},
}};

constexpr EnumNames<ItemState, 5> kStateNames{{
    {ItemState::kNotReceived, "not_received"},
    {ItemState::kReceived, "received"},
    {ItemState::kInProgress, "in_progress"},
    {ItemState::kExtended, "extended"},
    {ItemState::kDone, "done"},
}};

constexpr EnumNames<Light, 4> kLightNames{{
    {Light::kNone, "none"},
    {Light::kGreen, "green"},
    {Light::kYellow, "yellow"},
    {Light::kRed, "red"},
}};

}  // namespace

std::string_view state_label(ItemState state) { return name_of(kStateLabels, state); }
std::string_view to_string(ItemState state) { return name_of(kStateNames, state); }
std::string_view to_string(Light light) { return name_of(kLightNames, light); }

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
