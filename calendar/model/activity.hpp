// A dated activity derived from a plan item: one thing that happens (or is due) at the
// dates of its schedule reading. Its source phrase and item are kept for traceability.
#pragma once

#include <string>
#include <vector>

#include "calendar/model/category.hpp"
#include "calendar/model/reading.hpp"

namespace plancal::calendar {

struct Item;

struct Activity {
  // Stable key within the plan, derived from the source position: "<item id>.<n>" where
  // n counts the item's activities from 1 in file order. Never from insertion time.
  std::string key;
  std::string title;
  Category category = Category::kEvent;
  Reading schedule;
  std::string location;       // where stated; empty otherwise
  std::string source_phrase;  // the schedule phrase exactly as written in the item
  std::string item_id;        // the item (source row) it comes from
  bool pinned = false;        // the reading was pinned in the data file, not parsed
  bool is_public = true;
  std::vector<std::string> units;  // responsible unit ids, lead first; empty: the item's

  // The responsible units: the activity's own, else those of `item`, its item. The one
  // home of that rule; Plan::units_of() finds the item itself.
  const std::vector<std::string>& units_or(const Item& item) const;

  bool operator==(const Activity&) const = default;
};

}  // namespace plancal::calendar
