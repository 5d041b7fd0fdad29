// The units a draft names: one entry per distinct unit, whatever spelling the plan uses
// ("金山区人社局", "区人社局" and "人社局" are one unit), each with a readable ASCII id made
// from the name's pinyin initials ("区人社局" → "rsj"), unique within the plan.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "calendar/model/unit.hpp"

namespace plancal::calendar {

class UnitDirectory {
 public:
  // `place`: the plan's place name without its 区/县/市 ("金山"), dropped from names when
  // comparing and making ids; may be empty.
  explicit UnitDirectory(std::u32string place);

  // The id of the unit with this name, adding it at its first mention.
  std::string add(const std::u32string& name);
  // The id of a unit already named, or "" when none has this name.
  std::string find(const std::u32string& name) const;
  void add_phone(const std::string& id, const std::string& phone);
  // How many times add() saw the unit.
  size_t mentions(const std::string& id) const;

  // The units in order of first mention; emails are placeholders on `email_domain`.
  std::vector<Unit> units(const std::string& email_domain) const;

 private:
  struct Entry {
    Unit unit;
    size_t mentions = 0;
  };
  std::u32string key_of(const std::u32string& name) const;
  std::string new_id(const std::u32string& key) const;

  std::u32string place_;
  std::vector<Entry> entries_;
  std::map<std::u32string, size_t> by_key_;
};

}  // namespace plancal::calendar
