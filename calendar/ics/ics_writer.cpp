#include "calendar/ics/ics_writer.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "calendar/ics/ics_component.hpp"
#include "calendar/ics/ics_event.hpp"
#include "calendar/ics/ics_timezone.hpp"

namespace plancal::calendar {
namespace {

constexpr const char* kProductId = "-//plancal//plancal 0.1//ZH";

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

Component new_vcalendar(const FeedSpec& feed, const IcsOptions& options) {
  Component calendar(icalcomponent_new_vcalendar());
  icalcomponent* c = calendar.get();
  icalcomponent_add_property(c, icalproperty_new_version("2.0"));
  icalcomponent_add_property(c, icalproperty_new_prodid(kProductId));
  icalcomponent_add_property(c, icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(c, icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(c, icalproperty_new_name(feed.title.c_str()));
  add_x_property(c, "X-WR-CALNAME", feed.title);
  if (!feed.description.empty()) add_x_property(c, "X-WR-CALDESC", feed.description);
  add_x_property(c, "X-WR-TIMEZONE", std::string(kShanghaiTzid));
  const icaldurationtype refresh =
      icaldurationtype_from_int(int(std::chrono::seconds(options.refresh_interval).count()));
  icalproperty* interval = icalproperty_new_refreshinterval(refresh);
  icalproperty_add_parameter(interval, icalparameter_new_value(ICAL_VALUE_DURATION));
  icalcomponent_add_property(c, interval);
  char* ttl = icaldurationtype_as_ical_string_r(refresh);
  add_x_property(c, "X-PUBLISHED-TTL", ttl);
  icalmemory_free_buffer(ttl);
  icalcomponent_add_component(c, new_shanghai_vtimezone());
  return calendar;
}

bool in_window(const Reading& r, const IcsOptions& options) {
  if (options.window_from && r.end < *options.window_from) return false;
  if (options.window_to && r.start > *options.window_to) return false;
  return true;
}

// The activities the feed shows, by start date then UID (the store's order is not part
// of its contract, the feed's bytes are).
std::vector<const StoredActivity*> selected(const FeedSpec& feed, const Plan& plan,
                                            const std::vector<StoredActivity>& activities,
                                            const IcsOptions& options, bool deadlines_only) {
  std::vector<const StoredActivity*> shown;
  for (const StoredActivity& s : activities) {
    if (deadlines_only && s.activity.schedule.kind != ReadingKind::kDeadline) continue;
    if (in_window(s.activity.schedule, options) && feed_includes(feed, plan, s))
      shown.push_back(&s);
  }
  std::sort(shown.begin(), shown.end(), [](const StoredActivity* a, const StoredActivity* b) {
    if (a->activity.schedule.start != b->activity.schedule.start)
      return a->activity.schedule.start < b->activity.schedule.start;
    return a->uid < b->uid;
  });
  return shown;
}

using NewComponent = icalcomponent* (*)(const StoredActivity&, const Plan&, const Item*,
                                        const IcsOptions&);

std::string render(const FeedSpec& feed, const Plan& plan,
                   const std::vector<StoredActivity>& activities, const IcsOptions& options,
                   bool deadlines_only, NewComponent new_component) {
  std::unordered_map<std::string_view, const Item*> items;
  for (const Item& item : plan.items) items.emplace(item.id, &item);
  const auto shown = selected(feed, plan, activities, options, deadlines_only);
  std::string out;
  out.reserve(512 + shown.size() * 1536);
  Component calendar = new_vcalendar(feed, options);
  append_component_head(out, calendar.get());
  for (const StoredActivity* s : shown) {
    auto item = items.find(s->activity.item_id);
    Component component(
        new_component(*s, plan, item == items.end() ? nullptr : item->second, options));
    append_component(out, component.get());
  }
  append_component_end(out, calendar.get());
  return out;
}

}  // namespace

std::string render_feed(const FeedSpec& feed, const Plan& plan,
                        const std::vector<StoredActivity>& activities, const IcsOptions& options) {
  return render(feed, plan, activities, options, false, new_vevent);
}

std::string render_tasks(const FeedSpec& feed, const Plan& plan,
                         const std::vector<StoredActivity>& activities, const IcsOptions& options) {
  return render(feed, plan, activities, options, true, new_vtodo);
}

}  // namespace plancal::calendar
