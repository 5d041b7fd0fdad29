#include "calendar/model/plan_diff.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "calendar/model/reading_describe.hpp"

namespace plancal::calendar {

namespace {

std::vector<const Activity*> activities_of(const Plan& plan) {
  std::vector<const Activity*> out;
  for (const Item& item : plan.items)
    for (const Activity& activity : item.activities) out.push_back(&activity);
  return out;
}

std::set<std::string> spellings(const Unit& unit) {
  std::set<std::string> names(unit.aliases.begin(), unit.aliases.end());
  names.insert(unit.name);
  return names;
}

bool named_in(const Unit& unit, const Plan& plan) {
  const auto mine = spellings(unit);
  return std::any_of(plan.units.begin(), plan.units.end(), [&](const Unit& other) {
    const auto theirs = spellings(other);
    return std::any_of(mine.begin(), mine.end(),
                       [&](const std::string& n) { return theirs.count(n); });
  });
}

std::string line_of(char mark, const Activity& activity) {
  return std::string(1, mark) + " activity " + activity.key + " " + activity.title + ": " +
         describe(activity.schedule);
}

}  // namespace

bool PlanDiff::empty() const {
  return added.empty() && removed.empty() && redated.empty() && retitled.empty() &&
         units_added.empty() && units_removed.empty();
}

std::string PlanDiff::summary() const {
  return std::to_string(added.size()) + " activities added, " + std::to_string(removed.size()) +
         " removed, " + std::to_string(redated.size()) + " re-dated, " +
         std::to_string(retitled.size()) + " retitled, " + std::to_string(unchanged) +
         " unchanged; " + std::to_string(units_added.size()) + " units added, " +
         std::to_string(units_removed.size()) + " removed";
}

PlanDiff diff_plans(const Plan& before, const Plan& after) {
  PlanDiff diff;
  std::vector<const Activity*> old_ones = activities_of(before);
  std::vector<const Activity*> new_ones = activities_of(after);
  std::vector<bool> old_used(old_ones.size(), false);
  std::vector<bool> new_used(new_ones.size(), false);
  const auto pair_up = [&](auto&& same) {
    for (size_t n = 0; n < new_ones.size(); ++n) {
      if (new_used[n]) continue;
      for (size_t o = 0; o < old_ones.size(); ++o) {
        if (old_used[o] || !same(*old_ones[o], *new_ones[n])) continue;
        old_used[o] = new_used[n] = true;
        if (same_dates(old_ones[o]->schedule, new_ones[n]->schedule))
          ++diff.unchanged;
        else
          diff.redated.push_back({old_ones[o], new_ones[n]});
        break;
      }
    }
  };
  pair_up(
      [](const Activity& a, const Activity& b) { return a.key == b.key && a.title == b.title; });
  pair_up([](const Activity& a, const Activity& b) {
    return a.title == b.title && same_dates(a.schedule, b.schedule);
  });
  pair_up([](const Activity& a, const Activity& b) { return a.title == b.title; });
  for (size_t n = 0; n < new_ones.size(); ++n) {
    if (new_used[n]) continue;
    for (size_t o = 0; o < old_ones.size(); ++o)
      if (!old_used[o] && old_ones[o]->key == new_ones[n]->key &&
          same_dates(old_ones[o]->schedule, new_ones[n]->schedule)) {
        old_used[o] = new_used[n] = true;
        diff.retitled.push_back({old_ones[o], new_ones[n]});
        break;
      }
  }
  for (size_t o = 0; o < old_ones.size(); ++o)
    if (!old_used[o]) diff.removed.push_back(old_ones[o]);
  for (size_t n = 0; n < new_ones.size(); ++n)
    if (!new_used[n]) diff.added.push_back(new_ones[n]);
  for (const Unit& unit : after.units)
    if (!named_in(unit, before)) diff.units_added.push_back(&unit);
  for (const Unit& unit : before.units)
    if (!named_in(unit, after)) diff.units_removed.push_back(&unit);
  return diff;
}

std::vector<std::string> describe(const PlanDiff& diff) {
  std::vector<std::string> lines;
  for (const Unit* unit : diff.units_added)
    lines.push_back("+ unit " + unit->id + " " + unit->name);
  for (const Unit* unit : diff.units_removed)
    lines.push_back("- unit " + unit->id + " " + unit->name);
  for (const Activity* activity : diff.removed) lines.push_back(line_of('-', *activity));
  for (const Activity* activity : diff.added) lines.push_back(line_of('+', *activity));
  for (const ActivityChange& change : diff.redated)
    lines.push_back("~ activity " + change.after->key + " " + change.after->title + ": " +
                    describe(change.before->schedule) + " -> " + describe(change.after->schedule));
  for (const ActivityChange& change : diff.retitled)
    lines.push_back("* activity " + change.after->key + " retitled: " + change.before->title +
                    " -> " + change.after->title);
  return lines;
}

}  // namespace plancal::calendar
