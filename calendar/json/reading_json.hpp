// Reading <-> JSON, in the shape `plancalctl parse --json` prints and the store keeps:
// {"phrase","start","end","kind","precision","rrule" (recurring only),"approximate",
//  "ambiguous","alternatives":[…],"items":[…] (list only),"open_end"}.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "calendar/model/reading.hpp"

namespace plancal::calendar {

nlohmann::json reading_to_json(const Reading& reading);
// Inverse of reading_to_json; nullopt (with *error set) on a malformed document.
std::optional<Reading> reading_from_json(const nlohmann::json& json, std::string* error);

}  // namespace plancal::calendar
