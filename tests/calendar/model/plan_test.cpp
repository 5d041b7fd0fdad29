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

namespace {

Item heading_item(const std::string& id, ItemKind kind, const std::string& section,
                  const std::string& title = "") {
  Item item;
  item.id = id;
  item.kind = kind;
  item.section = section;
  item.title = title;
  return item;
}

}  // namespace

TEST_CASE("plan: a task-table row counts under the main-text section its heading maps to") {
  Plan plan;
  plan.items = {
      heading_item("m1", ItemKind::kMeasure, "二、助企纾困行动", "全面落实各项税费优惠政策"),
      heading_item("m25", ItemKind::kMeasure, "十、重点区域领跑行动", "加快推动滨海地区转型"),
      // the policy table's heading is measure 1's title
      heading_item("p1", ItemKind::kPolicy, "一、全面落实各项税费优惠政策"),
      // the project table's heading is a main-text section's title, numbered otherwise
      heading_item("a22", ItemKind::kProject, "九、 重点区域领跑行动"),
      // a heading the main text does not have stays a section of its own
      heading_item("a30", ItemKind::kProject, "十一、其他事项"),
      heading_item("a31", ItemKind::kProject, ""),
  };
  CHECK(plan.section_of(plan.items[0]) == "二、助企纾困行动");
  CHECK(plan.section_of(plan.items[2]) == "二、助企纾困行动");
  CHECK(plan.section_of(plan.items[3]) == "十、重点区域领跑行动");
  CHECK(plan.section_of(plan.items[4]) == "十一、其他事项");
  CHECK(plan.section_of(plan.items[5]).empty());
  CHECK(plan.sections() ==
        std::vector<std::string>{"二、助企纾困行动", "十、重点区域领跑行动", "十一、其他事项"});
}
