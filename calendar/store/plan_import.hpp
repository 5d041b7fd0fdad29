// What importing a plan changes, for every backend: the plan's outline (everything but the
// activities), and the activities matched by UID against the stored versions — new ones
// added, changed ones re-versioned (sequence + 1), moved ones re-placed, vanished ones
// removed. The backend reads the stored versions, calls diff_activities() inside its
// transaction with a writer of its own, and bumps its data version when anything changed.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "calendar/model/plan.hpp"
#include "calendar/model/stored_activity.hpp"
#include "calendar/store/plan_store.hpp"

namespace plancal::calendar {

// Where an activity sits in its plan: the index of its item, and its index in that item.
struct ActivityPosition {
  std::int64_t item = 0;
  std::int64_t index = 0;
  bool operator==(const ActivityPosition&) const = default;
};

struct ActivityVersion {
  std::uint64_t fingerprint = 0;  // activity_fingerprint() of the stored content
  int sequence = 0;
  ActivityPosition position;
};

// uid -> version of every stored activity of one plan.
using ActivityVersions = std::unordered_map<std::string, ActivityVersion>;

// A backend's writes of activity rows, run inside its import transaction.
class ActivityWriter {
 public:
  virtual ~ActivityWriter() = default;
  // A new activity: sequence 0, created = last_modified = the import's time.
  virtual void insert(const std::string& uid, const Activity& activity, ActivityPosition position,
                      std::uint64_t fingerprint) = 0;
  // New content for a stored activity: sequence as given, last_modified = the import's time.
  virtual void update(const std::string& uid, const Activity& activity, ActivityPosition position,
                      std::uint64_t fingerprint, int sequence) = 0;
  // Same content at another place in the plan; versioning untouched.
  virtual void move(const std::string& uid, ActivityPosition position) = 0;
  virtual void remove(const std::string& uid) = 0;
};

struct ActivityDiff {
  ImportStats stats;
  bool moved = false;  // an unchanged activity changed place (an outline change)
  bool changed() const { return stats.added > 0 || stats.changed > 0 || stats.removed > 0; }
};

// Brings the stored activities `stored` of `plan` in line with it through `writer`.
// Throws StoreError on a key used twice in the plan.
ActivityDiff diff_activities(const Plan& plan, ActivityVersions stored, ActivityWriter& writer);

// `plan` without its items' activities: what a backend compares and stores as the outline.
Plan plan_outline(const Plan& plan);

// Puts a stored activity back into its item of the outline `plan` (load_plan()). Throws
// StoreError when `position` names no item.
void place_activity(Plan& plan, ActivityPosition position, StoredActivity&& stored);

}  // namespace plancal::calendar
