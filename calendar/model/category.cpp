#include "calendar/model/category.hpp"

#include <array>

namespace plancal::calendar {
namespace {

struct CategoryInfo {
  Category category;
  std::string_view id;
  std::string_view display;
};

constexpr std::array<CategoryInfo, 6> kCategories{{
    {Category::kJobFair, "job_fair", "招聘活动"},
    {Category::kEvent, "event", "节庆文体活动"},
    {Category::kForum, "forum", "论坛与招商活动"},
    {Category::kMilestone, "milestone", "建设与规划节点"},
    {Category::kPolicyWindow, "policy_window", "政策窗口"},
    {Category::kDeadline, "deadline", "截止与目标"},
}};

const CategoryInfo& info(Category c) {
  for (const auto& i : kCategories)
    if (i.category == c) return i;
  return kCategories.back();
}

}  // namespace

std::string_view to_string(Category category) { return info(category).id; }
std::string_view display_name(Category category) { return info(category).display; }

std::optional<Category> parse_category(std::string_view text) {
  for (const auto& i : kCategories)
    if (i.id == text) return i.category;
  return std::nullopt;
}

}  // namespace plancal::calendar
