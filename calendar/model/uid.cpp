#include "calendar/model/uid.hpp"

namespace plancal::calendar {

std::string activity_uid(std::string_view plan_id, std::string_view activity_key) {
  std::string uid;
  uid.reserve(plan_id.size() + activity_key.size() + 10);
  uid.append(plan_id).append(".").append(activity_key).append("@plancal");
  return uid;
}

}  // namespace plancal::calendar
