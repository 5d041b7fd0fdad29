// Stable iCalendar UIDs. An activity's UID is derived from its plan id and its source
// position (the activity key), never from insertion order or time, so calendar clients
// see the same event after every reload.
#pragma once

#include <string>
#include <string_view>

namespace plancal::calendar {

// "<plan id>.<activity key>@plancal", e.g. "jinshan-2023.a1.3@plancal".
std::string activity_uid(std::string_view plan_id, std::string_view activity_key);

}  // namespace plancal::calendar
