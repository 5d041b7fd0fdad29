// A plan: an action plan document with its responsible units and items. This is the
// in-memory form of one data file under data/plans/.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/date.hpp"
#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/item.hpp"
#include "calendar/model/unit.hpp"

namespace plancal::calendar {

struct Plan {
  std::string id;               // stable ASCII id: "jinshan-2023"
  std::string title;            // 金山区提信心扩需求稳增长促发展行动方案
  std::string issuer;           // 上海市金山区发展和改革委员会
  std::string document_number;  // 金发改规〔2023〕1号
  Date published{};
  Date effective_from{};
  Date effective_until{};
  std::string timezone = "Asia/Shanghai";  // a zone of zone_offset_minutes()
  int year = 0;                            // the year a phrase without its own year belongs to
  std::string escalation_unit;             // default escalation unit id (the issuing office)
  // A public plan's activities are public unless their data says `public = false`.
  bool is_public = true;
  // [plan] board_public: its 督办 board is published at /board/<id>, not only by private link.
  bool board_public = false;
  std::vector<Unit> units;
  std::vector<Item> items;

  const Unit* find_unit(std::string_view unit_id) const;
  const Item* find_item(std::string_view item_id) const;
  // The unit's name as the plan writes it; the id itself when the plan has no such unit
  // (or it has no name), so that a message never shows an empty name.
  std::string unit_name(std::string_view unit_id) const;
  // The responsible units of one of the plan's activities (Activity::units_or of its
  // item); empty when the activity's item is not in the plan and it names none.
  const std::vector<std::string>& units_of(const Activity& activity) const;
  // The main-text section an item stands under. A measure's own; a task-table row's table
  // heading mapped to the main text: to the section of that title ("十、重点区域领跑行动" for
  // the table's "九、重点区域领跑行动"), else to the section of the measure with that title
  // (the policy table's "一、全面落实各项税费优惠政策" is measure 1, under "二、助企纾困行动");
  // a heading that matches neither stays a section of its own.
  std::string section_of(const Item& item) const;
  // The plan's sections in file order: the measures' sections, then table headings that
  // map to none of them.
  std::vector<std::string> sections() const;
  // Whether `unit_id` is among units_of(activity).
  bool is_responsible(const Activity& activity, std::string_view unit_id) const;

  // The UTC offset of the plan's time zone (China Standard Time for a zone plancal does
  // not know; the loader accepts only known zones) and the local date of an instant there.
  int utc_offset_minutes() const;
  Date local_date(TimePoint t) const;
  size_t activity_count() const;
  // Every year that one of its activities' readings touches (start to end), in order.
  std::set<int> activity_years() const;
  // The activity_years() that `holidays` has no holiday file for: their reminders would take
  // Monday to Friday as working days.
  std::set<int> years_without_holidays(const HolidayCalendar& holidays) const;

  bool operator==(const Plan&) const = default;
};

}  // namespace plancal::calendar
