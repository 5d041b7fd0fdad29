// An activity as the store keeps it: the plan's activity plus the identity and versioning
// that calendar clients rely on (UID, SEQUENCE, CREATED, LAST-MODIFIED). Feeds, reminder
// planning and the admin commands read activities in this form.
#pragma once

#include <string>

#include "calendar/model/activity.hpp"
#include "calendar/model/clock.hpp"

namespace plancal::calendar {

// An activity as stored, with the versioning calendar clients rely on.
struct StoredActivity {
  std::string plan_id;
  std::string uid;            // activity_uid(plan_id, activity.key)
  int sequence = 0;           // 0 on first import; +1 each time the activity changes
  TimePoint created{};        // first import
  TimePoint last_modified{};  // last import that changed it
  Activity activity;
  bool operator==(const StoredActivity&) const = default;
};

}  // namespace plancal::calendar
