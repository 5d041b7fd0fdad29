// Stored keys are checked against a sorted index of the planned keys' hashes (16 bytes per
// planned reminder), confirmed by comparing the keys themselves: no second copy of the plan.
#include "calendar/store/outbox_replan.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <utility>

#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

// Whether a key is among the planned reminders' keys.
class PlannedKeys {
 public:
  explicit PlannedKeys(const std::vector<PlannedReminder>& planned) : planned_(planned) {
    if (planned.size() > UINT32_MAX) throw StoreError("too many planned reminders");
    hashes_.reserve(planned.size());
    for (std::uint32_t i = 0; i < planned.size(); ++i)
      hashes_.emplace_back(hash(planned[i].key.to_string()), i);
    std::sort(hashes_.begin(), hashes_.end());
  }

  bool contains(const std::string& key) const {
    const std::uint64_t h = hash(key);
    for (auto it = std::lower_bound(hashes_.begin(), hashes_.end(), std::pair{h, 0u});
         it != hashes_.end() && it->first == h; ++it)
      if (planned_[it->second].key.to_string() == key) return true;
    return false;
  }

 private:
  static std::uint64_t hash(const std::string& key) { return std::hash<std::string>{}(key); }

  const std::vector<PlannedReminder>& planned_;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> hashes_;
};

// Applies one planned reminder and counts what happened to it.
void merge(ReplanRows& rows, const PlannedReminder& reminder, TimePoint now, ReplanResult& result) {
  const std::string key = reminder.key.to_string();
  const bool late = reminder.send_at < now;
  const std::optional<ReplanRow> row = rows.find(key);
  if (!row) {
    rows.insert(key, reminder, late);
    ++result.inserted;
    return;
  }
  const bool moved = row->send_at != reminder.send_at;
  OutboxState state = row->state;
  if (state == OutboxState::kCancelled) {
    state = OutboxState::kPending;
    ++result.restored;
  } else if (state != OutboxState::kPending && state != OutboxState::kFailed) {
    ++result.kept;
    return;
  } else if (moved) {
    ++result.rescheduled;
  } else {
    ++result.unchanged;
    return;
  }
  rows.update(*row, state, reminder.send_at, late);
}

}  // namespace

ReplanResult merge_planned(const std::vector<PlannedReminder>& planned, TimePoint now,
                           ReplanRows& rows) {
  ReplanResult result;
  for (const PlannedReminder& reminder : planned) merge(rows, reminder, now, result);
  const PlannedKeys keys(planned);
  std::vector<std::int64_t> unplanned;
  rows.each_pending_or_failed([&](std::int64_t id, const std::string& key) {
    if (!keys.contains(key)) unplanned.push_back(id);
  });
  rows.cancel(unplanned);
  result.cancelled = static_cast<int>(unplanned.size());
  return result;
}

}  // namespace plancal::calendar
