#include "daemon/units/plan_facts.hpp"

namespace plancal::daemon {

calendar::UnitItemFacts PlanFacts::of(const std::string& item_id,
                                      const std::string& unit_id) const {
  calendar::UnitItemFacts facts;
  if (auto it = actions.find({item_id, unit_id}); it != actions.end()) facts.actions = it->second;
  facts.acknowledged = acknowledged.count({item_id, unit_id}) > 0;
  if (auto it = approved.find({item_id, unit_id}); it != approved.end())
    facts.approved_due = it->second;
  return facts;
}

PlanFacts read_plan_facts(const UnitFactStores& stores, const std::string& plan_id,
                          std::string_view item_id) {
  PlanFacts facts;
  for (calendar::UnitAction& a : stores.unit_actions.list(plan_id, item_id))
    facts.actions[{a.item_id, a.unit_id}].push_back(std::move(a));
  facts.acknowledged = stores.acknowledgements.acknowledged(plan_id);
  facts.approved = stores.unit_actions.approved_extensions(plan_id);
  return facts;
}

}  // namespace plancal::daemon
