// The reminder scheduler's settings: one plain struct with documented defaults, kept apart
// from reminder_scheduler.hpp so that ReminderService's header (what main.cpp includes)
// stays free of the scheduler and the mail transport interface.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "calendar/reminders/report_planner.hpp"

#include "daemon/reminders/backoff.hpp"
#include "daemon/reminders/delivery_policy.hpp"

namespace plancal::daemon {

struct SchedulerOptions {
  int batch_size = 20;                // rows claimed per timer wake-up
  std::chrono::seconds max_wait{60};  // the timer re-checks at least this often
  // A claim holds this long unless renewed; the service renews its claims every third of
  // it while it sends. A lapsed claim ([cluster] lease_seconds) goes back to pending, for
  // this daemon or another sharing the outbox to send.
  std::chrono::seconds claim_lease{300};
  DeliveryTiming timing;                           // late grace, usefulness of late reminders
  BackoffPolicy backoff;                           // retries after transient failures
  std::string from_address = "plancal@localhost";  // From and envelope sender
  std::string from_name;                           // display name of From; may be empty
  std::string base_url;                            // for the feed link in the message
  // [units] weekly_report: each plan's weekly 情况通报 to its escalation unit; nullopt: none.
  std::optional<calendar::WeeklyReportTime> weekly_report;
  int yellow_days = 3;  // [units] yellow_working_days, for the report's yellow lights
};

}  // namespace plancal::daemon
