#include "calendar/ics/ics_component.hpp"

#include <libical/ical.h>

#include <memory>

#include "calendar/ics/ics_text.hpp"

namespace plancal::calendar {
namespace {

struct IcalFree {
  void operator()(char* buffer) const { icalmemory_free_buffer(buffer); }
};
using IcalString = std::unique_ptr<char, IcalFree>;

void append_name(std::string& line, icalproperty* property) {
  const icalproperty_kind kind = icalproperty_isa(property);
  line += kind == ICAL_X_PROPERTY ? icalproperty_get_x_name(property)
                                  : icalproperty_kind_to_string(kind);
}

void append_value(std::string& line, icalproperty* property) {
  const icalvalue* value = icalproperty_get_value(property);
  switch (icalvalue_isa(value)) {
    case ICAL_TEXT_VALUE:
      line += escape_text(icalvalue_get_text(value));
      break;
    case ICAL_X_VALUE:
      line += escape_text(icalvalue_get_x(value));
      break;
    default:
      line += IcalString(icalvalue_as_ical_string_r(value)).get();
  }
}

void append_property(std::string& out, icalproperty* property) {
  std::string line;
  append_name(line, property);
  for (icalparameter* p = icalproperty_get_first_parameter(property, ICAL_ANY_PARAMETER); p;
       p = icalproperty_get_next_parameter(property, ICAL_ANY_PARAMETER)) {
    line += ';';
    line += IcalString(icalparameter_as_ical_string_r(p)).get();
  }
  line += ':';
  append_value(line, property);
  append_content_line(out, line);
}

}  // namespace

void append_component_head(std::string& out, icalcomponent* component) {
  out += "BEGIN:";
  out += icalcomponent_kind_to_string(icalcomponent_isa(component));
  out += "\r\n";
  for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY); p;
       p = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY))
    append_property(out, p);
  for (icalcomponent* c = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); c;
       c = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT))
    append_component(out, c);
}

void append_component_end(std::string& out, icalcomponent* component) {
  out += "END:";
  out += icalcomponent_kind_to_string(icalcomponent_isa(component));
  out += "\r\n";
}

void add_x_property(icalcomponent* component, const char* name, const std::string& value) {
  icalproperty* p = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(p, name);
  icalcomponent_add_property(component, p);
}

void append_component(std::string& out, icalcomponent* component) {
  append_component_head(out, component);
  append_component_end(out, component);
}

}  // namespace plancal::calendar
