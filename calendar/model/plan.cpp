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

namespace {

// "二、助企纾困行动" → "助企纾困行动": a heading without its number.
std::string_view heading_title(std::string_view heading) {
  constexpr std::string_view kNumerals = "一二三四五六七八九十";
  size_t at = 0;
  while (at + 3 <= heading.size()) {
    const size_t found = kNumerals.find(heading.substr(at, 3));
    if (found == std::string_view::npos || found % 3 != 0) break;
    at += 3;
  }
  if (at == 0 || heading.substr(at, 3) != "、") return heading;
  return heading.substr(at + 3);
}

// Whether two headings have the same title, their numbers and spaces aside. Called for
// every activity of every section feed: compares in place.
bool same_title(std::string_view a, std::string_view b) {
  a = heading_title(a);
  b = heading_title(b);
  size_t i = 0;
  size_t j = 0;
  for (;;) {
    while (i < a.size() && a[i] == ' ') ++i;
    while (j < b.size() && b[j] == ' ') ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (a[i] != b[j]) return false;
    ++i;
    ++j;
  }
}

}  // namespace

std::string Plan::section_of(const Item& item) const {
  if (item.kind == ItemKind::kMeasure || item.section.empty()) return item.section;
  for (const Item& measure : items)
    if (measure.kind == ItemKind::kMeasure && same_title(measure.section, item.section))
      return measure.section;
  for (const Item& measure : items)
    if (measure.kind == ItemKind::kMeasure && !measure.title.empty() &&
        same_title(measure.title, item.section))
      return measure.section;
  return item.section;
}

std::vector<std::string> Plan::sections() const {
  std::vector<std::string> found;
  const auto add = [&](const std::string& section) {
    if (!section.empty() && std::find(found.begin(), found.end(), section) == found.end())
      found.push_back(section);
  };
  for (const Item& item : items)
    if (item.kind == ItemKind::kMeasure) add(item.section);
  for (const Item& item : items)
    if (item.kind != ItemKind::kMeasure) add(section_of(item));
  return found;
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
