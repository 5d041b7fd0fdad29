// The channels a planned reminder goes out on: e-mail, and each chat robot of its recipient
// (Unit::webhooks). Each channel is its own outbox row (ReminderKey::channel), so a robot
// outage neither holds back nor repeats the e-mail. Pure; thread-safe.
#pragma once

#include <vector>

#include "calendar/model/plan.hpp"
#include "calendar/model/reminder.hpp"

namespace plancal::calendar {

// `planned` (e-mail reminders, channel empty) on every channel of their recipients: one
// copy per chat robot of the recipient, and the e-mail itself unless the recipient has
// robots and no address (the e-mail of a unit with neither is kept, and skipped at
// delivery with its reason, as before robots existed).
std::vector<PlannedReminder> on_every_channel(const Plan& plan,
                                              std::vector<PlannedReminder> planned);

}  // namespace plancal::calendar
