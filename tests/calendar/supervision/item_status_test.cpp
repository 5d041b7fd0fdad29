#include "calendar/supervision/item_status.hpp"

#include <doctest/doctest.h>

#include "tests/support/bundled_holidays.hpp"

using namespace plancal::calendar;

namespace {

Reading reading(ReadingKind kind, Date start, Date end) {
  Reading r;
  r.kind = kind;
  r.start = start;
  r.end = end;
  return r;
}

Activity activity(Category category, Reading schedule, std::vector<std::string> units = {}) {
  Activity a;
  a.item_id = "p3";
  a.category = category;
  a.schedule = std::move(schedule);
  a.units = std::move(units);
  return a;
}

Plan test_plan() {
  Plan plan;
  plan.id = "t";
  plan.units = {{"rsj", "区人社局", "", {}, {}, {}, ""}, {"jyj", "区教育局", "", {}, {}, {}, ""}};
  Item item;
  item.id = "p3";
  item.units = {"rsj", "jyj"};
  const Date june30 = make_date(2023, 6, 30);
  item.activities.push_back(
      activity(Category::kDeadline, reading(ReadingKind::kDeadline, june30, june30)));
  const Date fair = make_date(2023, 9, 15);
  item.activities.push_back(
      activity(Category::kEvent, reading(ReadingKind::kDate, fair, fair), {"jyj"}));
  plan.items.push_back(item);
  return plan;
}

UnitAction act(UnitActionKind kind, std::string note = "") {
  UnitAction a;
  a.kind = kind;
  a.note = std::move(note);
  return a;
}

ItemStatus status_on(const char* unit, Date today, const UnitItemFacts& facts = {}) {
  static const Plan plan = test_plan();
  return item_status(plan, plan.items[0], unit, facts, plancal::testing::bundled_holidays(), today,
                     3);
}

}  // namespace

TEST_CASE("plan_due_date: the latest deadline of the unit's activities, else their last end") {
  const Plan plan = test_plan();
  CHECK(plan_due_date(plan, plan.items[0], "rsj") == make_date(2023, 6, 30));
  // jyj has the deadline (through the item) and the fair: the deadline decides.
  CHECK(plan_due_date(plan, plan.items[0], "jyj") == make_date(2023, 6, 30));
  Plan events = plan;
  events.items[0].activities.erase(events.items[0].activities.begin());
  CHECK(plan_due_date(events, events.items[0], "jyj") == make_date(2023, 9, 15));
  CHECK_FALSE(plan_due_date(events, events.items[0], "rsj").has_value());
}

TEST_CASE("item_status: yellow from 3 working days before the due date, red after it") {
  // 2023-06-22/23 are the Dragon Boat holiday and Sunday 06-25 a working day.
  CHECK(status_on("rsj", make_date(2023, 6, 21)).light == Light::kNone);    // 6 working days
  CHECK(status_on("rsj", make_date(2023, 6, 26)).light == Light::kNone);    // 4
  CHECK(status_on("rsj", make_date(2023, 6, 27)).light == Light::kYellow);  // 3
  CHECK(status_on("rsj", make_date(2023, 6, 30)).light == Light::kYellow);  // due today
  CHECK(status_on("rsj", make_date(2023, 7, 1)).light == Light::kRed);
  CHECK(status_on("rsj", make_date(2023, 7, 1)).state == ItemState::kNotReceived);
}

TEST_CASE(
    "item_status: states follow the unit's reports; done is green, an extension moves the due") {
  const Date july3 = make_date(2023, 7, 3);
  UnitItemFacts facts;
  facts.actions = {act(UnitActionKind::kReceipt)};
  CHECK(status_on("rsj", july3, facts).state == ItemState::kReceived);
  facts.actions.push_back(act(UnitActionKind::kProgress, "场地已定"));
  facts.actions.push_back(act(UnitActionKind::kProgress, "已发通知"));
  const ItemStatus progress = status_on("rsj", july3, facts);
  CHECK(progress.state == ItemState::kInProgress);
  REQUIRE(progress.latest_progress);
  CHECK(progress.latest_progress->note == "已发通知");
  CHECK(progress.light == Light::kRed);

  facts.approved_due = make_date(2023, 7, 14);
  const ItemStatus extended = status_on("rsj", july3, facts);
  CHECK(extended.state == ItemState::kExtended);
  CHECK(extended.due == make_date(2023, 7, 14));
  CHECK(extended.plan_due == make_date(2023, 6, 30));
  CHECK(extended.light == Light::kNone);
  CHECK(status_on("rsj", make_date(2023, 7, 11), facts).light == Light::kYellow);

  facts.acknowledged = true;
  const ItemStatus done = status_on("rsj", make_date(2023, 8, 1), facts);
  CHECK(done.state == ItemState::kDone);
  CHECK(done.light == Light::kGreen);
}
