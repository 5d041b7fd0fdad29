#include "daemon/service/running_daemon_control.hpp"

#include <spdlog/spdlog.h>

namespace plancal::daemon {

DaemonStatus RunningDaemonControl::status() const {
  DaemonStatus out;
  out.version = PLANCAL_VERSION;
  out.started_at = started_at_;
  out.data_version = data_.version();
  if (const auto snapshot = data_.current()) {
    out.plans = snapshot->plans.size();
    for (const auto& plan : snapshot->plans) out.activities += plan.activities.size();
  }
  out.feeds = data_.feeds();
  const ReminderStatus reminders = reminders_.status();
  out.mail_paused = reminders.paused;
  out.mail_transport = reminders.transport;
  out.next_delivery = reminders.next_delivery;
  out.store_backend = store_backend_;
  out.store_location = store_location_;
  out.instance_id = cluster_.instance_id();
  out.instances = cluster_.live();
  return out;
}

ReloadOutcome RunningDaemonControl::reload() {
  spdlog::info("admin: reloading data");
  ReloadOutcome outcome = data_.reload();
  notifier_.status(data_.status());
  return outcome;
}

void RunningDaemonControl::reload_async(std::function<void(const ReloadOutcome&)> done) {
  spdlog::info("admin: reloading data");
  data_.reload_async([this, done](const ReloadOutcome& outcome) {
    notifier_.status(data_.status());
    done(outcome);
  });
}

void RunningDaemonControl::send_test(const std::string& plan_id, const std::string& unit_id,
                                     std::function<void(TestDelivery)> done) {
  reminders_.send_test(plan_id, unit_id, [plan_id, unit_id, done](const TestDelivery& result) {
    if (result.ok) {
      spdlog::info("admin: test message to {}/{} sent: <{}>", plan_id, unit_id, result.message_id);
    } else {
      spdlog::warn("admin: test message to {}/{} not sent: {}", plan_id, unit_id, result.error);
    }
    done(result);
  });
}

bool RunningDaemonControl::set_log_level(const std::string& level) {
  std::string checked;
  if (!parse_log_level(level, checked).ok()) return false;
  spdlog::set_level(spdlog::level::from_str(checked));
  spdlog::info("log level {}", checked);
  return true;
}

}  // namespace plancal::daemon
