#include "calendar/reminders/reminder_planner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "calendar/model/time_format.hpp"
#include "calendar/model/uid.hpp"
#include "tests/support/bundled_holidays.hpp"

using namespace plancal::calendar;

namespace {

const HolidayCalendar& holidays() { return plancal::testing::bundled_holidays(); }

Plan test_plan() {
  Plan plan;
  plan.id = "t";
  plan.escalation_unit = "fgw";
  plan.units = {{"rsj", "区人社局", "", {}, {}, {}, ""},
                {"jw", "区经委", "", {}, {}, {}, "zfb"},
                {"fgw", "区发改委", "", {}, {}, {}, ""},
                {"zfb", "区政府办", "", {}, {}, {}, ""}};
  Item item;
  item.id = "p5";
  item.units = {"rsj", "jw"};
  plan.items.push_back(item);
  return plan;
}

Reading reading(ReadingKind kind, Date start, Date end, Precision precision = Precision::kDay) {
  Reading r;
  r.kind = kind;
  r.start = start;
  r.end = end;
  r.precision = precision;
  return r;
}

StoredActivity stored(const std::string& key, Category category, Reading schedule,
                      std::vector<std::string> units = {"rsj"}) {
  StoredActivity s;
  s.plan_id = "t";
  s.uid = activity_uid("t", key);
  s.activity.key = key;
  s.activity.item_id = "p5";
  s.activity.category = category;
  s.activity.schedule = std::move(schedule);
  s.activity.units = std::move(units);
  return s;
}

StoredActivity deadline_june_30() {
  const Date d = make_date(2023, 6, 30);
  return stored("p5.1", Category::kDeadline, reading(ReadingKind::kDeadline, d, d));
}

TimePoint at(const char* text) { return *parse_iso_instant(text, kChinaOffsetMinutes); }

std::vector<PlannedReminder> plan(const std::vector<StoredActivity>& activities,
                                  const ReminderPolicy& policy = {},
                                  const Acknowledgements& acks = {},
                                  TimePoint now = at("2023-01-01"), PlanningOptions options = {}) {
  return plan_reminders(test_plan(), activities, holidays(), policy, acks, now, options);
}

// "send date kind lead unit [about]" per reminder: compact and readable in failures.
std::vector<std::string> lines(const std::vector<PlannedReminder>& reminders) {
  std::vector<std::string> out;
  for (const auto& r : reminders) {
    std::string line = format_iso_instant(r.send_at, kChinaOffsetMinutes) + " " +
                       to_iso(r.key.occurrence) + " " + std::string(to_string(r.key.kind)) + " " +
                       std::to_string(r.key.lead_days) + " " + r.key.unit_id;
    if (r.about_unit != r.key.unit_id) line += " about " + r.about_unit;
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("a deadline on 2023-06-30: 30, 7, 1 working days before, then overdue") {
  const auto got = lines(plan({deadline_june_30()}));
  const std::vector<std::string> want = {
      "2023-05-18T09:00:00+08:00 2023-06-30 before_deadline 30 rsj",
      "2023-06-20T09:00:00+08:00 2023-06-30 before_deadline 7 rsj",  // 06-22..24 off, 25 on
      "2023-06-29T09:00:00+08:00 2023-06-30 before_deadline 1 rsj",
      "2023-07-03T09:00:00+08:00 2023-06-30 overdue 1 fgw about rsj",
      "2023-07-03T09:00:00+08:00 2023-06-30 overdue 1 rsj",
  };
  CHECK(got == want);
}

TEST_CASE("a reminder never falls on a holiday: 1 day before 10-03 is 09-28") {
  const Date d = make_date(2023, 10, 3);
  const auto got =
      lines(plan({stored("a9.1", Category::kEvent, reading(ReadingKind::kDate, d, d))}));
  REQUIRE(got.size() == 2);
  CHECK(got[1] == "2023-09-28T09:00:00+08:00 2023-10-03 before_start 1 rsj");
  CHECK(got[0] == "2023-09-20T09:00:00+08:00 2023-10-03 before_start 7 rsj");
}

TEST_CASE("the adjusted Saturday 2023-01-28 is a send day") {
  const Date d = make_date(2023, 2, 4);
  const auto got =
      lines(plan({stored("a1.3", Category::kJobFair, reading(ReadingKind::kDate, d, d))}));
  const std::vector<std::string> want = {
      "2023-01-28T09:00:00+08:00 2023-02-04 before_start 7 rsj",
      "2023-02-03T09:00:00+08:00 2023-02-04 before_start 1 rsj",
  };
  CHECK(got == want);
}

TEST_CASE("acknowledged units get nothing more about the item") {
  StoredActivity a = deadline_june_30();
  a.activity.units = {"rsj", "jw"};
  const auto got = lines(plan({a}, {}, {{"p5", "rsj"}}));
  for (const auto& line : got) CHECK(line.find("rsj") == std::string::npos);
  // jw escalates to its own escalation unit, not the plan's.
  CHECK(std::count(got.begin(), got.end(),
                   "2023-07-03T09:00:00+08:00 2023-06-30 overdue 1 zfb about jw") == 1);
  CHECK(got.size() == 5);
  CHECK(plan({a}, {}, {{"p5", "rsj"}, {"p5", "jw"}}).empty());
  CHECK(plan({a}, {}, {{"p9", "rsj"}}).size() == 10);  // another item's acknowledgement
}

TEST_CASE("an approved extension moves that unit's deadline and overdue notice, no other's") {
  StoredActivity a = deadline_june_30();
  a.activity.units = {"rsj", "jw"};
  ReminderPolicy policy;
  policy.deadline_leads = {1};
  PlanningOptions options;
  options.extended_due[{"p5", "rsj"}] = make_date(2023, 7, 14);
  const auto got = lines(plan({a}, policy, {}, at("2023-01-01"), options));
  const std::vector<std::string> want = {
      "2023-06-29T09:00:00+08:00 2023-06-30 before_deadline 1 jw",
      "2023-07-03T09:00:00+08:00 2023-06-30 overdue 1 jw",
      "2023-07-03T09:00:00+08:00 2023-06-30 overdue 1 zfb about jw",
      "2023-07-13T09:00:00+08:00 2023-07-14 before_deadline 1 rsj",
      "2023-07-17T09:00:00+08:00 2023-07-14 overdue 1 fgw about rsj",
      "2023-07-17T09:00:00+08:00 2023-07-14 overdue 1 rsj",
  };
  CHECK(got == want);
  // An earlier date than the plan's does not pull the deadline forward; starts never move.
  options.extended_due[{"p5", "rsj"}] = make_date(2023, 6, 1);
  CHECK(lines(plan({a}, policy, {}, at("2023-01-01"), options)) == lines(plan({a}, policy)));
  const Date d = make_date(2023, 10, 9);
  const StoredActivity event = stored("a9.1", Category::kEvent, reading(ReadingKind::kDate, d, d));
  options.extended_due[{"p5", "rsj"}] = make_date(2023, 12, 1);
  CHECK(lines(plan({event}, {}, {}, at("2023-01-01"), options)) == lines(plan({event})));
}

TEST_CASE("overdue escalation keys differ per late unit; escalation can be off") {
  StoredActivity a = deadline_june_30();
  a.activity.units = {"rsj", "jw", "zfb"};
  ReminderPolicy policy;
  policy.deadline_leads = {};
  const auto reminders = plan({a}, policy);
  // rsj -> fgw, jw -> zfb, zfb -> fgw: 3 own notices and 3 escalations.
  REQUIRE(reminders.size() == 6);
  std::vector<std::string> keys;
  for (const auto& r : reminders) keys.push_back(r.key.to_string());
  std::sort(keys.begin(), keys.end());
  CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
  CHECK(std::count(keys.begin(), keys.end(), "t.p5.1@plancal/2023-06-30/fgw/overdue/1/rsj") == 1);
  policy.escalation = false;
  CHECK(plan({a}, policy).size() == 3);
}

TEST_CASE("weekly job fairs: only the next occurrence is planned") {
  Reading r = reading(ReadingKind::kRecurring, make_date(2023, 2, 4), make_date(2023, 3, 5));
  r.rrule = "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305";
  const StoredActivity fairs = stored("a1.3", Category::kJobFair, r);
  const auto monday = lines(plan({fairs}, {}, {}, at("2023-02-06T10:00")));
  const std::vector<std::string> want = {
      "2023-02-02T09:00:00+08:00 2023-02-11 before_start 7 rsj",
      "2023-02-10T09:00:00+08:00 2023-02-11 before_start 1 rsj",
  };
  CHECK(monday == want);
  // On the day of an occurrence, that occurrence is still the next one.
  const auto sunday = plan({fairs}, {}, {}, at("2023-02-05T08:00"));
  REQUIRE(sunday.size() == 2);
  CHECK(to_iso(sunday[0].key.occurrence) == "2023-02-05");
  CHECK(plan({fairs}, {}, {}, at("2023-03-06T00:00")).empty());
  // A preview plans every occurrence: 10 weekend days, 2 leads each.
  CHECK(plan({fairs}, {}, {}, at("2023-01-01"), {std::nullopt, true, {}}).size() == 20);
  CHECK(plan({fairs}, {}, {}, at("2023-03-01"), {std::nullopt, true, {}}).size() == 4);
}

TEST_CASE("precision: month activities remind before the 1st, month deadlines before the end") {
  const Date may1 = make_date(2023, 5, 1), may31 = make_date(2023, 5, 31);
  const auto activity = lines(plan({stored(
      "a5.1", Category::kForum, reading(ReadingKind::kDate, may1, may31, Precision::kMonth))}));
  const std::vector<std::string> want = {
      "2023-04-21T09:00:00+08:00 2023-05-01 before_start 7 rsj",
      "2023-04-28T09:00:00+08:00 2023-05-01 before_start 1 rsj",
  };
  CHECK(activity == want);
  ReminderPolicy policy;
  policy.deadline_leads = {1};
  const auto deadline =
      lines(plan({stored("m1.1", Category::kDeadline,
                         reading(ReadingKind::kDate, may1, may31, Precision::kMonth))},
                 policy));
  REQUIRE(deadline.size() == 3);
  CHECK(deadline[0] == "2023-05-30T09:00:00+08:00 2023-05-31 before_deadline 1 rsj");
}

TEST_CASE("lists remind before each item; open starts before the start only") {
  Reading list = reading(ReadingKind::kList, make_date(2023, 3, 1), make_date(2023, 9, 30));
  for (unsigned m : {3u, 6u, 9u})
    list.items.push_back(reading(ReadingKind::kDate, make_date(2023, m, 1),
                                 last_day_of_month(2023, m), Precision::kMonth));
  CHECK(plan({stored("a5.1", Category::kJobFair, list)}).size() == 6);
  const auto open = lines(plan(
      {stored("a2.1", Category::kPolicyWindow,
              reading(ReadingKind::kOpenStart, make_date(2023, 3, 1), make_date(2023, 12, 31)))}));
  REQUIRE(open.size() == 2);
  CHECK(open[1] == "2023-02-28T09:00:00+08:00 2023-03-01 before_start 1 rsj");
}

TEST_CASE("unit overrides win over category overrides") {
  StoredActivity a = deadline_june_30();
  a.activity.units = {"rsj", "jw"};
  ReminderPolicy policy;
  policy.escalation = false;
  policy.category_leads[Category::kDeadline] = {10};
  policy.unit_leads["rsj"] = {3};
  const auto got = lines(plan({a}, policy));
  const std::vector<std::string> want = {
      "2023-06-15T09:00:00+08:00 2023-06-30 before_deadline 10 jw",
      "2023-06-27T09:00:00+08:00 2023-06-30 before_deadline 3 rsj",
      "2023-07-03T09:00:00+08:00 2023-06-30 overdue 1 jw",
      "2023-07-03T09:00:00+08:00 2023-06-30 overdue 1 rsj",
  };
  CHECK(got == want);
}

TEST_CASE("units default to the item's; other plans' activities are ignored") {
  StoredActivity a = deadline_june_30();
  a.activity.units.clear();
  ReminderPolicy policy;
  policy.deadline_leads = {1};
  policy.escalation = false;
  CHECK(plan({a}, policy).size() == 4);  // rsj and jw: one lead and one overdue each
  a.plan_id = "other";
  CHECK(plan({a}, policy).empty());
}

TEST_CASE("planning is deterministic and honours the horizon") {
  Reading fairs = reading(ReadingKind::kRecurring, make_date(2023, 2, 4), make_date(2023, 3, 5));
  fairs.rrule = "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230305";
  std::vector<StoredActivity> activities = {
      deadline_june_30(), stored("a1.3", Category::kJobFair, fairs, {"jw", "rsj"}),
      stored("a9.1", Category::kEvent,
             reading(ReadingKind::kDate, make_date(2023, 10, 3), make_date(2023, 10, 3)))};
  const auto first = plan(activities);
  std::reverse(activities.begin(), activities.end());
  CHECK(plan(activities) == first);
  CHECK(std::is_sorted(first.begin(), first.end(), [](const auto& a, const auto& b) {
    return std::tie(a.send_at, a.key) < std::tie(b.send_at, b.key);
  }));
  const auto near = plan(activities, {}, {}, at("2023-01-01"), {at("2023-06-29T09:00"), false, {}});
  CHECK(first.size() == 11);  // deadline 3 + 2 overdue, fairs 2 units x 2, event 2
  CHECK(near.size() == 7);    // without the overdue notices and the event's reminders
  CHECK(std::all_of(near.begin(), near.end(),
                    [](const auto& r) { return r.send_at <= at("2023-06-29T09:00"); }));
}

TEST_CASE("policy defaults and problems") {
  ReminderPolicy policy;
  CHECK(format_iso_instant(policy.send_at(make_date(2023, 1, 28)), 0) == "2023-01-28T01:00:00Z");
  CHECK(to_iso(policy.local_date(at("2023-01-28T23:30"))) == "2023-01-28");
  CHECK(policy.leads_for(Category::kDeadline, "rsj", true) == std::vector<int>{1, 7, 30});
  CHECK(policy.leads_for(Category::kJobFair, "rsj", false) == std::vector<int>{1, 7});
  CHECK(policy.problems().empty());
  policy.unit_leads["rsj"] = {-3};
  policy.overdue_delay = 0;
  CHECK(policy.problems().size() == 2);
}
