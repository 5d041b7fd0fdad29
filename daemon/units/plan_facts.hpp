// What the store knows of every (item, unit) of one plan — the units' actions, the
// acknowledgements and the approved extensions — read once, for a unit's page, the board
// and the weekly report. Store failures throw calendar::StoreError.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calendar/store/acknowledgements.hpp"
#include "calendar/store/unit_actions.hpp"
#include "calendar/supervision/item_status.hpp"

namespace plancal::daemon {

struct UnitFactStores {
  calendar::UnitActionStore& unit_actions;
  calendar::AcknowledgementStore& acknowledgements;
};

struct PlanFacts {
  std::map<std::pair<std::string, std::string>, std::vector<calendar::UnitAction>> actions;
  std::set<std::pair<std::string, std::string>> acknowledged;
  calendar::ApprovedExtensions approved;

  // The facts of one unit on one item.
  calendar::UnitItemFacts of(const std::string& item_id, const std::string& unit_id) const;
};

// The plan's facts; only the actions of `item_id` unless it is empty.
PlanFacts read_plan_facts(const UnitFactStores& stores, const std::string& plan_id,
                          std::string_view item_id = {});

}  // namespace plancal::daemon
