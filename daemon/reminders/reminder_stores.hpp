// The store slices reminder delivery reads and writes: the outbox, and what the units and
// the operators said (acknowledgements; approved extensions move a unit's due dates; the
// units' actions feed the weekly report).
#pragma once

#include "calendar/store/acknowledgements.hpp"
#include "calendar/store/outbox.hpp"
#include "calendar/store/unit_actions.hpp"

namespace plancal::daemon {

struct ReminderStores {
  calendar::Outbox& outbox;
  calendar::AcknowledgementStore& acknowledgements;
  calendar::UnitActionStore& unit_actions;
};

}  // namespace plancal::daemon
