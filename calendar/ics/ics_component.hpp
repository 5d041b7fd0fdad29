// Serialises a libical component tree as iCalendar text with plancal's own TEXT escaping
// and line folding (calendar/ics/ics_text.hpp) instead of libical's serializer, whose folding
// is wrong at exact line-length boundaries and whose escaping is not RFC 5545's (it
// escapes quotes and tabs). Properties and parameters appear in insertion order, so the
// same tree always gives the same bytes.
#pragma once

#include <string>

typedef struct icalcomponent_impl icalcomponent;  // libical's handle, as in <libical/ical.h>

namespace plancal::calendar {

// Appends BEGIN:…, every property and subcomponent, and END:… to `out`, CRLF line ends.
void append_component(std::string& out, icalcomponent* component);
// The same in two halves, for streaming many children between them: everything but the
// END line, then the END line.
void append_component_head(std::string& out, icalcomponent* component);
void append_component_end(std::string& out, icalcomponent* component);

// Adds a non-standard property "X-…" (or another name libical does not know) with a TEXT
// value, escaped on output like TEXT.
void add_x_property(icalcomponent* component, const char* name, const std::string& value);

}  // namespace plancal::calendar
