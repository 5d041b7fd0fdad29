#include "calendar/ics/ics_event.hpp"

#include "calendar/ics/feed_catalog.hpp"

#include <libical/ical.h>

#include <algorithm>

#include "calendar/ics/ics_component.hpp"
#include "calendar/ics/ics_timezone.hpp"
#include "calendar/model/precision_label.hpp"

namespace plancal::calendar {
namespace {

icaltimetype ical_date(Date d) {
  icaltimetype t{};
  t.year = int(d.year());
  t.month = int(unsigned(d.month()));
  t.day = int(unsigned(d.day()));
  t.is_date = 1;
  return t;
}

Date from_ical_date(const icaltimetype& t) {
  return make_date(t.year, unsigned(t.month), unsigned(t.day));
}

icaltimetype ical_utc(TimePoint t) {
  return icaltime_from_timet_with_zone(t.time_since_epoch().count(), 0,
                                       icaltimezone_get_utc_timezone());
}

Date first_of_next_month(Date d) {
  return Date{(d.year() / d.month() + std::chrono::months{1}) / 1};
}

// One-day markers from `start` on the 1st of each later month up to `end`: an RRULE when
// `start` is itself a 1st, otherwise RDATEs.
EventDates monthly_markers(Date start, Date end) {
  EventDates dates{start, add_days(start, 1), "", {}};
  if (start.day() == std::chrono::day{1}) {
    if (start.year() != end.year() || start.month() != end.month())
      dates.rrule = "FREQ=MONTHLY;UNTIL=" + to_basic_iso(end);
    return dates;
  }
  for (Date d = first_of_next_month(start); d <= end; d = first_of_next_month(d))
    dates.rdates.push_back(d);
  return dates;
}

// The rule bounded by the reading's end when it states no UNTIL or COUNT.
std::string bounded_rrule(const Reading& r) {
  if (r.rrule.find("UNTIL=") != std::string::npos || r.rrule.find("COUNT=") != std::string::npos)
    return r.rrule;
  return r.rrule + ";UNTIL=" + to_basic_iso(r.end);
}

// DTSTART must be an occurrence: a rule "every Saturday" read from a phrase starting on a
// Wednesday starts at the first Saturday.
Date first_occurrence(const std::string& rrule, Date start) {
  icalrecur_iterator* it =
      icalrecur_iterator_new(icalrecurrencetype_from_string(rrule.c_str()), ical_date(start));
  if (it == nullptr) return start;
  const icaltimetype first = icalrecur_iterator_next(it);
  icalrecur_iterator_free(it);
  return icaltime_is_null_time(first) ? start : from_ical_date(first);
}

EventDates list_dates(const Reading& r) {
  const bool all_days = std::all_of(r.items.begin(), r.items.end(), [](const Reading& i) {
    return i.precision == Precision::kDay && i.kind != ReadingKind::kRecurring;
  });
  if (r.items.empty()) return {r.start, add_days(r.end, 1), "", {}};
  EventDates dates{};
  if (all_days) {
    const int length = days_between(r.items.front().start, r.items.front().end);
    const bool same_length = std::all_of(r.items.begin(), r.items.end(), [&](const Reading& i) {
      return days_between(i.start, i.end) == length;
    });
    std::vector<Date> starts;
    for (const Reading& i : r.items)
      for (Date d = i.start; d <= (same_length ? i.start : i.end); d = add_days(d, 1))
        starts.push_back(d);
    dates.start = starts.front();
    dates.end = add_days(dates.start, same_length ? length + 1 : 1);
    dates.rdates.assign(starts.begin() + 1, starts.end());
    return dates;
  }
  // Coarser items: a marker on the first day of each xun or month item, and on the 1st of
  // every month of a longer item.
  std::vector<Date> markers;
  for (const Reading& i : r.items) {
    const EventDates m =
        shown_as_markers(i) ? monthly_markers(i.start, i.end) : EventDates{i.start, {}, "", {}};
    if (m.rrule.empty()) {
      markers.push_back(m.start);
      markers.insert(markers.end(), m.rdates.begin(), m.rdates.end());
    } else {
      for (Date d = m.start; d <= i.end; d = first_of_next_month(d)) markers.push_back(d);
    }
  }
  std::sort(markers.begin(), markers.end());
  markers.erase(std::unique(markers.begin(), markers.end()), markers.end());
  dates.start = markers.front();
  dates.end = add_days(dates.start, 1);
  dates.rdates.assign(markers.begin() + 1, markers.end());
  return dates;
}

std::string units_line(const Activity& a, const Plan& plan, const Item* item) {
  const std::vector<std::string>& ids = item != nullptr ? a.units_or(*item) : a.units;
  std::string line;
  for (const std::string& id : ids) {
    const Unit* unit = plan.find_unit(id);
    std::string entry = plan.unit_name(id);
    if (unit != nullptr && !unit->phones.empty()) {
      entry += "（";
      for (size_t i = 0; i < unit->phones.size(); ++i) entry += (i ? "、" : "") + unit->phones[i];
      entry += "）";
    }
    line += (line.empty() ? "" : "；") + entry;
  }
  return line;
}

std::string source_line(const Plan& plan, const Item& item) {
  std::string line = "出处：《" + plan.title + "》";
  if (!plan.document_number.empty()) line += "（" + plan.document_number + "）";
  switch (item.kind) {
    case ItemKind::kMeasure:
      return line + item.section + " 第" + item.number + "条";
    case ItemKind::kPolicy:
      return line + "政策类任务分工表 第" + item.number + "项";
    case ItemKind::kProject:
      return line + "项目、活动类任务分工表 第" + item.number + "项";
  }
  return line;
}

void add_date(icalcomponent* c, icalproperty* p) {
  icalproperty_add_parameter(p, icalparameter_new_value(ICAL_VALUE_DATE));
  icalcomponent_add_property(c, p);
}

// A local time of the plan's zone on day `d`, `minute` minutes after midnight.
icaltimetype ical_local(Date d, int minute) {
  icaltimetype t = ical_date(d);
  t.is_date = 0;
  t.hour = minute / 60;
  t.minute = minute % 60;
  t.second = 0;
  if (t.hour == 24) {  // "24:00": midnight at the end of the day
    t = ical_date(add_days(d, 1));
    t.is_date = 0;
  }
  return t;
}

void add_local_time(icalcomponent* c, icalproperty* p) {
  icalproperty_add_parameter(p, icalparameter_new_tzid(std::string(kShanghaiTzid).c_str()));
  icalcomponent_add_property(c, p);
}

// The item's note for this activity, if any.
const ItemNote* note_of(const StoredActivity& stored, const IcsOptions& options) {
  const auto it = options.item_notes.find(stored.activity.item_id);
  return it == options.item_notes.end() ? nullptr : &it->second;
}

// The properties VEVENT and VTODO share, up to SEQUENCE. A note changes no date, so not the
// SEQUENCE (RFC 5545 3.8.7.4), but it is a modification.
void add_versioning(icalcomponent* c, const StoredActivity& stored, const IcsOptions& options) {
  const ItemNote* note = note_of(stored, options);
  const TimePoint modified =
      note != nullptr ? std::max(stored.last_modified, note->at) : stored.last_modified;
  icalcomponent_add_property(c, icalproperty_new_uid(stored.uid.c_str()));
  icalcomponent_add_property(c, icalproperty_new_dtstamp(ical_utc(modified)));
  icalcomponent_add_property(c, icalproperty_new_created(ical_utc(stored.created)));
  icalcomponent_add_property(c, icalproperty_new_lastmodified(ical_utc(modified)));
  icalcomponent_add_property(c, icalproperty_new_sequence(stored.sequence));
}

// The properties VEVENT and VTODO share after the dates.
void add_content(icalcomponent* c, const StoredActivity& stored, const Plan& plan, const Item* item,
                 const IcsOptions& options) {
  const Activity& a = stored.activity;
  icalcomponent_add_property(c, icalproperty_new_summary(event_summary(a, plan.year).c_str()));
  std::string description = event_description(a, plan, item);
  if (const ItemNote* note = note_of(stored, options)) description += "\n\n" + note->text;
  icalcomponent_add_property(c, icalproperty_new_description(description.c_str()));
  if (!a.location.empty())
    icalcomponent_add_property(c, icalproperty_new_location(a.location.c_str()));
  icalcomponent_add_property(
      c, icalproperty_new_categories(std::string(display_name(a.category)).c_str()));
  if (!options.base_url.empty()) {
    const std::string url = item_url(options.base_url, plan.id, a.item_id);
    icalcomponent_add_property(c, icalproperty_new_url(url.c_str()));
  }
}

void add_plancal_properties(icalcomponent* c, const Reading& r) {
  add_x_property(c, "X-PLANCAL-PRECISION", std::string(to_string(r.precision)));
  if (!r.phrase.empty()) add_x_property(c, "X-PLANCAL-PHRASE", r.phrase);
  if (r.approximate) add_x_property(c, "X-PLANCAL-APPROXIMATE", "TRUE");
}

}  // namespace

EventDates event_dates(const Reading& r) {
  switch (r.kind) {
    case ReadingKind::kDate:
    case ReadingKind::kSpan:
      if (shown_as_markers(r)) return monthly_markers(r.start, r.end);
      return {r.start, add_days(r.end, 1), "", {}};
    case ReadingKind::kDeadline:
      return {r.end, add_days(r.end, 1), "", {}};
    case ReadingKind::kRecurring: {
      const std::string rule = bounded_rrule(r);
      const Date first = r.precision == Precision::kDay ? first_occurrence(rule, r.start) : r.start;
      return {first, add_days(first, 1), rule, {}};
    }
    case ReadingKind::kList:
      return list_dates(r);
    case ReadingKind::kOpenStart:
      return monthly_markers(r.start, r.end);
  }
  return {r.start, add_days(r.end, 1), "", {}};
}

std::string event_summary(const Activity& a, int context_year) {
  const std::string label = summary_label(a.schedule, context_year);
  return label.empty() ? a.title : "〔" + label + "〕" + a.title;
}

std::string event_description(const Activity& a, const Plan& plan, const Item* item) {
  const Reading& r = a.schedule;
  std::string text = "时间：" + when_in_words(r);
  if (!a.source_phrase.empty()) text += "\n原文：" + a.source_phrase;
  for (const Reading& alternative : r.alternatives)
    text += "\n另一种理解：" + when_in_words(alternative);
  if (item != nullptr) {
    text += "\n\n" + item->text;
    if (!item->schedule_text.empty() && item->schedule_text != item->text)
      text += "\n具体内容：" + item->schedule_text;
  }
  text += "\n\n责任单位：" + units_line(a, plan, item);
  if (item != nullptr && !item->phones.empty()) {
    text += "\n联系电话：";
    for (size_t i = 0; i < item->phones.size(); ++i) text += (i ? "、" : "") + item->phones[i];
  }
  if (item != nullptr) text.append("\n").append(source_line(plan, *item));
  return text;
}

icalcomponent* new_vevent(const StoredActivity& stored, const Plan& plan, const Item* item,
                          const IcsOptions& options) {
  const Reading& r = stored.activity.schedule;
  const EventDates dates = event_dates(r);
  icalcomponent* event = icalcomponent_new_vevent();
  add_versioning(event, stored, options);
  if (r.kind == ReadingKind::kDate && r.precision == Precision::kDay && r.timed()) {
    // A time written with the day: a timed event in the plan's zone (its VTIMEZONE is in
    // every feed). Without an end time it is an instant (RFC 5545 3.6.1).
    add_local_time(event, icalproperty_new_dtstart(ical_local(r.start, r.start_minute)));
    if (r.end_minute > r.start_minute)
      add_local_time(event, icalproperty_new_dtend(ical_local(r.start, r.end_minute)));
  } else {
    add_date(event, icalproperty_new_dtstart(ical_date(dates.start)));
    add_date(event, icalproperty_new_dtend(ical_date(dates.end)));
  }
  if (!dates.rrule.empty())
    icalcomponent_add_property(
        event, icalproperty_new_rrule(icalrecurrencetype_from_string(dates.rrule.c_str())));
  // DTSTART is repeated as the first RDATE: RFC 5545 counts a duplicate instance once,
  // and ical.js (Thunderbird) otherwise drops DTSTART from an RDATE-only recurrence set.
  std::vector<Date> rdates = dates.rdates;
  if (!rdates.empty() && dates.rrule.empty()) rdates.insert(rdates.begin(), dates.start);
  for (Date d : rdates) {
    icaldatetimeperiodtype rdate{};
    rdate.time = ical_date(d);
    rdate.period = icalperiodtype_null_period();
    add_date(event, icalproperty_new_rdate(rdate));
  }
  add_content(event, stored, plan, item, options);
  icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  add_plancal_properties(event, r);
  return event;
}

icalcomponent* new_vtodo(const StoredActivity& stored, const Plan& plan, const Item* item,
                         const IcsOptions& options) {
  const Reading& r = stored.activity.schedule;
  icalcomponent* todo = icalcomponent_new_vtodo();
  add_versioning(todo, stored, options);
  add_date(todo, icalproperty_new_due(ical_date(r.end)));
  add_content(todo, stored, plan, item, options);
  add_plancal_properties(todo, r);
  return todo;
}

}  // namespace plancal::calendar
