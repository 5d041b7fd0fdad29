#include "calendar/model/plan.hpp"

#include <algorithm>

#include "calendar/model/local_time.hpp"

namespace plancal::calendar {

const Unit* Plan::find_unit(std::string_view unit_id) const {
  for (const auto& u : units)
    if (u.id == unit_id) return &u;
  return nullptr;
}

const Item* Plan::find_item(std::string_view item_id) const {
  for (const auto& i : items)
    if (i.id == item_id) return &i;
  return nullptr;
}

std::string Plan::unit_name(std::string_view unit_id) const {
  const Unit* unit = find_unit(unit_id);
  return unit != nullptr && !unit->name.empty() ? unit->name : std::string(unit_id);
}

const std::vector<std::string>& Plan::units_of(const Activity& activity) const {
  static const std::vector<std::string> kNone;
  if (!activity.units.empty()) return activity.units;
  const Item* item = find_item(activity.item_id);
  return item != nullptr ? activity.units_or(*item) : kNone;
}

bool Plan::is_responsible(const Activity& activity, std::string_view unit_id) const {
  const auto& units = units_of(activity);
  return std::find(units.begin(), units.end(), unit_id) != units.end();
}

int Plan::utc_offset_minutes() const {
  return zone_offset_minutes(timezone).value_or(kChinaOffsetMinutes);
}

Date Plan::local_date(TimePoint t) const { return calendar::local_date(t, utc_offset_minutes()); }

std::set<int> Plan::activity_years() const {
  std::set<int> years;
  for (const Item& item : items)
    for (const Activity& activity : item.activities)
      for (int y = int(activity.schedule.start.year()); y <= int(activity.schedule.end.year()); ++y)
        years.insert(y);
  return years;
}

std::set<int> Plan::years_without_holidays(const HolidayCalendar& holidays) const {
  std::set<int> years = activity_years();
  std::erase_if(years, [&](int year) { return holidays.covers(year); });
  return years;
}

size_t Plan::activity_count() const {
  size_t n = 0;
  for (const auto& i : items) n += i.activities.size();
  return n;
}

}  // namespace plancal::calendar
