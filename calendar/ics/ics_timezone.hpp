// The Asia/Shanghai VTIMEZONE in its compact form: one STANDARD block from 1970 at
// +0800 (CST), no RDATE lists. China has observed no daylight saving time since 1991, so
// this one block is exact for every date a plan can mention. Built with libical.
#pragma once

#include <string_view>

typedef struct icalcomponent_impl icalcomponent;  // libical's handle, as in <libical/ical.h>

namespace plancal::calendar {

inline constexpr std::string_view kShanghaiTzid = "Asia/Shanghai";

// A new VTIMEZONE component for Asia/Shanghai; the caller owns it (icalcomponent_free, or
// add it to a VCALENDAR).
icalcomponent* new_shanghai_vtimezone();

}  // namespace plancal::calendar
