// Instants as ISO-8601 text: what the daemon's --now and the store's timestamps use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "calendar/model/clock.hpp"
#include "calendar/model/local_time.hpp"

namespace plancal::calendar {

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" followed by "Z", "+HH:MM", "+HHMM" or
// nothing (then the given default offset applies, in minutes east of UTC; a bare date is
// midnight at that offset). nullopt on anything else.
std::optional<TimePoint> parse_iso_instant(std::string_view text, int default_offset_minutes);

// "YYYY-MM-DDTHH:MM:SS+08:00" for an offset of 480 minutes; "Z" for 0.
std::string format_iso_instant(TimePoint t, int offset_minutes);

}  // namespace plancal::calendar
