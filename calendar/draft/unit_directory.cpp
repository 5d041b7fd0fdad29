#include "calendar/draft/unit_directory.hpp"

#include <algorithm>

#include "calendar/draft/document_lines.hpp"
#include "calendar/draft/pinyin.hpp"

namespace plancal::calendar {

UnitDirectory::UnitDirectory(std::u32string place) : place_(std::move(place)) {}

// "金山区人社局" → "人社局", "区人社局" → "人社局", "金山税务局" → "税务局": the part that
// tells units apart within one plan.
std::u32string UnitDirectory::key_of(const std::u32string& name) const {
  std::u32string key = name;
  if (!place_.empty() && starts_with(key, place_) && key.size() > place_.size() + 1) {
    key = key.substr(place_.size());
    if (starts_with(key, U"区") || starts_with(key, U"县") || starts_with(key, U"市"))
      key = key.substr(1);
  } else if ((starts_with(key, U"区") || starts_with(key, U"县")) && key.size() > 2) {
    key = key.substr(1);
  }
  return key;
}

std::string UnitDirectory::new_id(const std::u32string& key) const {
  std::string base = pinyin_initials(to_utf8(key));
  if (base.empty()) base = "unit";
  std::string id = base;
  for (int n = 2; std::any_of(entries_.begin(), entries_.end(),
                              [&](const Entry& e) { return e.unit.id == id; });
       ++n)
    id = base + "-" + std::to_string(n);
  return id;
}

std::string UnitDirectory::add(const std::u32string& name) {
  const std::u32string key = key_of(name);
  const std::string spelling = to_utf8(name);
  if (auto found = by_key_.find(key); found != by_key_.end()) {
    Entry& entry = entries_[found->second];
    ++entry.mentions;
    if (entry.unit.name != spelling &&
        std::find(entry.unit.aliases.begin(), entry.unit.aliases.end(), spelling) ==
            entry.unit.aliases.end())
      entry.unit.aliases.push_back(spelling);
    return entry.unit.id;
  }
  Entry entry;
  entry.unit.id = new_id(key);
  entry.unit.name = spelling;
  entry.mentions = 1;
  by_key_[key] = entries_.size();
  entries_.push_back(std::move(entry));
  return entries_.back().unit.id;
}

std::string UnitDirectory::find(const std::u32string& name) const {
  const auto found = by_key_.find(key_of(name));
  return found == by_key_.end() ? std::string() : entries_[found->second].unit.id;
}

void UnitDirectory::add_phone(const std::string& id, const std::string& phone) {
  for (Entry& entry : entries_)
    if (entry.unit.id == id && std::find(entry.unit.phones.begin(), entry.unit.phones.end(),
                                         phone) == entry.unit.phones.end())
      entry.unit.phones.push_back(phone);
}

size_t UnitDirectory::mentions(const std::string& id) const {
  for (const Entry& entry : entries_)
    if (entry.unit.id == id) return entry.mentions;
  return 0;
}

std::vector<Unit> UnitDirectory::units(const std::string& email_domain) const {
  std::vector<Unit> units;
  for (const Entry& entry : entries_) {
    Unit unit = entry.unit;
    unit.emails = {unit.id + "@" + email_domain};
    units.push_back(std::move(unit));
  }
  return units;
}

}  // namespace plancal::calendar
