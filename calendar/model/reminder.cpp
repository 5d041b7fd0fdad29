#include "calendar/model/reminder.hpp"

#include "calendar/model/enum_names.hpp"

namespace plancal::calendar {
namespace {

constexpr EnumNames<ReminderKind, 4> kReminderKindNames{{
    {ReminderKind::kBeforeStart, "before_start"},
    {ReminderKind::kBeforeDeadline, "before_deadline"},
    {ReminderKind::kOverdue, "overdue"},
    {ReminderKind::kReport, "report"},
}};

}  // namespace

std::string_view to_string(ReminderKind kind) { return name_of(kReminderKindNames, kind); }

bool parse_reminder_kind(std::string_view text, ReminderKind& out) {
  return value_of(kReminderKindNames, text, out);
}

std::string report_uid(const std::string& plan_id) { return plan_id + ".report@plancal"; }

std::string ReminderKey::to_string() const {
  return activity_uid + "/" + to_iso(occurrence) + "/" + unit_id + "/" +
         std::string(plancal::calendar::to_string(kind)) + "/" + std::to_string(lead_days) +
         (escalated_unit.empty() ? "" : "/" + escalated_unit) +
         (channel.empty() ? "" : "/@" + channel);
}

}  // namespace plancal::calendar
