#include "calendar/ics/feed_catalog.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

using namespace plancal::calendar;

namespace {

Item item(const std::string& id, ItemKind kind, const std::string& section,
          std::vector<std::string> units) {
  Item i;
  i.id = id;
  i.kind = kind;
  i.section = section;
  i.units = std::move(units);
  return i;
}

Plan test_plan() {
  Plan plan;
  plan.id = "jinshan-2023";
  plan.title = "金山区提信心扩需求稳增长促发展行动方案";
  plan.units = {{"rsj", "区人社局", "", {}, {}, {}, ""}, {"swj", "区商务委", "", {}, {}, {}, ""}};
  plan.items = {item("m1", ItemKind::kMeasure, "一、扩大有效投资行动", {"swj"}),
                item("m5", ItemKind::kMeasure, "三、援企稳岗扩岗行动", {"rsj"}),
                item("m6", ItemKind::kMeasure, "三、援企稳岗扩岗行动", {"rsj"}),
                item("a1", ItemKind::kProject, "三、援企稳岗扩岗行动", {"rsj", "swj"})};
  return plan;
}

StoredActivity activity(const std::string& item_id, Category category, bool is_public,
                        ReadingKind kind = ReadingKind::kDate) {
  StoredActivity s;
  s.plan_id = "jinshan-2023";
  s.uid = item_id + std::to_string(int(category));
  s.activity.item_id = item_id;
  s.activity.category = category;
  s.activity.is_public = is_public;
  s.activity.schedule.kind = kind;
  return s;
}

}  // namespace

TEST_CASE("feed ids, titles and order") {
  const auto feeds = build_feed_catalog(test_plan());
  std::vector<std::string> ids;
  for (const auto& f : feeds) ids.push_back(f.id);
  CHECK(ids == std::vector<std::string>{
                   "jinshan-2023", "jinshan-2023-unit-rsj", "jinshan-2023-unit-swj",
                   "jinshan-2023-category-job_fair", "jinshan-2023-category-event",
                   "jinshan-2023-category-forum", "jinshan-2023-category-milestone",
                   "jinshan-2023-category-policy_window", "jinshan-2023-category-deadline",
                   "jinshan-2023-section-1", "jinshan-2023-section-2", "jinshan-2023-work-rsj",
                   "jinshan-2023-work-swj"});
  CHECK(feeds[0].title == "金山区提信心扩需求稳增长促发展行动方案");
  CHECK(feeds[1].title == "金山区提信心扩需求稳增长促发展行动方案 · 区人社局");
  CHECK(feeds[3].title == "金山区提信心扩需求稳增长促发展行动方案 · 招聘活动");
  CHECK(feeds[10].title == "金山区提信心扩需求稳增长促发展行动方案 · 三、援企稳岗扩岗行动");
  CHECK(feeds[11].title == "金山区提信心扩需求稳增长促发展行动方案 · 区人社局工作日程");
  CHECK(feeds[1].path == "/feeds/jinshan-2023-unit-rsj.ics");
  for (const auto& f : feeds) CHECK(f.is_private == (f.scope == FeedScope::kUnitWork));
}

TEST_CASE("which activities each feed carries; empty feeds are kept") {
  const Plan plan = test_plan();
  const std::vector<StoredActivity> all{
      activity("m1", Category::kForum, true), activity("m5", Category::kJobFair, true),
      activity("a1", Category::kEvent, true),
      activity("m6", Category::kDeadline, false, ReadingKind::kDeadline),
      activity("a1", Category::kDeadline, false, ReadingKind::kDeadline)};
  std::map<std::string, int> counts;
  for (const auto& feed : build_feed_catalog(plan))
    counts[feed.id] = int(std::count_if(
        all.begin(), all.end(), [&](const auto& a) { return feed_includes(feed, plan, a); }));
  CHECK(counts == std::map<std::string, int>{{"jinshan-2023", 3},
                                             {"jinshan-2023-unit-rsj", 2},
                                             {"jinshan-2023-unit-swj", 2},
                                             {"jinshan-2023-category-job_fair", 1},
                                             {"jinshan-2023-category-event", 1},
                                             {"jinshan-2023-category-forum", 1},
                                             {"jinshan-2023-category-milestone", 0},
                                             {"jinshan-2023-category-policy_window", 0},
                                             {"jinshan-2023-category-deadline", 0},
                                             {"jinshan-2023-section-1", 1},
                                             {"jinshan-2023-section-2", 2},
                                             {"jinshan-2023-work-rsj", 2},
                                             {"jinshan-2023-work-swj", 1}});
}

TEST_CASE("an activity's own units override its item's") {
  const Plan plan = test_plan();
  auto a = activity("a1", Category::kEvent, true);
  a.activity.units = {"swj"};
  const auto feeds = build_feed_catalog(plan);
  CHECK_FALSE(feed_includes(feeds[1], plan, a));  // unit-rsj
  CHECK(feed_includes(feeds[2], plan, a));        // unit-swj
  a.plan_id = "other-plan";
  CHECK_FALSE(feed_includes(feeds[0], plan, a));
}

TEST_CASE("feed catalog: unit feeds, lookups and URLs come from one place") {
  const Plan plan = test_plan();
  const auto catalog = build_feed_catalog(plan);
  const FeedSpec* rsj = find_feed(catalog, FeedScope::kUnit, "rsj");
  REQUIRE(rsj != nullptr);
  const FeedSpec single = unit_feed(plan, plan.units[0]);
  CHECK(single.id == rsj->id);
  CHECK(single.path == rsj->path);
  CHECK(single.title == rsj->title);
  CHECK(feed_url("https://cal.example", *rsj) == "https://cal.example" + rsj->path);
  CHECK(find_feed(catalog, FeedScope::kUnitWork, "rsj")->is_private);
  CHECK(find_feed(catalog, FeedScope::kUnit, "nobody") == nullptr);
}
