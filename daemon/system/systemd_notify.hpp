// The daemon's side of systemd's notify protocol (sd_notify(3)), for Type=notify units:
// READY=1 once feeds are served, STATUS= lines, WATCHDOG=1 pings and STOPPING=1. Without
// NOTIFY_SOCKET in the environment (not started by systemd) every call is a no-op.
// Failures to notify are logged, never thrown: the daemon keeps serving.
//
// WatchdogPinger sends WATCHDOG=1 from a timer on the daemon's io_context, so a stuck
// event loop stops the pings and systemd restarts the service. Asio stays in the .cpp.
// Both run on the io_context's thread; not thread-safe otherwise.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace plancal::daemon {

class SystemdNotifier {
 public:
  // Reads NOTIFY_SOCKET and the watchdog settings (WATCHDOG_USEC, WATCHDOG_PID).
  SystemdNotifier();

  // Whether systemd listens (NOTIFY_SOCKET is set).
  bool enabled() const { return enabled_; }
  // How often to ping: half of WATCHDOG_USEC, when the watchdog is on for this process.
  std::optional<std::chrono::microseconds> watchdog_interval() const { return watchdog_interval_; }

  void ready(std::string_view status) { send("READY=1\nSTATUS=" + std::string(status)); }
  void status(std::string_view status) { send("STATUS=" + std::string(status)); }
  void watchdog() { send("WATCHDOG=1"); }
  void stopping(std::string_view status) { send("STOPPING=1\nSTATUS=" + std::string(status)); }

 private:
  void send(const std::string& state);

  bool enabled_ = false;
  std::optional<std::chrono::microseconds> watchdog_interval_;
};

class WatchdogPinger {
 public:
  // Pings at once, then every `interval`, until stop() or destruction. `notifier` must
  // outlive this object.
  WatchdogPinger(boost::asio::io_context& io, SystemdNotifier& notifier,
                 std::chrono::microseconds interval);
  ~WatchdogPinger();
  WatchdogPinger(const WatchdogPinger&) = delete;
  WatchdogPinger& operator=(const WatchdogPinger&) = delete;

  // Cancels the timer, so io_context::run() can return once other work is done.
  void stop();

 private:
  struct Timer;
  std::unique_ptr<Timer> timer_;
};

}  // namespace plancal::daemon
