// The DaemonControl the admin socket drives in the running daemon: status, reload and
// log level over the DataService, reminder steering over the ReminderService.
#pragma once

#include <memory>
#include <string>

#include "calendar/model/clock.hpp"
#include "daemon/data/daemon_control.hpp"
#include "daemon/reminders/reminder_service.hpp"
#include "daemon/service/data_service.hpp"
#include "daemon/system/systemd_notify.hpp"

namespace plancal::daemon {

class RunningDaemonControl final : public DaemonControl {
 public:
  RunningDaemonControl(DataService& data, ReminderService& reminders, SystemdNotifier& notifier,
                       const calendar::Clock& clock)
      : data_(data), reminders_(reminders), notifier_(notifier), started_at_(clock.now()) {}

  DaemonStatus status() const override;
  std::shared_ptr<const DataSnapshot> snapshot() const override { return data_.current(); }
  // A successful reload re-plans reminders through the DataService's reload hook.
  ReloadOutcome reload() override;
  void reload_async(std::function<void(const ReloadOutcome&)> done) override;
  void replan() override { reminders_.replan(); }
  void set_mail_paused(bool paused) override { reminders_.set_paused(paused); }
  void send_test(const std::string& plan_id, const std::string& unit_id,
                 std::function<void(TestDelivery)> done) override;
  bool set_log_level(const std::string& level) override;

 private:
  DataService& data_;
  ReminderService& reminders_;
  SystemdNotifier& notifier_;
  calendar::TimePoint started_at_;
};

}  // namespace plancal::daemon
