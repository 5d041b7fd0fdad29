#include "calendar/item.hpp"

namespace plancal::calendar {

std::string_view to_string(ItemKind kind) {
  switch (kind) {
    case ItemKind::kMeasure:
      return "measure";
    case ItemKind::kPolicy:
      return "policy";
    case ItemKind::kProject:
      return "project";
  }
  return "?";
}

bool parse_item_kind(std::string_view text, ItemKind& out) {
  for (ItemKind k : {ItemKind::kMeasure, ItemKind::kPolicy, ItemKind::kProject})
    if (to_string(k) == text) {
      out = k;
      return true;
    }
  return false;
}

}  // namespace plancal::calendar
