#include "calendar/model/item.hpp"

#include <algorithm>

#include "calendar/model/enum_names.hpp"

namespace plancal::calendar {
namespace {

constexpr EnumNames<ItemKind, 3> kItemKindNames{{
    {ItemKind::kMeasure, "measure"},
    {ItemKind::kPolicy, "policy"},
    {ItemKind::kProject, "project"},
}};

}  // namespace

const std::vector<std::string>& Activity::units_or(const Item& item) const {
  return units.empty() ? item.units : units;
}

bool Item::involves(std::string_view unit_id) const {
  auto has = [&](const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), unit_id) != list.end();
  };
  return has(units) || std::any_of(activities.begin(), activities.end(),
                                   [&](const Activity& a) { return has(a.units); });
}

std::string Item::summary() const {
  constexpr int kCharacters = 30;
  if (!title.empty()) return title;
  int characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_character && ++characters > kCharacters) return text.substr(0, i) + "…";
  }
  return text;
}

std::string_view to_string(ItemKind kind) { return name_of(kItemKindNames, kind); }

bool parse_item_kind(std::string_view text, ItemKind& out) {
  return value_of(kItemKindNames, text, out);
}

}  // namespace plancal::calendar
