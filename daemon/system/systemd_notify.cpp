#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include "daemon/system/systemd_notify.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace plancal::daemon {

SystemdNotifier::SystemdNotifier() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  enabled_ = socket != nullptr && *socket != '\0';
  std::uint64_t usec = 0;
  const int watchdog = sd_watchdog_enabled(0, &usec);
  if (watchdog < 0) {
    spdlog::warn("systemd: bad watchdog settings (WATCHDOG_USEC/WATCHDOG_PID): {}",
                 std::strerror(-watchdog));
  } else if (watchdog > 0 && usec > 0) {
    watchdog_interval_ = std::chrono::microseconds(usec / 2);
  }
}

void SystemdNotifier::send(const std::string& state) {
  if (!enabled_) return;
  const int result = sd_notify(0, state.c_str());
  if (result < 0) {
    spdlog::warn("systemd: sd_notify({}) failed: {}", state.substr(0, state.find('\n')),
                 std::strerror(-result));
  }
}

struct WatchdogPinger::Timer {
  Timer(boost::asio::io_context& io, SystemdNotifier& notifier, std::chrono::microseconds interval)
      : timer(io), notifier(notifier), interval(interval) {}

  void ping() {
    notifier.watchdog();
    timer.expires_after(interval);
    timer.async_wait([this](const boost::system::error_code& ec) {
      if (ec == boost::asio::error::operation_aborted) return;
      if (ec) {
        spdlog::error("systemd: watchdog timer: {}; no more pings", ec.message());
        return;
      }
      ping();
    });
  }

  boost::asio::steady_timer timer;
  SystemdNotifier& notifier;
  std::chrono::microseconds interval;
};

WatchdogPinger::WatchdogPinger(boost::asio::io_context& io, SystemdNotifier& notifier,
                               std::chrono::microseconds interval)
    : timer_(std::make_unique<Timer>(io, notifier, interval)) {
  timer_->ping();
}

WatchdogPinger::~WatchdogPinger() { stop(); }

void WatchdogPinger::stop() { timer_->timer.cancel(); }

}  // namespace plancal::daemon
