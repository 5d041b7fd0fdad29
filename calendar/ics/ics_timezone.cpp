#include "calendar/ics/ics_timezone.hpp"

#include <libical/ical.h>

#include <string>

namespace plancal::calendar {

icalcomponent* new_shanghai_vtimezone() {
  constexpr int kOffsetSeconds = 8 * 3600;
  icalcomponent* standard = icalcomponent_new_xstandard();
  icalcomponent_add_property(standard,
                             icalproperty_new_dtstart(icaltime_from_string("19700101T000000")));
  icalcomponent_add_property(standard, icalproperty_new_tzoffsetfrom(kOffsetSeconds));
  icalcomponent_add_property(standard, icalproperty_new_tzoffsetto(kOffsetSeconds));
  icalcomponent_add_property(standard, icalproperty_new_tzname("CST"));
  icalcomponent* timezone = icalcomponent_new_vtimezone();
  icalcomponent_add_property(timezone, icalproperty_new_tzid(std::string(kShanghaiTzid).c_str()));
  icalcomponent_add_component(timezone, standard);
  return timezone;
}

}  // namespace plancal::calendar
