// The store contract: plans and activities (PlanStore), for whichever backend
// tests/support/test_store.hpp opens.
#include "calendar/store/plan_store.hpp"

#include <doctest/doctest.h>

#include "calendar/model/uid.hpp"
#include "tests/support/sample_plan.hpp"
#include "tests/support/test_store.hpp"

using namespace plancal::calendar;
using plancal::testing::sample_plan;
using plancal::testing::TestStore;

namespace {

TimePoint at(int hour) { return TimePoint{std::chrono::hours{hour + 19'000 * 24}}; }

}  // namespace

TEST_CASE("plan store: import adds, round-trips and summarises a plan") {
  TestStore backend;
  auto store = backend.open();
  const Plan plan = sample_plan();
  CHECK(store->plans().import_plan(plan, at(1)) == ImportStats{3, 0, 0, 0});
  CHECK(*store->plans().load_plan(plan.id) == plan);
  const auto summaries = store->plans().list_plans();
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0].title == plan.title);
  CHECK(summaries[0].document_number == plan.document_number);
  CHECK(summaries[0].items == 3);
  CHECK(summaries[0].activities == 3);
  CHECK(summaries[0].last_modified == at(1));
  const auto stored = store->plans().activities(plan.id);
  REQUIRE(stored.size() == 3);
  CHECK(stored[0].uid == activity_uid(plan.id, "m5.1"));
  CHECK(stored[0].plan_id == plan.id);
  CHECK(stored[0].sequence == 0);
  CHECK(stored[0].created == at(1));
  CHECK(stored[0].last_modified == at(1));
  CHECK(stored[2].activity == plan.items[1].activities[0]);
}

TEST_CASE("plan store: re-importing the same plan changes nothing") {
  TestStore backend;
  auto store = backend.open();
  const Plan plan = sample_plan();
  store->plans().import_plan(plan, at(1));
  const auto before = store->plans().activities(plan.id);
  CHECK(store->plans().import_plan(plan, at(2)) == ImportStats{0, 0, 0, 3});
  CHECK(store->plans().data_version() == 1);
  CHECK(store->plans().activities(plan.id) == before);
  CHECK(store->plans().list_plans()[0].last_modified == at(1));
}

TEST_CASE("plan store: editing one activity bumps only its sequence") {
  TestStore backend;
  auto store = backend.open();
  Plan plan = sample_plan();
  store->plans().import_plan(plan, at(1));
  plan.items[0].activities[1].title = "直播带岗（第二场）";
  CHECK(store->plans().import_plan(plan, at(5)) == ImportStats{0, 1, 0, 2});
  CHECK(store->plans().data_version() == 2);
  const auto stored = store->plans().activities(plan.id);
  REQUIRE(stored.size() == 3);
  CHECK(stored[1].activity.title == "直播带岗（第二场）");
  CHECK(stored[1].sequence == 1);
  CHECK(stored[1].created == at(1));
  CHECK(stored[1].last_modified == at(5));
  for (int i : {0, 2}) {
    CHECK(stored[i].sequence == 0);
    CHECK(stored[i].last_modified == at(1));
  }
  CHECK(store->plans().list_plans()[0].last_modified == at(5));
  CHECK(*store->plans().load_plan(plan.id) == plan);
}

TEST_CASE("plan store: removing an activity never moves last_modified backwards") {
  TestStore backend;
  auto store = backend.open();
  Plan plan = sample_plan();
  store->plans().import_plan(plan, at(10));
  plan.items[0].activities.pop_back();
  CHECK(store->plans().import_plan(plan, at(3)) == ImportStats{0, 0, 1, 2});
  CHECK(store->plans().data_version() == 2);
  CHECK(store->plans().list_plans()[0].last_modified == at(10));
  CHECK(store->plans().list_plans()[0].activities == 2);
  CHECK(*store->plans().load_plan(plan.id) == plan);
}

TEST_CASE("plan store: a metadata-only change bumps data_version, not activities") {
  TestStore backend;
  auto store = backend.open();
  Plan plan = sample_plan();
  store->plans().import_plan(plan, at(1));
  plan.units[1].phones = {"57920000"};
  plan.items[2].policy->channel = "窗口办理";
  CHECK(store->plans().import_plan(plan, at(2)) == ImportStats{0, 0, 0, 3});
  CHECK(store->plans().data_version() == 2);
  CHECK(store->plans().list_plans()[0].last_modified == at(2));
  CHECK(*store->plans().load_plan(plan.id) == plan);
}
