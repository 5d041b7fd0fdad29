#include "calendar/reminders/reminder_policy.hpp"

#include <algorithm>

namespace plancal::calendar {
namespace {

// Lead times longer than this (about a working year and a half) are a configuration typo.
constexpr int kMaxLeadDays = 366;

void check_leads(const std::vector<int>& leads, const std::string& what,
                 std::vector<std::string>& problems) {
  for (int lead : leads)
    if (lead < 0 || lead > kMaxLeadDays)
      problems.push_back(what + ": lead time " + std::to_string(lead) + " is not in 0.." +
                         std::to_string(kMaxLeadDays) + " working days");
}

}  // namespace

std::vector<int> ReminderPolicy::leads_for(Category category, std::string_view unit_id,
                                           bool deadline) const {
  std::vector<int> leads = deadline ? deadline_leads : activity_leads;
  if (auto it = category_leads.find(category); it != category_leads.end()) leads = it->second;
  if (auto it = unit_leads.find(std::string(unit_id)); it != unit_leads.end()) leads = it->second;
  std::sort(leads.begin(), leads.end());
  leads.erase(std::unique(leads.begin(), leads.end()), leads.end());
  return leads;
}

TimePoint ReminderPolicy::send_at(Date day) const {
  return local_midnight(day, utc_offset_minutes) + send_time;
}

Date ReminderPolicy::local_date(TimePoint t) const {
  return calendar::local_date(t, utc_offset_minutes);
}

std::vector<std::string> ReminderPolicy::problems() const {
  std::vector<std::string> problems;
  if (send_time < std::chrono::minutes{0} || send_time >= std::chrono::hours{24})
    problems.push_back("send time is not a time of day");
  if (utc_offset_minutes < -14 * 60 || utc_offset_minutes > 14 * 60)
    problems.push_back("UTC offset out of range");
  check_leads(deadline_leads, "deadlines", problems);
  check_leads(activity_leads, "activities", problems);
  for (const auto& [category, leads] : category_leads)
    check_leads(leads, "category " + std::string(to_string(category)), problems);
  for (const auto& [unit, leads] : unit_leads) check_leads(leads, "unit " + unit, problems);
  if (overdue_delay < 1 || overdue_delay > kMaxLeadDays)
    problems.push_back("overdue delay " + std::to_string(overdue_delay) + " is out of range");
  return problems;
}

}  // namespace plancal::calendar
