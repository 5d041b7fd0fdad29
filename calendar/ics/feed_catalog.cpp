#include "calendar/ics/feed_catalog.hpp"

#include <algorithm>
#include <array>

namespace plancal::calendar {
namespace {

constexpr std::array kCategories{Category::kJobFair,      Category::kEvent,
                                 Category::kForum,        Category::kMilestone,
                                 Category::kPolicyWindow, Category::kDeadline};

FeedSpec make_feed(const Plan& plan, FeedScope scope, const std::string& suffix,
                   const std::string& key, const std::string& title_suffix,
                   const std::string& what) {
  FeedSpec feed;
  feed.id = suffix.empty() ? plan.id : plan.id + "-" + suffix;
  feed.path = "/feeds/" + feed.id + ".ics";
  feed.title = title_suffix.empty() ? plan.title : plan.title + " · " + title_suffix;
  feed.description = "《" + plan.title + "》";
  if (!plan.document_number.empty()) feed.description += "（" + plan.document_number + "）";
  feed.description += what;
  feed.scope = scope;
  feed.is_private = scope == FeedScope::kUnitWork;
  feed.plan_id = plan.id;
  feed.key = key;
  return feed;
}

bool in_section(const Plan& plan, const Activity& a, const std::string& section) {
  const Item* item = plan.find_item(a.item_id);
  return item != nullptr && plan.section_of(*item) == section;
}

bool is_work(const Activity& a) {
  return a.category == Category::kDeadline || a.schedule.kind == ReadingKind::kDeadline;
}

}  // namespace

FeedSpec unit_feed(const Plan& plan, const Unit& unit) {
  return make_feed(plan, FeedScope::kUnit, "unit-" + unit.id, unit.id, unit.name,
                   "中" + unit.name + "负责的公开活动");
}

const FeedSpec* find_feed(const std::vector<FeedSpec>& catalog, FeedScope scope,
                          std::string_view key) {
  for (const FeedSpec& feed : catalog)
    if (feed.scope == scope && feed.key == key) return &feed;
  return nullptr;
}

std::string feed_url(std::string_view base_url, const FeedSpec& feed) {
  return std::string(base_url) + feed.path;
}

std::vector<FeedSpec> build_feed_catalog(const Plan& plan) {
  std::vector<FeedSpec> feeds;
  feeds.push_back(make_feed(plan, FeedScope::kPlan, "", "", "", "全部公开活动"));
  for (const Unit& unit : plan.units) feeds.push_back(unit_feed(plan, unit));
  for (Category category : kCategories) {
    const std::string id(to_string(category));
    const std::string name(display_name(category));
    feeds.push_back(make_feed(plan, FeedScope::kCategory, "category-" + id, id, name,
                              "中的" + name + "（公开）"));
  }
  const auto all_sections = plan.sections();
  for (size_t i = 0; i < all_sections.size(); ++i) {
    const std::string number = std::to_string(i + 1);
    feeds.push_back(make_feed(plan, FeedScope::kSection, "section-" + number, number,
                              all_sections[i], "“" + all_sections[i] + "”部分的公开活动"));
    feeds.back().section = all_sections[i];
  }
  for (const Unit& unit : plan.units)
    feeds.push_back(make_feed(plan, FeedScope::kUnitWork, "work-" + unit.id, unit.id,
                              unit.name + "工作日程",
                              "中" + unit.name + "负责的截止事项与目标（内部）"));
  return feeds;
}

std::string item_url(std::string_view base_url, std::string_view plan_id,
                     std::string_view item_id) {
  return std::string(base_url) + "/items/" + std::string(plan_id) + "/" + std::string(item_id);
}

bool feed_includes(const FeedSpec& feed, const Plan& plan, const StoredActivity& stored) {
  const Activity& a = stored.activity;
  if (stored.plan_id != feed.plan_id) return false;
  if (feed.scope == FeedScope::kUnitWork) return is_work(a) && plan.is_responsible(a, feed.key);
  if (!a.is_public) return false;
  switch (feed.scope) {
    case FeedScope::kPlan:
      return true;
    case FeedScope::kUnit:
      return plan.is_responsible(a, feed.key);
    case FeedScope::kCategory:
      return to_string(a.category) == feed.key;
    case FeedScope::kSection:
      return in_section(plan, a, feed.section);
    case FeedScope::kUnitWork:
      break;
  }
  return false;
}

}  // namespace plancal::calendar
