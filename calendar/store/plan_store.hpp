// Imported plans and their versioned activities, in domain terms (no SQL here): what the
// feeds, the planner and plancalctl read, and what an import writes. Backend failures
// throw StoreError. Not thread-safe: one owner at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/plan.hpp"
#include "calendar/model/stored_activity.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {

struct ImportStats {
  int added = 0;
  int changed = 0;
  int removed = 0;
  int unchanged = 0;
  bool operator==(const ImportStats&) const = default;
};

struct PlanSummary {
  std::string id;
  std::string title;
  std::string document_number;
  int items = 0;
  int activities = 0;
  TimePoint last_modified{};  // never moves backwards, also when activities are removed
};

class PlanStore {
 public:
  virtual ~PlanStore() = default;

  // Replaces the stored plan with `plan` in one transaction: activities are matched by
  // UID; new ones are added, changed ones get sequence+1 and last_modified = now, vanished
  // ones are removed; identical ones are untouched. Importing the same plan twice changes
  // nothing (all unchanged, data_version unchanged).
  virtual ImportStats import_plan(const Plan& plan, TimePoint now) = 0;

  // Every stored plan, by id.
  virtual std::vector<PlanSummary> list_plans() = 0;
  // The plan as last imported (units, items, activities); nullopt if unknown.
  virtual std::optional<Plan> load_plan(std::string_view plan_id) = 0;
  virtual std::vector<StoredActivity> activities(std::string_view plan_id) = 0;

  // Increases with every import that changed anything; feeds are rendered per version.
  virtual std::int64_t data_version() = 0;
};

}  // namespace plancal::calendar
