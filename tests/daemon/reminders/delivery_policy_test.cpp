#include "daemon/reminders/delivery_policy.hpp"

#include <doctest/doctest.h>

#include "calendar/model/time_format.hpp"

using namespace plancal;
using namespace plancal::daemon;
using calendar::ReminderKind;
using calendar::TimePoint;

namespace {

TimePoint at(const char* text) {
  return *calendar::parse_iso_instant(text, calendar::kChinaOffsetMinutes);
}

calendar::OutboxEntry entry(ReminderKind kind, const char* occurrence, const char* send_at) {
  calendar::OutboxEntry e;
  e.key.kind = kind;
  e.key.occurrence = *calendar::parse_iso_date(occurrence);
  e.send_at = at(send_at);
  return e;
}

DeliveryAction action(const calendar::OutboxEntry& e, const char* now) {
  return decide_delivery(e, at(now), calendar::kChinaOffsetMinutes, DeliveryTiming{}).action;
}

}  // namespace

TEST_CASE("within the grace hour a reminder is on time") {
  const auto e = entry(ReminderKind::kBeforeStart, "2023-02-04", "2023-01-28T09:00");
  CHECK(action(e, "2023-01-28T09:00") == DeliveryAction::kSend);
  CHECK(action(e, "2023-01-28T10:00") == DeliveryAction::kSend);
  CHECK(action(e, "2023-01-28T10:00:01") == DeliveryAction::kSendLate);
}

TEST_CASE("a late reminder before a start is useful until the local start of that day") {
  const auto e = entry(ReminderKind::kBeforeStart, "2023-02-04", "2023-02-03T09:00");
  CHECK(action(e, "2023-02-03T23:59:59") == DeliveryAction::kSendLate);
  const auto skip = decide_delivery(e, at("2023-02-04T00:00"), calendar::kChinaOffsetMinutes, {});
  CHECK(skip.action == DeliveryAction::kSkip);
  CHECK(skip.reason == "too late: the activity started at 2023-02-04T00:00:00+08:00");
}

TEST_CASE("a late deadline reminder is useful until the end of the due date") {
  const auto e = entry(ReminderKind::kBeforeDeadline, "2023-06-30", "2023-06-29T09:00");
  CHECK(action(e, "2023-06-30T23:59:59") == DeliveryAction::kSendLate);
  CHECK(action(e, "2023-07-01T00:00") == DeliveryAction::kSkip);
}

TEST_CASE("an overdue notice goes stale a week after it was due") {
  const auto e = entry(ReminderKind::kOverdue, "2023-06-30", "2023-07-03T09:00");
  CHECK(action(e, "2023-07-10T08:59:59") == DeliveryAction::kSendLate);
  CHECK(action(e, "2023-07-10T09:00") == DeliveryAction::kSkip);
}

TEST_CASE("lateness counts from the end of a snooze") {
  auto e = entry(ReminderKind::kBeforeStart, "2023-02-04", "2023-01-28T09:00");
  e.snoozed_until = at("2023-02-01T09:00");
  CHECK(intended_time(e) == at("2023-02-01T09:00"));
  CHECK(action(e, "2023-02-01T09:30") == DeliveryAction::kSend);
}
