#include "calendar/model/plan.hpp"

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

size_t Plan::activity_count() const {
  size_t n = 0;
  for (const auto& i : items) n += i.activities.size();
  return n;
}

}  // namespace plancal::calendar
