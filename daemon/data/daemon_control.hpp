// What the admin socket asks of the running daemon beyond the store: reload the data,
// report status, and steer reminder delivery. Implemented by RunningDaemonControl
// (daemon/service/) over the data service and the reminder service; admin commands are
// tested against a fake (tests/support/fake_daemon_control.hpp).
// All calls happen on the daemon's event-loop thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calendar/model/diagnostic.hpp"
#include "calendar/store/instances.hpp"
#include "calendar/store/plan_store.hpp"

namespace plancal::daemon {

struct DataSnapshot;

struct DaemonStatus {
  std::string version;
  calendar::TimePoint started_at{};
  std::int64_t data_version = 0;
  std::size_t plans = 0;
  std::size_t activities = 0;
  std::size_t feeds = 0;
  bool mail_paused = false;
  std::string mail_transport;  // "spool:/var/spool/plancal" or "smtp://relay:25"
  std::optional<calendar::TimePoint> next_delivery;  // the scheduler's timer
  std::string store_backend;                         // "sqlite" or "postgresql"
  std::string store_location;                        // file path or URI, no password
  std::string instance_id;                           // [cluster] instance
  std::vector<calendar::InstanceInfo> instances;     // live instances sharing the store
};

struct ReloadOutcome {
  bool ok = false;
  std::int64_t data_version = 0;  // after the reload (unchanged when !ok)
  calendar::Diagnostics errors;   // file:line of every problem when !ok
};

struct TestDelivery {
  bool ok = false;
  std::string message_id;
  std::string error;
};

class DaemonControl {
 public:
  virtual ~DaemonControl() = default;

  virtual DaemonStatus status() const = 0;
  // The data being served now (never null once the daemon is ready).
  virtual std::shared_ptr<const DataSnapshot> snapshot() const = 0;
  // Re-reads the data directory: validates everything, then swaps; on any error keeps
  // serving the old data and returns the errors. Also re-plans reminders on success.
  virtual ReloadOutcome reload() = 0;
  // The same without holding the loop: the files are read and the feeds rendered on a
  // worker; `done` runs on the event-loop thread with the outcome. Requests made while one
  // runs share the one more reload that follows it.
  virtual void reload_async(std::function<void(const ReloadOutcome&)> done) = 0;
  // Re-plans reminders now (after ack/unack/snooze/retry) and re-arms the delivery timer.
  virtual void replan() = 0;
  virtual void set_mail_paused(bool paused) = 0;
  // Sends a test message to the unit's addresses through the configured transport, after
  // any batch in progress; `done` runs on the event-loop thread with the outcome (the mail
  // server accepted it, or why not). Never blocks the loop.
  virtual void send_test(const std::string& plan_id, const std::string& unit_id,
                         std::function<void(TestDelivery)> done) = 0;
  // spdlog level name: trace, debug, info, warn, error, critical, off. False if unknown.
  virtual bool set_log_level(const std::string& level) = 0;
};

}  // namespace plancal::daemon
