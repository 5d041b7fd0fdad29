#include "calendar/store/plan_import.hpp"

#include "calendar/model/activity_fingerprint.hpp"
#include "calendar/model/uid.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

// A stored activity's version, and whether the plan being imported still has it.
struct Seen {
  ActivityVersion version;
  bool seen = false;
};

}  // namespace

ActivityDiff diff_activities(const Plan& plan, ActivityVersions stored_versions,
                             ActivityWriter& writer) {
  std::unordered_map<std::string, Seen> stored;
  for (auto& [uid, version] : stored_versions) stored.emplace(uid, Seen{version, false});
  ActivityDiff diff;
  for (size_t i = 0; i < plan.items.size(); ++i) {
    const Item& item = plan.items[i];
    for (size_t k = 0; k < item.activities.size(); ++k) {
      const Activity& activity = item.activities[k];
      const ActivityPosition position{static_cast<std::int64_t>(i), static_cast<std::int64_t>(k)};
      const std::uint64_t fingerprint = activity_fingerprint(activity);
      auto [it, is_new] = stored.try_emplace(activity_uid(plan.id, activity.key));
      const std::string& uid = it->first;
      Seen& entry = it->second;
      if (entry.seen) throw StoreError("duplicate activity key " + activity.key);
      entry.seen = true;
      if (is_new) {
        writer.insert(uid, activity, position, fingerprint);
        ++diff.stats.added;
      } else if (entry.version.fingerprint != fingerprint) {
        writer.update(uid, activity, position, fingerprint, entry.version.sequence + 1);
        ++diff.stats.changed;
      } else {
        if (entry.version.position != position) {
          writer.move(uid, position);
          diff.moved = true;
        }
        ++diff.stats.unchanged;
      }
    }
  }
  for (const auto& [uid, entry] : stored) {
    if (entry.seen) continue;
    writer.remove(uid);
    ++diff.stats.removed;
  }
  return diff;
}

Plan plan_outline(const Plan& plan) {
  Plan outline;
  outline.id = plan.id;
  outline.title = plan.title;
  outline.issuer = plan.issuer;
  outline.document_number = plan.document_number;
  outline.published = plan.published;
  outline.effective_from = plan.effective_from;
  outline.effective_until = plan.effective_until;
  outline.timezone = plan.timezone;
  outline.year = plan.year;
  outline.escalation_unit = plan.escalation_unit;
  outline.units = plan.units;
  outline.items.reserve(plan.items.size());
  for (const Item& item : plan.items) {
    Item& copy = outline.items.emplace_back();
    copy.id = item.id;
    copy.kind = item.kind;
    copy.section = item.section;
    copy.number = item.number;
    copy.title = item.title;
    copy.text = item.text;
    copy.schedule_text = item.schedule_text;
    copy.units = item.units;
    copy.phones = item.phones;
    copy.policy = item.policy;
  }
  return outline;
}

void place_activity(Plan& plan, ActivityPosition position, StoredActivity&& stored) {
  if (position.item < 0 || static_cast<size_t>(position.item) >= plan.items.size())
    throw StoreError("activity " + stored.uid + " belongs to no item");
  plan.items[position.item].activities.push_back(std::move(stored.activity));
}

}  // namespace plancal::calendar
