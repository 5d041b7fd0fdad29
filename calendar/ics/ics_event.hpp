// One stored activity as a libical VEVENT (or VTODO), shown at the precision its reading
// really has: exact all-day dates for days, all-day spans with a 〔label〕 for xun and
// month, one-day monthly markers for coarser periods and open starts, RRULE/RDATE for
// recurrences and lists, never expanded. docs/feeds.md has the table. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calendar/ics/ics_writer.hpp"

typedef struct icalcomponent_impl icalcomponent;  // libical's handle, as in <libical/ical.h>

namespace plancal::calendar {

// How an activity's reading is laid out on the calendar: all-day DTSTART and exclusive
// DTEND of the first occurrence, plus an RRULE value and/or RDATEs for the others.
struct EventDates {
  Date start{};
  Date end{};  // exclusive
  std::string rrule;
  std::vector<Date> rdates;

  bool operator==(const EventDates&) const = default;
};

EventDates event_dates(const Reading& reading);

// "〔label〕title", or the title alone when the dates need no label.
std::string event_summary(const Activity& activity, int context_year);

// The DESCRIPTION text: the reading in words, the source phrase, other readings of an
// ambiguous phrase, the item's text, responsible units with phones and the source.
std::string event_description(const Activity& activity, const Plan& plan, const Item* item);

// A new VEVENT for the activity; the caller owns it. `item` may be null (unknown item).
icalcomponent* new_vevent(const StoredActivity& stored, const Plan& plan, const Item* item,
                          const IcsOptions& options);

// A new VTODO for a deadline activity (DUE;VALUE=DATE on the due date); caller owns it.
icalcomponent* new_vtodo(const StoredActivity& stored, const Plan& plan, const Item* item,
                         const IcsOptions& options);

}  // namespace plancal::calendar
