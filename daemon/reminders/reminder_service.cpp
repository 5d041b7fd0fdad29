#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include "daemon/reminders/reminder_service.hpp"

#include <algorithm>
#include <atomic>
#include <set>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "calendar/plan_file/holiday_file.hpp"
#include "calendar/reminders/mime_text.hpp"
#include "daemon/reminders/reminder_resources.hpp"
#include "daemon/reminders/reminder_scheduler.hpp"

namespace plancal::daemon {

namespace asio = boost::asio;
using calendar::TimePoint;

namespace {

constexpr std::chrono::seconds kStoreRetry{60};

}  // namespace

ReminderServiceOptions reminder_service_options(const DaemonOptions& options) {
  ReminderServiceOptions out;
  out.mail = options.mail;
  out.robots = options.robots;
  out.reminders = options.reminders;
  out.scheduler.from_address = options.mail.from;
  out.scheduler.base_url = options.base_url;
  out.scheduler.weekly_report = options.weekly_report;
  out.scheduler.yellow_days = options.board_yellow_days;
  out.scheduler.backoff.base = options.reminders.retry_base;
  out.scheduler.claim_lease = options.cluster.lease;
  return out;
}

struct ReminderService::Impl {
  Impl(asio::io_context& io_context, ReminderStores stores, ReminderStores planner,
       const LinkKeys& links, const calendar::Clock& clock_ref, ReminderServiceOptions opts)
      : io(io_context),
        outbox(stores.outbox),
        planner_stores(planner),
        clock(clock_ref),
        options(std::move(opts)),
        scheduler(stores, links, clock, holidays, options.reminders.policy, options.scheduler,
                  Backoff(options.scheduler.backoff)),
        timer(io),
        lease_timer(io) {}

  std::chrono::seconds lease_check_interval() const {
    return std::max(options.scheduler.claim_lease / 3, std::chrono::seconds(1));
  }

  // Keeps this daemon's claims while it holds any (a batch out, outcomes in memory): renews
  // them every third of the lease, so no other daemon sharing the outbox takes them back.
  void keep_claims() {
    if (lease_timer_armed || held.empty()) return;
    lease_timer_armed = true;
    lease_timer.expires_after(lease_check_interval());
    lease_timer.async_wait([this](const boost::system::error_code& ec) {
      lease_timer_armed = false;
      if (ec == asio::error::operation_aborted || stopping) return;
      if (held.empty()) return;
      try {
        // Not while the planner writes the outbox: the next tick renews (a third of the lease).
        if (!planning) scheduler.renew({held.begin(), held.end()});
      } catch (const calendar::StoreError& e) {
        spdlog::error("reminders: renewing claims: store: {}", e.what());
      }
      keep_claims();
    });
  }

  // (Re-)arms the timer for `wait`, by default the scheduler's; never while a batch is out.
  void arm(std::optional<std::chrono::seconds> wait = std::nullopt) {
    if (stopping || batch_out || planning) return;  // the batch's or the plan's end arms it
    try {
      if (!wait) wait = paused ? options.scheduler.max_wait : scheduler.wait();
      // Claims of a daemon that died lapse after the lease: look for them that often.
      wait = std::min(*wait, lease_check_interval());
      if (!unrecorded.empty()) wait = std::min(*wait, unrecorded_wait);
    } catch (const calendar::StoreError& e) {
      spdlog::error("reminders: store: {}; checking again in {} s", e.what(), kStoreRetry.count());
      wait = kStoreRetry;
    }
    timer.expires_after(*wait);
    timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec == asio::error::operation_aborted) return;
      if (ec) spdlog::error("reminders: timer: {}", ec.message());
      on_timer();
    });
  }

  void on_timer() {
    if (stopping || batch_out || planning) return;
    record_unrecorded();
    std::vector<Delivery> batch;
    try {
      if (unrecorded.empty()) scheduler.reclaim_expired();  // nothing of ours is sending now
      if (plan_owed || scheduler.replan_due()) return replan_async();  // the plan first
      if (!paused) batch = scheduler.claim();
    } catch (const calendar::StoreError& e) {
      spdlog::error("reminders: store: {}; checking again in {} s", e.what(), kStoreRetry.count());
      return arm(kStoreRetry);
    }
    if (batch.empty()) return arm();
    dispatch(std::move(batch));
  }

  // Hands the batch to the worker; each result is posted back and recorded. E-mails go
  // first: chat messages may wait for their robot's pace.
  void dispatch(std::vector<Delivery> batch) {
    std::stable_partition(batch.begin(), batch.end(),
                          [](const Delivery& delivery) { return !delivery.chat; });
    batch_out = true;
    in_flight = static_cast<int>(batch.size());
    for (const Delivery& delivery : batch) held.insert(delivery.key);
    keep_claims();
    busy.emplace(io.get_executor());
    asio::post(worker, [this, batch = std::move(batch)]() mutable {
      std::vector<Delivery> unsent;
      for (Delivery& delivery : batch) {
        if (abandon) {
          unsent.push_back(std::move(delivery));
          continue;
        }
        const DeliveryResult result =
            delivery.chat ? robots->send(*delivery.chat) : transport->send(delivery.message);
        asio::post(io,
                   [this, key = delivery.key, unit = delivery.unit_id, attempts = delivery.attempts,
                    result] { on_result(key, unit, attempts, result); });
      }
      asio::post(io, [this, unsent = std::move(unsent)] { on_batch_done(unsent); });
    });
  }

  void on_result(const std::string& key, const std::string& unit, int attempts,
                 const DeliveryResult& result) {
    --in_flight;
    if (result.ok) ++sent_in_batch;
    if (planning) {  // recorded when the plan is written: the loop does not wait for its lock
      unrecorded.push_back({key, unit, attempts, result});
      return;
    }
    try {
      scheduler.record(key, unit, attempts, result);
      held.erase(key);
    } catch (const calendar::StoreError& e) {
      spdlog::error(
          "reminder {}: outcome ({}) not recorded: store: {}; kept in memory and recorded "
          "as soon as the store takes it (sent again after a restart if it never does)",
          key, result.ok ? "sent" : result.error, e.what());
      unrecorded.push_back({key, unit, attempts, result});
    }
  }

  // Records the outcomes the store refused before; keeps those it still refuses, and
  // doubles the wait before the next try (1 s … kStoreRetry).
  void record_unrecorded() {
    if (unrecorded.empty()) return;
    std::vector<Outcome> still;
    for (const Outcome& o : unrecorded) {
      try {
        scheduler.record(o.key, o.unit, o.attempts, o.result);
        held.erase(o.key);
        spdlog::info("reminder {}: outcome recorded after the store recovered", o.key);
      } catch (const calendar::StoreError&) {
        still.push_back(o);
      }
    }
    unrecorded = std::move(still);
    unrecorded_wait =
        unrecorded.empty() ? std::chrono::seconds(1) : std::min(unrecorded_wait * 2, kStoreRetry);
  }

  void on_batch_done(const std::vector<Delivery>& unsent) {
    try {
      for (const Delivery& delivery : unsent) {
        const TimePoint now = clock.now();
        outbox.mark_retry(delivery.key, "not sent: the daemon stopped", now, now);
        held.erase(delivery.key);
      }
      if (!unsent.empty()) spdlog::info("reminders: {} unsent reminder(s) put back", unsent.size());
    } catch (const calendar::StoreError& e) {
      spdlog::error("reminders: store: {}", e.what());
    }
    const bool sent = sent_in_batch > 0;
    batch_out = false;
    in_flight = 0;
    sent_in_batch = 0;
    busy.reset();
    if (sent && !stopping) return replan_async();  // the next occurrences; it arms after
    arm();
  }

  // Plans the current data into the outbox on the planner thread, with its own connection;
  // a request while one runs makes one more run after it, with the data of then. Meanwhile
  // the loop claims nothing, renews nothing and keeps outcomes in memory, so its connection
  // never waits for the planner's write lock; the run's end records them and arms the timer.
  void replan_async() {
    if (stopping) return;
    if (planning) {
      plan_again = true;
      return;
    }
    planning = true;
    plan_owed = false;
    planning_work.emplace(io.get_executor());
    asio::post(planner, [this, request = scheduler.planning_request()] {
      std::string error;
      try {
        scheduler.replan(request, planner_stores);
      } catch (const calendar::StoreError& e) {
        error = e.what();
      }
      asio::post(io, [this, error] {
        planning = false;
        planning_work.reset();
        if (!error.empty()) {
          // Owed until a run succeeds; tried again after the store's back-off, not at once.
          spdlog::error("reminders: planning failed: store: {}; again in {} s", error,
                        kStoreRetry.count());
          plan_owed = true;
          plan_again = false;
          record_unrecorded();
          return arm(kStoreRetry);
        }
        if (plan_again && !stopping) {
          plan_again = false;
          return replan_async();
        }
        record_unrecorded();
        arm();
      });
    });
  }

  // Logs, once per year for the daemon's life, each year with activities but no holiday
  // file: its reminders fall on Monday to Friday, holidays included.
  void report_uncovered_years(const DataSnapshot& snapshot) {
    for (const PlanData& plan : snapshot.plans)
      for (const int year : plan.plan.years_without_holidays(holidays))
        if (reported_years.insert(year).second)
          spdlog::error(
              "reminders: no holiday file for {} (plan {} has activities then): Monday to "
              "Friday are taken as working days, public holidays included; add {}/cn-{}.toml",
              year, plan.plan.id, options.reminders.holidays_dir, year);
  }

  asio::io_context& io;
  calendar::Outbox& outbox;
  ReminderStores planner_stores;  // the planner thread's connection
  const calendar::Clock& clock;
  ReminderServiceOptions options;
  calendar::HolidayCalendar holidays;  // the scheduler refers to it; replaced on reload
  std::set<int> reported_years;        // years without a holiday file, already logged
  ReminderScheduler scheduler;
  asio::steady_timer timer;
  asio::steady_timer lease_timer;  // keep_claims()
  bool lease_timer_armed = false;
  std::set<std::string> held;  // keys claimed by this daemon whose outcome is not recorded
  bool planning = false;       // from replan_async() to the end of its run
  bool plan_again = false;     // asked for while planning: one more run after it
  bool plan_owed = false;      // the last run failed (store): the timer plans before claiming
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> planning_work;
  std::unique_ptr<MailTransport> transport;  // used on the worker thread only
  std::unique_ptr<RobotTransport> robots;    // likewise
  std::string transport_description;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> busy;
  bool paused = false;
  bool stopping = false;
  bool batch_out = false;  // from dispatch() to on_batch_done()
  int in_flight = 0;       // messages of the batch out whose result is not recorded yet
  int sent_in_batch = 0;
  std::atomic<bool> abandon{false};
  // Outcomes of sends the store could not record (a full disk): retried from memory.
  struct Outcome {
    std::string key;
    std::string unit;
    int attempts = 0;
    DeliveryResult result;
  };
  std::vector<Outcome> unrecorded;
  std::chrono::seconds unrecorded_wait{1};
  asio::thread_pool worker{1};   // sends; joined before the rest goes
  asio::thread_pool planner{1};  // last: joined first, while the rest is still alive
};

ReminderService::ReminderService(asio::io_context& io, ReminderStores stores,
                                 ReminderStores planner, const LinkKeys& links,
                                 const calendar::Clock& clock, ReminderServiceOptions options)
    : impl_(std::make_unique<Impl>(io, stores, planner, links, clock, std::move(options))) {}

ReminderService::~ReminderService() { stop(); }

void ReminderService::start(std::shared_ptr<const DataSnapshot> snapshot) {
  Impl& s = *impl_;
  if (!snapshot) throw SetupError("no data to plan");
  s.holidays = load_holiday_files(s.options.reminders.holidays_dir);
  spdlog::info("reminders: working days from {} ({} year(s))", s.options.reminders.holidays_dir,
               s.holidays.years().size());
  s.report_uncovered_years(*snapshot);
  s.transport = open_mail_transport(s.options.mail, s.transport_description);
  spdlog::info("reminders: mail goes to {}, from {}", s.transport_description,
               s.options.scheduler.from_address);
  s.robots = std::make_unique<CurlRobotTransport>(s.options.robots);
  try {
    s.scheduler.recover_in_flight();
    s.scheduler.replan(std::move(snapshot));
  } catch (const calendar::StoreError& e) {
    throw SetupError(std::string("outbox recovery: store: ") + e.what());
  }
  s.arm();
}

void ReminderService::on_data_reloaded(std::shared_ptr<const DataSnapshot> snapshot) {
  Impl& s = *impl_;
  try {
    s.holidays = load_holiday_files(s.options.reminders.holidays_dir);
  } catch (const SetupError& e) {
    for (const std::string& problem : e.problems()) spdlog::error("reminders: {}", problem);
    spdlog::error("reminders: the holiday files in {} have errors; keeping the loaded ones",
                  s.options.reminders.holidays_dir);
  }
  s.report_uncovered_years(*snapshot);
  s.scheduler.set_snapshot(std::move(snapshot));
  s.replan_async();
}

void ReminderService::replan() { impl_->replan_async(); }

bool ReminderService::planning() const { return impl_->planning; }

void ReminderService::set_paused(bool paused) {
  if (impl_->paused == paused) return;
  impl_->paused = paused;
  spdlog::info("reminders: delivery {}", paused ? "paused" : "resumed");
  impl_->arm();
}

bool ReminderService::paused() const { return impl_->paused; }

void ReminderService::send_test(const std::string& plan_id, const std::string& unit_id,
                                std::function<void(TestDelivery)> done) {
  Impl& s = *impl_;
  const PlanData* data =
      s.scheduler.snapshot() ? s.scheduler.snapshot()->find_plan(plan_id) : nullptr;
  const calendar::Plan* plan = data != nullptr ? &data->plan : nullptr;
  const calendar::Unit* unit = plan != nullptr ? plan->find_unit(unit_id) : nullptr;
  std::string error;
  if (plan == nullptr)
    error = "unknown plan " + plan_id;
  else if (unit == nullptr)
    error = "plan " + plan_id + " has no unit " + unit_id;
  else if (unit->emails.empty())
    error = "unit " + unit_id + " has no e-mail address";
  else if (!s.transport)
    error = "reminders are not started";
  if (!error.empty()) return done({false, "", error});
  MailMessage message = compose_test_message(*plan, *unit, s.options.scheduler, s.clock.now(),
                                             s.options.reminders.policy.utc_offset_minutes);
  asio::post(s.worker, [&s, message = std::move(message), done = std::move(done), unit_id] {
    const DeliveryResult result = s.transport->send(message);
    asio::post(s.io, [message_id = message.message_id, done, unit_id, result] {
      spdlog::info("reminders: test message {} to {}: {}", message_id, unit_id,
                   result.ok ? "sent" : result.error);
      done({result.ok, message_id, result.error});
    });
  });
}

const calendar::HolidayCalendar& ReminderService::holidays() const { return impl_->holidays; }

ReminderStatus ReminderService::status() const {
  Impl& s = *impl_;
  ReminderStatus out;
  out.paused = s.paused;
  out.transport = s.transport_description;
  out.in_flight = s.in_flight;
  try {
    out.next_delivery = s.outbox.next_due();
    out.last_planned_at = s.outbox.last_planned_at();
    out.counts = s.outbox.counts();
  } catch (const calendar::StoreError& e) {
    spdlog::error("reminders: status: store: {}", e.what());
  }
  return out;
}

void ReminderService::stop() {
  Impl& s = *impl_;
  if (s.stopping) return;
  s.stopping = true;
  s.abandon = true;
  s.timer.cancel();
  s.lease_timer.cancel();
  if (s.transport) s.transport->abort();  // a hung SMTP transfer returns now
  if (s.robots) s.robots->abort();        // so does a robot request, or the wait for its pace
}

}  // namespace plancal::daemon
