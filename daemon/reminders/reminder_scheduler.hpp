// The reminder scheduler's logic, without I/O or threads: plans the current data into the
// outbox, says how long to sleep, claims what is due and turns each claimed row into a
// message ready to send (or skips it, see delivery_policy.hpp), and maps a transport's
// result onto the outbox (sent / retry with backoff / failed). ReminderService drives it
// from one Asio timer and sends on a worker thread; tests drive it with a testing::ManualClock.
//
// Planning covers every plan of the snapshot with its stored acknowledgements and approved
// extensions at
// clock.now(), keeping only the next occurrence of recurring activities, then records the
// time (set_last_planned_at). Re-plan after each sent batch (the next occurrence appears)
// and when the local date changes (replan_due).
//
// Not thread-safe: call everything from one thread (the event loop). Outbox failures
// throw calendar::StoreError.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calendar/model/holiday_calendar.hpp"
#include "calendar/reminders/reminder_policy.hpp"
#include "calendar/store/acknowledgements.hpp"
#include "calendar/store/outbox.hpp"
#include "calendar/store/unit_actions.hpp"
#include "daemon/data/data_snapshot.hpp"
#include "daemon/reminders/backoff.hpp"
#include "daemon/reminders/mail_transport.hpp"
#include "daemon/reminders/reminder_stores.hpp"
#include "daemon/reminders/robot_transport.hpp"
#include "daemon/reminders/scheduler_options.hpp"
#include "daemon/units/link_keys.hpp"

namespace plancal::daemon {

// A claimed reminder with its message, ready for its transport: the e-mail, or on a chat
// channel (ReminderKey::channel) the chat message for the unit's robot.
struct Delivery {
  std::string key;
  std::string unit_id;  // the recipient unit, for the log
  int attempts = 0;     // including this one
  bool late = false;
  MailMessage message;               // e-mail channel
  std::optional<ChatDelivery> chat;  // chat channel: set, and `message` is empty
};

// What one planning run reads besides the stores, fixed when it is asked for, so that it
// can run on another thread while the loop goes on (ReminderScheduler::planning_request()).
struct PlanningRequest {
  std::shared_ptr<const DataSnapshot> snapshot;
  calendar::HolidayCalendar holidays;  // a copy: the service replaces its own on reload
  calendar::TimePoint now{};
};

class ReminderScheduler {
 public:
  // The stores, `links`, `clock`, `holidays` and `policy` must outlive the scheduler.
  // Every message carries the recipient's personal link for the item (`links`); an overdue
  // notice to an escalation unit carries the plan's board link instead.
  ReminderScheduler(ReminderStores stores, const LinkKeys& links, const calendar::Clock& clock,
                    const calendar::HolidayCalendar& holidays,
                    const calendar::ReminderPolicy& policy, SchedulerOptions options,
                    Backoff backoff);

  // Start-up: rows left sending by a crash go back to pending. Returns how many (logged).
  int recover_in_flight();

  // While running, with no outcome waiting in memory: rows whose claim lapsed (not renewed
  // for options.claim_lease: their daemon died, or its batch was lost to a store error) go
  // back to pending. Returns how many (logged).
  int reclaim_expired();

  // Renews this daemon's claims on `keys` (rows it is sending or whose outcome waits in
  // memory) for another options.claim_lease. Returns how many it still holds (a shortfall
  // is logged).
  int renew(const std::vector<std::string>& keys);

  // Makes `snapshot` (not null) the current data and plans it into the outbox.
  calendar::ReplanResult replan(std::shared_ptr<const DataSnapshot> snapshot);
  // Plans the current data again (no-op result before the first snapshot).
  calendar::ReplanResult replan();
  // Makes `snapshot` (not null) the current data without planning it.
  void set_snapshot(std::shared_ptr<const DataSnapshot> snapshot);
  // The current data, working days and time, for a planning run elsewhere.
  PlanningRequest planning_request() const;
  // Plans `request` into `stores` (reading their acknowledgements and approved extensions)
  // and records the time. Reads nothing else of the scheduler but its fixed policy and
  // options, so it may run on another thread with another connection's stores.
  calendar::ReplanResult replan(const PlanningRequest& request, ReminderStores stores) const;
  // True when the local date changed since the last planning (or nothing was planned).
  bool replan_due();

  // How long to sleep before checking again: until the earliest due row, at most
  // max_wait, zero when something is due already; max_wait when nothing is pending.
  std::chrono::seconds wait();

  // Claims up to batch_size due rows. Rows that are no longer useful, or whose message
  // cannot be composed (no address, unknown activity), are marked skipped and logged;
  // the others come back ready to send, in due order. Rows skipped as too late (after
  // downtime, or at the first start on an old plan) are logged one by one at debug only,
  // and summed up at info in one line per plan and kind once the backlog is drained.
  std::vector<Delivery> claim();

  // Applies a transport's result for a claimed row: ok → sent; permanent → failed;
  // transient → retry after the backoff delay (logged), or failed (logged as an error)
  // once attempts are exhausted; rate-limited → retry after the backoff delay, however
  // many attempts it took (the usefulness window of delivery_policy.hpp still ends it).
  void record(const std::string& key, const std::string& unit_id, int attempts,
              const DeliveryResult& result);

  const std::shared_ptr<const DataSnapshot>& snapshot() const { return snapshot_; }
  const SchedulerOptions& options() const { return options_; }

 private:
  // A weekly report's message, made from the board at `now`.
  std::optional<Delivery> prepare_report(
      const calendar::OutboxEntry& entry, calendar::TimePoint now, bool late,
      const std::function<std::optional<Delivery>(const std::string&)>& skip);
  std::optional<Delivery> prepare(const calendar::OutboxEntry& entry, calendar::TimePoint now);
  void log_late_skips();

  struct LateSkips {
    int count = 0;
    calendar::TimePoint oldest{};
  };

  calendar::Outbox& outbox_;
  calendar::AcknowledgementStore& acknowledgements_;
  calendar::UnitActionStore& unit_actions_;
  const LinkKeys& links_;
  const calendar::Clock& clock_;
  const calendar::HolidayCalendar& holidays_;
  const calendar::ReminderPolicy& policy_;
  SchedulerOptions options_;
  Backoff backoff_;
  std::shared_ptr<const DataSnapshot> snapshot_;
  std::map<std::pair<std::string, std::string>, LateSkips> late_skips_;  // (plan, kind)
};

}  // namespace plancal::daemon
