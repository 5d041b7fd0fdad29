#include "calendar/reminders/reminder_channels.hpp"

#include <utility>

namespace plancal::calendar {

std::vector<PlannedReminder> on_every_channel(const Plan& plan,
                                              std::vector<PlannedReminder> planned) {
  std::vector<PlannedReminder> out;
  out.reserve(planned.size());
  for (PlannedReminder& reminder : planned) {
    const Unit* recipient = plan.find_unit(reminder.key.unit_id);
    if (recipient == nullptr || recipient->webhooks.empty()) {
      out.push_back(std::move(reminder));
      continue;
    }
    for (const Webhook& webhook : recipient->webhooks) {
      PlannedReminder copy = reminder;
      copy.key.channel = webhook.id;
      out.push_back(std::move(copy));
    }
    if (!recipient->emails.empty()) out.push_back(std::move(reminder));
  }
  return out;
}

}  // namespace plancal::calendar
