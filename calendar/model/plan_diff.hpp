// What changed between two versions of a plan, in plan terms: activities added, removed,
// re-dated and retitled, units added and removed. Activities are matched by key and title,
// then by title alone (so a draft compared with a hand-kept file, or next year's plan with
// this year's, pairs the same activity even when items were renumbered), then by key and
// dates (a reviewer's new title).
#pragma once

#include <string>
#include <vector>

#include "calendar/model/plan.hpp"

namespace plancal::calendar {

struct ActivityChange {
  const Activity* before = nullptr;  // null: added
  const Activity* after = nullptr;   // null: removed
};

struct PlanDiff {
  std::vector<const Activity*> added;
  std::vector<const Activity*> removed;
  std::vector<ActivityChange> redated;   // same activity, other dates
  std::vector<ActivityChange> retitled;  // same key and dates, another title
  size_t unchanged = 0;
  std::vector<const Unit*> units_added;
  std::vector<const Unit*> units_removed;

  bool empty() const;
  std::string summary() const;  // "3 activities added, 1 removed, 2 re-dated, …"
};

// The plans must outlive the diff: it points into them.
PlanDiff diff_plans(const Plan& before, const Plan& after);

// One line per change: "+ activity a3.8 金山旅游节活动: 9月 (2024-09, month)".
std::vector<std::string> describe(const PlanDiff& diff);

}  // namespace plancal::calendar
