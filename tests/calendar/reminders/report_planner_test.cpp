#include "calendar/reminders/report_planner.hpp"

#include <doctest/doctest.h>

#include "calendar/model/time_format.hpp"
#include "tests/support/bundled_holidays.hpp"

using namespace plancal::calendar;

namespace {

Plan plan_with_office() {
  Plan plan;
  plan.id = "t";
  plan.escalation_unit = "fgw";
  return plan;
}

TimePoint at(const char* text) { return *parse_iso_instant(text, kChinaOffsetMinutes); }

std::string when(const PlannedReminder& r) {
  return format_iso_instant(r.send_at, kChinaOffsetMinutes);
}

}  // namespace

TEST_CASE("weekly report: this week's and next week's Friday 16:00, one key per week") {
  const auto reports = plan_weekly_reports(plan_with_office(), plancal::testing::bundled_holidays(),
                                           {}, at("2023-11-22T10:00"));
  REQUIRE(reports.size() == 2);
  CHECK(when(reports[0]) == "2023-11-24T16:00:00+08:00");
  CHECK(when(reports[1]) == "2023-12-01T16:00:00+08:00");
  CHECK(reports[0].key.to_string() == "t.report@plancal/2023-11-20/fgw/report/0");
  CHECK(reports[0].key.kind == ReminderKind::kReport);
  CHECK(reports[0].about_unit == "fgw");
  // Later in the same week: the same key (the outbox sends it once).
  const auto again = plan_weekly_reports(plan_with_office(), plancal::testing::bundled_holidays(),
                                         {}, at("2023-11-26T23:00"));
  CHECK(again[0].key == reports[0].key);
}

TEST_CASE("weekly report: a holiday moves it to the last working day before it in its week") {
  // 2023-09-29 (Fri) and the National Day week are holidays; Sat 10-07 and Sun 10-08 work.
  const auto reports = plan_weekly_reports(plan_with_office(), plancal::testing::bundled_holidays(),
                                           {5, std::chrono::minutes(9 * 60)}, at("2023-09-25"));
  REQUIRE(reports.size() == 1);  // 10-02 … 10-06 has no working day up to Friday
  CHECK(when(reports[0]) == "2023-09-28T09:00:00+08:00");
  Plan no_office = plan_with_office();
  no_office.escalation_unit.clear();
  CHECK(plan_weekly_reports(no_office, plancal::testing::bundled_holidays(), {}, at("2023-09-25"))
            .empty());
}
