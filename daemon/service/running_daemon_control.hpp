// The DaemonControl the admin socket drives in the running daemon: status, reload and
// log level over the DataService, reminder steering over the ReminderService, the store and
// the instances sharing it over the ClusterService.
#pragma once

#include <memory>
#include <string>

#include "calendar/model/clock.hpp"
#include "daemon/data/daemon_control.hpp"
#include "daemon/reminders/reminder_service.hpp"
#include "daemon/service/cluster_service.hpp"
#include "daemon/service/data_service.hpp"
#include "daemon/system/systemd_notify.hpp"

namespace plancal::daemon {

class RunningDaemonControl final : public DaemonControl {
 public:
  // `store_backend` and `store_location` as the Store reports them (Store::backend_name(),
  // Store::location()).
  RunningDaemonControl(DataService& data, ReminderService& reminders, ClusterService& cluster,
                       SystemdNotifier& notifier, const calendar::Clock& clock,
                       std::string store_backend, std::string store_location)
      : data_(data),
        reminders_(reminders),
        cluster_(cluster),
        notifier_(notifier),
        started_at_(clock.now()),
        store_backend_(std::move(store_backend)),
        store_location_(std::move(store_location)) {}

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
  ClusterService& cluster_;
  SystemdNotifier& notifier_;
  calendar::TimePoint started_at_;
  std::string store_backend_;
  std::string store_location_;
};

}  // namespace plancal::daemon
