// A responsible unit (责任单位): a government office or company that a plan item names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/webhook.hpp"

namespace plancal::calendar {

struct Unit {
  std::string id;                    // stable ASCII id used in URLs and the store: "rsj"
  std::string name;                  // name as the plan writes it: "区人社局"
  std::string full_name;             // optional: "金山区人力资源和社会保障局"
  std::vector<std::string> aliases;  // other spellings found in the plan
  std::vector<std::string> phones;   // from the plan's tables
  std::vector<std::string> emails;   // reminder recipients
  std::string escalation_unit;       // unit id notified of overdue items; empty: none
  std::vector<Webhook> webhooks{};   // chat robots that get the unit's reminders too

  // The unit's chat robot with this id, or nullptr.
  const Webhook* find_webhook(std::string_view webhook_id) const {
    for (const Webhook& webhook : webhooks)
      if (webhook.id == webhook_id) return &webhook;
    return nullptr;
  }

  bool operator==(const Unit&) const = default;
};

}  // namespace plancal::calendar
