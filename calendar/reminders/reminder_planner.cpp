#include "calendar/reminders/reminder_planner.hpp"

#include <algorithm>
#include <tuple>

#include "calendar/model/recurrence.hpp"

namespace plancal::calendar {
namespace {

// One date an activity reminds of.
struct Due {
  Date date;
  ReminderKind kind;  // kBeforeStart or kBeforeDeadline
  bool can_be_overdue;
};

struct Expansion {
  Date today;
  bool all_occurrences;
};

// The last day of the period of a recurrence occurrence starting on `start`: the
// occurrences of "每月" (month precision) and "每季度" (quarter precision) are periods.
Date period_end(Date start, Precision precision) {
  const int year = int(start.year());
  const unsigned month = unsigned(start.month());
  switch (precision) {
    case Precision::kMonth:
      return last_day_of_month(year, month);
    case Precision::kQuarter:
      return last_day_of_month(year + int(month + 1) / 12, (month + 1) % 12 + 1);
    default:
      return start;
  }
}

void recurring_dues(const Reading& r, bool deadline, const Expansion& x, std::vector<Due>& out) {
  const auto rule = parse_rrule(r.rrule);
  std::vector<Date> starts{r.start};  // a rule the loader let through but is not understood
  if (rule) starts = occurrences(*rule, r.start, r.start, r.end);
  for (Date start : starts) {
    const Date date = deadline ? period_end(start, r.precision) : start;
    if (date < x.today) continue;
    out.push_back(
        {date, deadline ? ReminderKind::kBeforeDeadline : ReminderKind::kBeforeStart, false});
    if (!x.all_occurrences) return;
  }
}

// The dates `r` reminds of, for an activity of a deadline category or not.
void collect_dues(const Reading& r, bool deadline_category, const Expansion& x,
                  std::vector<Due>& out) {
  const bool deadline = deadline_category || r.kind == ReadingKind::kDeadline;
  switch (r.kind) {
    case ReadingKind::kDate:
    case ReadingKind::kSpan:
    case ReadingKind::kDeadline:
      if (deadline)
        out.push_back({r.end, ReminderKind::kBeforeDeadline, true});
      else
        out.push_back({r.start, ReminderKind::kBeforeStart, false});
      return;
    case ReadingKind::kOpenStart:  // its end is only the context bound
      out.push_back({r.start, ReminderKind::kBeforeStart, false});
      return;
    case ReadingKind::kRecurring:
      recurring_dues(r, deadline, x, out);
      return;
    case ReadingKind::kList:
      for (const Reading& item : r.items) collect_dues(item, deadline_category, x, out);
      return;
  }
}

std::vector<std::string> recipients(const Plan& plan, const Activity& activity) {
  std::vector<std::string> unique;
  for (const auto& unit : plan.units_of(activity))
    if (std::find(unique.begin(), unique.end(), unit) == unique.end()) unique.push_back(unit);
  return unique;
}

std::string escalation_unit(const Plan& plan, const std::string& unit_id) {
  const Unit* unit = plan.find_unit(unit_id);
  if (unit != nullptr && !unit->escalation_unit.empty()) return unit->escalation_unit;
  return plan.escalation_unit;
}

class Planner {
 public:
  Planner(const Plan& plan, const HolidayCalendar& holidays, const ReminderPolicy& policy)
      : plan_(plan), holidays_(holidays), policy_(policy) {}

  void add_unit(const StoredActivity& stored, const std::string& unit, const Due& due) {
    const Activity& activity = stored.activity;
    const bool deadline = due.kind == ReminderKind::kBeforeDeadline;
    for (int lead : policy_.leads_for(activity.category, unit, deadline)) {
      const Date day = lead == 0 ? holidays_.previous_working_day(due.date)
                                 : holidays_.add_working_days(due.date, -lead);
      add(stored, day, {stored.uid, due.date, unit, due.kind, lead, ""}, unit);
    }
    if (!due.can_be_overdue) return;
    const int delay = policy_.overdue_delay;
    const Date day = holidays_.add_working_days(due.date, delay);
    add(stored, day, {stored.uid, due.date, unit, ReminderKind::kOverdue, delay, ""}, unit);
    const std::string boss = escalation_unit(plan_, unit);
    if (policy_.escalation && !boss.empty() && boss != unit)
      add(stored, day, {stored.uid, due.date, boss, ReminderKind::kOverdue, delay, unit}, unit);
  }

  std::vector<PlannedReminder> take() && { return std::move(out_); }

 private:
  void add(const StoredActivity& stored, Date day, ReminderKey key, const std::string& about) {
    out_.push_back(
        {std::move(key), policy_.send_at(day), plan_.id, stored.activity.item_id, about});
  }

  const Plan& plan_;
  const HolidayCalendar& holidays_;
  const ReminderPolicy& policy_;
  std::vector<PlannedReminder> out_;
};

}  // namespace

std::vector<PlannedReminder> plan_reminders(const Plan& plan,
                                            const std::vector<StoredActivity>& activities,
                                            const HolidayCalendar& holidays,
                                            const ReminderPolicy& policy,
                                            const Acknowledgements& acknowledged, TimePoint now,
                                            const PlanningOptions& options) {
  const Expansion expansion{policy.local_date(now), options.all_occurrences};
  Planner planner(plan, holidays, policy);
  for (const StoredActivity& stored : activities) {
    if (stored.plan_id != plan.id) continue;
    const Activity& activity = stored.activity;
    std::vector<Due> dues;
    collect_dues(activity.schedule, activity.category == Category::kDeadline, expansion, dues);
    for (const std::string& unit : recipients(plan, activity)) {
      if (acknowledged.count({activity.item_id, unit})) continue;
      const auto extended = options.extended_due.find({activity.item_id, unit});
      for (Due due : dues) {
        if (extended != options.extended_due.end() && due.kind == ReminderKind::kBeforeDeadline &&
            due.date < extended->second)
          due.date = extended->second;
        planner.add_unit(stored, unit, due);
      }
    }
  }
  std::vector<PlannedReminder> out = std::move(planner).take();
  if (options.horizon)
    std::erase_if(out, [&](const PlannedReminder& r) { return r.send_at > *options.horizon; });
  std::sort(out.begin(), out.end(), [](const PlannedReminder& a, const PlannedReminder& b) {
    return std::tie(a.send_at, a.key) < std::tie(b.send_at, b.key);
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace plancal::calendar
