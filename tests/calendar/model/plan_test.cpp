#include "calendar/model/plan.hpp"

#include <doctest/doctest.h>

using namespace plancal::calendar;

namespace {

Plan two_unit_plan() {
  Plan plan;
  plan.id = "p";
  plan.units = {{"rsj", "区人社局", "", {}, {}, {}, ""}, {"nameless", "", "", {}, {}, {}, ""}};
  Item item;
  item.id = "m5";
  item.units = {"rsj", "fgw"};
  item.activities.resize(2);
  item.activities[0].key = "m5.1";
  item.activities[0].item_id = "m5";
  item.activities[0].units = {"fgw"};
  item.activities[1].key = "m5.2";
  item.activities[1].item_id = "m5";
  plan.items = {item};
  return plan;
}

}  // namespace

TEST_CASE("plan: an activity's units are its own, else its item's") {
  const Plan plan = two_unit_plan();
  const Item& item = plan.items[0];
  CHECK(item.activities[0].units_or(item) == std::vector<std::string>{"fgw"});
  CHECK(item.activities[1].units_or(item) == std::vector<std::string>{"rsj", "fgw"});
  CHECK(plan.units_of(item.activities[1]) == item.units);
  CHECK(plan.is_responsible(item.activities[0], "fgw"));
  CHECK_FALSE(plan.is_responsible(item.activities[0], "rsj"));
  CHECK(plan.is_responsible(item.activities[1], "rsj"));
  Activity orphan;
  orphan.item_id = "nowhere";
  CHECK(plan.units_of(orphan).empty());
}

TEST_CASE("plan: a unit's name, or its id when the plan has no name for it") {
  const Plan plan = two_unit_plan();
  CHECK(plan.unit_name("rsj") == "区人社局");
  CHECK(plan.unit_name("nameless") == "nameless");
  CHECK(plan.unit_name("fgw") == "fgw");
}
