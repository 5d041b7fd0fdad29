// ReminderService: reminder delivery inside plancald, the one object main.cpp creates. It
// owns the mail transport, the scheduler (reminder_scheduler.hpp), one timer on the
// daemon's io_context and one worker thread for the blocking sends:
//   - start(): loads the working-day calendar, opens the transport, puts rows a crash left
//     sending back to pending (recover_in_flight), plans the current data and arms the
//     timer. A step before READY=1.
//   - the timer fires at the earliest due reminder (waits at most max_wait, and at most a
//     third of the claim lease, then re-checks, so a clock jump, a suspend or a daemon that
//     died holding claims cannot strand reminders); each wake-up
//     re-plans when the local date changed, then claims one batch, which the worker sends
//     one message after another; every result comes back to the loop and is recorded in
//     the outbox at once; after the batch it re-plans (next occurrences) and re-arms. The
//     loop never waits for SMTP, so HTTP keeps serving through a relay outage.
//   - planning after start (after a batch, a reload, a new day, an operator's or a unit's
//     action) runs on a planner thread with a store connection of its own, so a large plan
//     does not hold the loop; requests while it runs share one more run. Meanwhile the
//     loop claims nothing, renews nothing and keeps outcomes in memory, so its connection
//     never waits for the planner's write lock.
//   - while it holds claims (a batch out, outcomes in memory) it renews them every third
//     of the claim lease, so another daemon sharing the outbox takes back only the claims
//     of a daemon that died.
//   - on_data_reloaded(): plans the new data; pause/resume; send_test; status.
// Every method must be called on the io_context's thread. Store failures are logged and
// retried at the next wake-up; they do not stop the daemon. An outcome the store cannot
// record (a full disk) is kept in memory and recorded as soon as the store takes it (tries
// after 1, 2, 4 … 60 s), so the row does not stay `sending` until the next start; rows
// a batch lost to a store error left sending are reclaimed after the claim lease. Destroy it after
// the io_context stopped running (stop() first): the destructor waits for a send in progress.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "calendar/model/clock.hpp"
#include "calendar/store/acknowledgements.hpp"
#include "calendar/store/outbox.hpp"
#include "daemon/data/daemon_control.hpp"
#include "daemon/data/data_snapshot.hpp"
#include "daemon/reminders/reminder_stores.hpp"
#include "daemon/reminders/scheduler_options.hpp"
#include "daemon/system/daemon_options.hpp"
#include "daemon/system/setup_error.hpp"
#include "daemon/units/link_keys.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace plancal::daemon {

struct ReminderServiceOptions {
  MailOptions mail;            // the transport; the From address is scheduler.from_address
  RobotOptions robots;         // the chat robots' pace and timeout
  ReminderOptions reminders;   // the policy and the holiday files' directory
  SchedulerOptions scheduler;  // batches, late grace, backoff, From, base URL
};

// The service's settings from the daemon's configuration: [mail], [reminders], base_url.
ReminderServiceOptions reminder_service_options(const DaemonOptions& options);

struct ReminderStatus {
  bool paused = false;
  std::string transport;                             // "spool:mail-spool", "smtp://relay:25"
  std::optional<calendar::TimePoint> next_delivery;  // the earliest due pending reminder
  std::optional<calendar::TimePoint> last_planned_at;
  calendar::OutboxCounts counts;
  int in_flight = 0;  // claimed and handed to the worker, not yet recorded
};

class ReminderService {
 public:
  // `stores` are the loop's connection, `planner` another connection to the same database
  // for the planner thread only. `io`, the stores, `links` and `clock` must outlive the
  // service.
  ReminderService(boost::asio::io_context& io, ReminderStores stores, ReminderStores planner,
                  const LinkKeys& links, const calendar::Clock& clock,
                  ReminderServiceOptions options);
  ~ReminderService();
  ReminderService(const ReminderService&) = delete;
  ReminderService& operator=(const ReminderService&) = delete;

  // The "outbox recovered" step before READY=1 (see above). Throws SetupError (a holiday
  // file, the password file, the SMTP URL, the store), which the caller logs.
  void start(std::shared_ptr<const DataSnapshot> snapshot);

  // After a successful data reload: re-reads the holiday files (keeping the current ones
  // when they have errors), then plans the new data on the planner thread.
  void on_data_reloaded(std::shared_ptr<const DataSnapshot> snapshot);
  // Plans the current data again (after ack, unack, snooze, retry, a unit's 办结) on the
  // planner thread; the outbox follows when the run ends (planning() false again).
  void replan();
  // True while a planning run is out.
  bool planning() const;

  // While paused nothing is claimed (the timer keeps re-checking); resuming checks at once.
  void set_paused(bool paused);
  bool paused() const;

  // Sends a short test message to the unit's addresses through the transport, after any
  // batch in progress; `done` runs on the loop thread with the outcome.
  void send_test(const std::string& plan_id, const std::string& unit_id,
                 std::function<void(TestDelivery)> done);

  ReminderStatus status() const;
  // The working days in use (loaded by start(), replaced on reload; the reference stays).
  const calendar::HolidayCalendar& holidays() const;

  // Stops the timer; sends not yet started are put back to pending. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace plancal::daemon
