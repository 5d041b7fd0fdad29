// A responsible unit (责任单位): a government office or company that a plan item names.
#pragma once

#include <string>
#include <vector>

namespace plancal::calendar {

struct Unit {
  std::string id;                    // stable ASCII id used in URLs and the store: "rsj"
  std::string name;                  // name as the plan writes it: "区人社局"
  std::string full_name;             // optional: "金山区人力资源和社会保障局"
  std::vector<std::string> aliases;  // other spellings found in the plan
  std::vector<std::string> phones;   // from the plan's tables
  std::vector<std::string> emails;   // reminder recipients
  std::string escalation_unit;       // unit id notified of overdue items; empty: none

  bool operator==(const Unit&) const = default;
};

}  // namespace plancal::calendar
