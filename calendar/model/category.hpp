// The kinds of dated activity a plan contains. Categories drive feeds (one per category)
// and reminder lead times.
#pragma once

#include <optional>
#include <string_view>

namespace plancal::calendar {

enum class Category {
  kJobFair,       // 招聘会, 直播带岗
  kEvent,         // festivals, culture and sport events: 购物节, 艺术节, 锦标赛
  kForum,         // forums and investment events: 论坛, 推介会, 沙龙, 大会
  kMilestone,     // construction or planning milestones: 开工, 竣工, 审批, 投产
  kPolicyWindow,  // a period in which a policy applies or can be applied for
  kDeadline,      // deadlines and annual targets: "…前", 新增…个 by year end
};

// Stable identifiers used in data files, feeds and URLs: "job_fair", "event", "forum",
// "milestone", "policy_window", "deadline".
std::string_view to_string(Category category);
std::optional<Category> parse_category(std::string_view text);
// Chinese display name: 招聘活动, 节庆文体活动, 论坛与招商活动, 建设与规划节点, 政策窗口,
// 截止与目标.
std::string_view display_name(Category category);

}  // namespace plancal::calendar
