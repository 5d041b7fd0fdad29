// Renders a synthetic plan's whole feed of 100,000 activities (mixed precisions, Chinese
// titles) and prints `render_100k_seconds: X` and the size. With a path argument, also
// writes the same events' fields as JSON for bench/peer_render_icalendar.py, which renders
// them with python icalendar for comparison.
#include <chrono>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "calendar/ics/ics_event.hpp"
#include "calendar/ics/ics_writer.hpp"
#include "calendar/model/uid.hpp"

using namespace plancal::calendar;

namespace {

constexpr int kActivities = 100'000;
constexpr int kItems = 200;

Reading synthetic_reading(int n) {
  Reading r;
  const Date base = add_days(make_date(2023, 1, 1), n % 300);
  r.start = base;
  r.end = base;
  r.phrase = "第" + std::to_string(n) + "号活动时间";
  switch (n % 6) {
    case 0:
      break;
    case 1:
      r.precision = Precision::kXun;
      r.start = make_date(2023, 9, 21);
      r.end = make_date(2023, 9, 30);
      break;
    case 2:
      r.precision = Precision::kMonth;
      r.start = make_date(2023, 5, 1);
      r.end = make_date(2023, 5, 31);
      r.approximate = true;
      break;
    case 3:
      r.precision = Precision::kQuarter;
      r.start = make_date(2023, 4, 1);
      r.end = make_date(2023, 6, 30);
      break;
    case 4:
      r.kind = ReadingKind::kDeadline;
      break;
    case 5:
      r.kind = ReadingKind::kRecurring;
      r.start = make_date(2023, 2, 4);
      r.end = make_date(2023, 3, 5);
      r.rrule = "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305";
      break;
  }
  return r;
}

Plan synthetic_plan() {
  Plan plan;
  plan.id = "bench-2023";
  plan.title = "金山区提信心扩需求稳增长促发展行动方案";
  plan.document_number = "金发改规〔2023〕1号";
  plan.year = 2023;
  plan.units = {{"rsj", "区人社局", "", {}, {"67961951", "67961792"}, {}, ""},
                {"wlj", "区文旅局", "", {}, {"57921234"}, {}, ""}};
  for (int i = 0; i < kItems; ++i) {
    Item item;
    item.id = "m" + std::to_string(i + 1);
    item.section = "三、援企稳岗扩岗行动";
    item.number = std::to_string(i + 1);
    item.text =
        "支持行业企业稳岗扩岗，举办各类招聘活动，促进高校毕业生等重点群体就业，"
        "落实一次性扩岗补助政策，加大稳岗返还力度。";
    item.units = {i % 2 ? "rsj" : "wlj"};
    plan.items.push_back(item);
  }
  return plan;
}

std::vector<StoredActivity> synthetic_activities() {
  std::vector<StoredActivity> all;
  all.reserve(kActivities);
  for (int n = 0; n < kActivities; ++n) {
    StoredActivity s;
    s.plan_id = "bench-2023";
    s.activity.item_id = "m" + std::to_string(n % kItems + 1);
    s.activity.key = s.activity.item_id + "." + std::to_string(n / kItems + 1);
    s.uid = activity_uid(s.plan_id, s.activity.key);
    s.sequence = n % 3;
    s.created = TimePoint{std::chrono::seconds{1676250000}};
    s.last_modified = TimePoint{std::chrono::seconds{1676250000 + n}};
    s.activity.title = "金山区第" + std::to_string(n) + "场缤纷百果节暨农民丰收节系列活动";
    s.activity.category = n % 6 == 4 ? Category::kDeadline : Category::kEvent;
    s.activity.schedule = synthetic_reading(n);
    s.activity.source_phrase = s.activity.schedule.phrase;
    if (n % 5 == 0) s.activity.location = "金山区枫泾镇, 中洪村";
    all.push_back(std::move(s));
  }
  return all;
}

nlohmann::json event_json(const StoredActivity& s, const Plan& plan) {
  const Activity& a = s.activity;
  const EventDates dates = event_dates(a.schedule);
  nlohmann::json rdates = nlohmann::json::array();
  for (Date d : dates.rdates) rdates.push_back(to_basic_iso(d));
  return {{"uid", s.uid},
          {"dtstamp", s.last_modified.time_since_epoch().count()},
          {"created", s.created.time_since_epoch().count()},
          {"sequence", s.sequence},
          {"dtstart", to_basic_iso(dates.start)},
          {"dtend", to_basic_iso(dates.end)},
          {"rrule", dates.rrule},
          {"rdates", rdates},
          {"summary", event_summary(a, plan.year)},
          {"description", event_description(a, plan, plan.find_item(a.item_id))},
          {"location", a.location},
          {"category", std::string(display_name(a.category))},
          {"precision", std::string(to_string(a.schedule.precision))},
          {"phrase", a.schedule.phrase},
          {"approximate", a.schedule.approximate}};
}

}  // namespace

int main(int argc, char** argv) {
  const Plan plan = synthetic_plan();
  auto activities = synthetic_activities();
  for (auto& s : activities) s.activity.is_public = true;
  const FeedSpec feed = build_feed_catalog(plan).front();
  const auto start = std::chrono::steady_clock::now();
  const std::string ics = render_feed(feed, plan, activities, {});
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  std::cout << "render_100k_seconds: " << seconds.count() << "\n"
            << "render_100k_bytes: " << ics.size() << "\n";
  if (argc > 1) {
    nlohmann::json events = nlohmann::json::array();
    for (const auto& s : activities) events.push_back(event_json(s, plan));
    std::ofstream(argv[1]) << nlohmann::json{{"title", feed.title}, {"events", events}}.dump();
  }
  return 0;
}
