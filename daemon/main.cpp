// plancald: serves the iCalendar feeds of the plans in the data directory, delivers their
// reminders and answers the admin socket. Wiring in dependency order: options (config
// file, then flags) → logging → inherited sockets → clock → store → link key → data
// service (feeds) → reminder service → units' desk → HTTP server → admin socket → signals →
// reminder start (working days, mail transport, outbox recovery) → READY=1 and watchdog → run.
// Teardown is RAII, in reverse. SIGHUP reloads the data (a broken file keeps the current feeds);
// SIGINT and SIGTERM send STOPPING=1, stop accepting, let responses in flight finish for up to
// [http] shutdown_timeout and exit 0.
#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "calendar/backends/open_store.hpp"
#include "calendar/model/time_format.hpp"
#include "daemon/admin/admin_commands.hpp"
#include "daemon/admin/admin_server.hpp"
#include "daemon/data/daemon_control.hpp"
#include "daemon/data/data_snapshot.hpp"
#include "daemon/http/feed_cache.hpp"
#include "daemon/http/feed_token_lookup.hpp"
#include "daemon/http/http_router.hpp"
#include "daemon/http/http_server.hpp"
#include "daemon/reminders/reminder_service.hpp"
#include "daemon/service/cluster_service.hpp"
#include "daemon/service/data_service.hpp"
#include "daemon/service/running_daemon_control.hpp"
#include "daemon/system/config_file.hpp"
#include "daemon/system/daemon_options.hpp"
#include "daemon/system/journal_logging.hpp"
#include "daemon/system/listen_fds.hpp"
#include "daemon/system/offset_clock.hpp"
#include "daemon/system/setup_error.hpp"
#include "daemon/system/systemd_notify.hpp"
#include "daemon/units/link_keys.hpp"
#include "daemon/units/unit_desk.hpp"

namespace {

using namespace plancal;
using namespace plancal::daemon;

// SIGHUPs are coalesced: the first arms this delay and the reload starts when it expires;
// the others of the storm find the delay armed and add nothing. (The reload itself runs
// mostly on a worker; DataService coalesces what comes while it runs.)
constexpr std::chrono::milliseconds kReloadCoalesce{200};

// What the signal handler acts on, and the shutdown deadline the run loop reads.
struct Running {
  DataService& data;
  SystemdNotifier& notifier;
  std::chrono::seconds shutdown_timeout;
  boost::asio::steady_timer reload_delay;
  std::vector<std::function<void()>> on_stop;  // stop accepting, cancel timers
  std::optional<std::chrono::steady_clock::time_point> drain_deadline;
  bool reload_armed = false;
  int coalesced = 0;  // SIGHUPs absorbed by the armed reload
};

void arm_reload(Running& running) {
  if (running.reload_armed) {
    ++running.coalesced;
    return;
  }
  running.reload_armed = true;
  running.reload_delay.expires_after(kReloadCoalesce);
  running.reload_delay.async_wait([&running](const boost::system::error_code& ec) {
    running.reload_armed = false;
    if (ec) return;  // cancelled: stopping
    if (running.coalesced > 0)
      spdlog::info("SIGHUP: {} more SIGHUP(s) coalesced into this reload", running.coalesced);
    running.coalesced = 0;
    spdlog::info("SIGHUP: reloading data");
    running.data.reload_async(
        [&running](const ReloadOutcome&) { running.notifier.status(running.data.status()); });
  });
}

void wait_for_signals(boost::asio::signal_set& signals, Running& running) {
  signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
    if (ec) {
      if (ec != boost::asio::error::operation_aborted) spdlog::error("signals: {}", ec.message());
      return;
    }
    if (signal_number == SIGHUP) {
      arm_reload(running);
      wait_for_signals(signals, running);
      return;
    }
    spdlog::info("{}: stopping; finishing responses in flight (at most {} s)",
                 signal_number == SIGINT ? "SIGINT" : "SIGTERM", running.shutdown_timeout.count());
    running.notifier.stopping("stopping: finishing responses in flight");
    for (const auto& stop : running.on_stop) stop();
    running.reload_delay.cancel();
    running.drain_deadline = std::chrono::steady_clock::now() + running.shutdown_timeout;
  });
}

// Runs the loop until it runs out of work, or, once stopping, until the drain deadline.
void run_until_drained(boost::asio::io_context& io, Running& running) {
  for (;;) {
    const size_t handled =
        running.drain_deadline ? io.run_one_until(*running.drain_deadline) : io.run_one();
    if (handled == 0) break;
  }
  if (!io.stopped()) {
    spdlog::warn("shutdown: responses still in flight after {} s; closing them",
                 running.shutdown_timeout.count());
  }
}

// [testing] stall_event_loop_after_ms: blocks the loop for good after `after`.
void arm_test_stall(boost::asio::steady_timer& timer, std::chrono::milliseconds after) {
  spdlog::warn("[testing] stall_event_loop_after_ms: the event loop stalls after {} ms",
               after.count());
  timer.expires_after(after);
  timer.async_wait([](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled at shutdown
    spdlog::warn("[testing] stall_event_loop_after_ms: stalling the event loop now");
    for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
  });
}

std::unique_ptr<HttpServer> open_http_server(boost::asio::io_context& io,
                                             const DaemonOptions& options, HttpRouter& router) {
  auto handler = [&router](const HttpRequest& request) { return router.handle(request); };
  ServerLimits limits;
  limits.max_connections = options.http_max_connections;
  limits.max_per_address = options.http_max_per_address;
  if (options.http_listen_fd) {
    auto server =
        std::make_unique<HttpServer>(io, ListenFd{*options.http_listen_fd}, handler, limits);
    spdlog::info("http: accepting on the socket from systemd (fd {}, port {}), serving {}/",
                 *options.http_listen_fd, server->port(), options.base_url);
    return server;
  }
  auto server = std::make_unique<HttpServer>(
      io, ListenAddress{options.listen_host, options.listen_port}, handler, limits);
  spdlog::info("http: listening on {}:{}, serving {}/", options.listen_host, server->port(),
               options.base_url);
  return server;
}

int run(const DaemonOptions& options) {
  SystemdNotifier notifier;
  calendar::SystemClock system_clock;
  std::unique_ptr<OffsetClock> offset_clock;
  if (options.now) offset_clock = std::make_unique<OffsetClock>(*options.now, system_clock);
  const calendar::Clock& clock =
      offset_clock ? static_cast<const calendar::Clock&>(*offset_clock) : system_clock;
  if (offset_clock) {
    spdlog::info("clock: starts at {} (--now)",
                 calendar::format_iso_instant(clock.now(), calendar::kChinaOffsetMinutes));
  }

  // One connection for the event loop, and one for each worker thread that writes: the
  // reloads' (import) and the reminder planner's.
  std::unique_ptr<calendar::Store> store, loader_store, planner_store;
  try {
    const calendar::StoreOptions store_options{options.db_path, options.init_store,
                                               options.db_password_file, options.cluster.instance};
    store = calendar::open_store(store_options);
    loader_store = calendar::open_store(store_options);
    planner_store = calendar::open_store(store_options);
  } catch (const calendar::StoreError& e) {
    spdlog::critical("store: {}", e.what());
    return 1;
  }
  spdlog::info("store: {} {} (schema {}), instance {}", store->backend_name(), store->location(),
               store->schema_version(), store->instance_id());

  std::unique_ptr<LinkKeys> links;
  try {
    links = std::make_unique<LinkKeys>(options.link_secret_path, options.base_url);
  } catch (const calendar::LinkKeyError& e) {
    spdlog::critical("personal links: {}", e.what());
    return 1;
  }
  spdlog::info("personal links: key version {} ({})", links->version(), links->path());

  StoreFeedTokens tokens(store->feed_tokens());
  boost::asio::io_context io;
  FeedCache cache(options.base_url);
  DataService data(options, DataStores::of(*store), DataStores::of(*loader_store), clock, cache,
                   io);
  if (!data.reload().ok) return 1;

  ReminderService reminders(
      io, {store->outbox(), store->acknowledgements(), store->unit_actions()},
      {planner_store->outbox(), planner_store->acknowledgements(), planner_store->unit_actions()},
      *links, clock, reminder_service_options(options));
  UnitDesk desk({store->unit_actions(), store->acknowledgements(), store->audit_log()}, *links,
                clock, reminders.holidays(), [&reminders] { reminders.replan(); },
                {options.board_yellow_days});
  HttpRouter router(cache, tokens, clock, options.base_url, &desk);
  std::unique_ptr<HttpServer> server;
  try {
    server = open_http_server(io, options, router);
  } catch (const std::exception& e) {
    spdlog::critical("http: {}", e.what());
    return 1;
  }

  ClusterService cluster(io, store->instances(), store->plans(), data, clock, options.cluster);
  RunningDaemonControl control(data, reminders, cluster, notifier, clock, store->backend_name(),
                               store->location());
  AdminCommands admin_commands(AdminStores::of(*store), control, *links, clock, options.base_url);
  std::unique_ptr<AdminServer> admin;
  if (options.admin.listen_fd || !options.admin.socket.empty()) {
    const AdminServerOptions admin_options{options.admin.socket, options.admin.listen_fd,
                                           options.admin.group, options.admin.allowed_users,
                                           options.admin.allowed_groups};
    try {
      admin = std::make_unique<AdminServer>(
          io, admin_options,
          [&admin_commands](std::string_view line, const AdminPeer& peer, AdminReply reply) {
            admin_commands.handle_line_async(line, peer.uid, std::move(reply));
          });
    } catch (const std::exception& e) {
      spdlog::critical("{}", e.what());
      return 1;
    }
    spdlog::info("admin: listening on {}", admin->path());
  }

  Running running{data, notifier,    options.shutdown_timeout, boost::asio::steady_timer(io),
                  {},   std::nullopt};
  running.on_stop.push_back([&server] { server->stop(); });
  running.on_stop.push_back([&reminders] { reminders.stop(); });
  running.on_stop.push_back([&cluster] { cluster.stop(); });
  if (admin) running.on_stop.push_back([&admin] { admin->stop(); });
  boost::asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
  wait_for_signals(signals, running);

  // Before READY=1: joining the instances, working days, the mail transport and the outbox
  // recovery.
  try {
    cluster.start();
    reminders.start(data.current());
  } catch (const SetupError& e) {
    for (const std::string& problem : e.problems()) spdlog::critical("reminders: {}", problem);
    return 1;
  }
  data.set_on_reloaded([&reminders](std::shared_ptr<const DataSnapshot> snapshot) {
    reminders.on_data_reloaded(std::move(snapshot));
  });
  notifier.ready(data.status());

  std::unique_ptr<WatchdogPinger> watchdog;
  if (const auto interval = notifier.watchdog_interval()) {
    watchdog = std::make_unique<WatchdogPinger>(io, notifier, *interval);
    running.on_stop.push_back([&watchdog] { watchdog->stop(); });
    spdlog::info("systemd: watchdog ping every {} ms", interval->count() / 1000);
  }
  boost::asio::steady_timer stall(io);
  if (options.testing.stall_event_loop_after) {
    arm_test_stall(stall, *options.testing.stall_event_loop_after);
    running.on_stop.push_back([&stall] { stall.cancel(); });
  }

  run_until_drained(io, running);
  spdlog::info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  ParsedOptions parsed = parse_daemon_options(std::span<const char* const>(argv + 1, argv + argc));
  switch (parsed.action) {
    case ParsedOptions::Action::kHelp:
      std::fputs(daemon_usage().c_str(), stdout);
      return 0;
    case ParsedOptions::Action::kVersion:
      std::printf("plancald %s\n", PLANCAL_VERSION);
      return 0;
    case ParsedOptions::Action::kUsageError:
      std::fprintf(stderr, "plancald: %s\n%s", parsed.error.c_str(), daemon_usage().c_str());
      return 2;
    case ParsedOptions::Action::kConfigError:
      std::fprintf(stderr, "%s\nplancald: the configuration is not valid\n", parsed.error.c_str());
      return 1;
    case ParsedOptions::Action::kCheckConfig:
      std::fputs(format_config(parsed.options).c_str(), stdout);
      return 0;
    case ParsedOptions::Action::kRun:
      break;
  }
  install_logger("plancald", parsed.options.log_level, stderr_is_journal());
  InheritedSockets sockets = take_listen_fds();
  for (const auto& error : sockets.errors) spdlog::critical("socket activation: {}", error);
  if (!sockets.errors.empty()) return 1;
  parsed.options.http_listen_fd = sockets.http;
  parsed.options.admin.listen_fd = sockets.admin;
  try {
    return run(parsed.options);
  } catch (const std::exception& e) {
    spdlog::critical("fatal: {}", e.what());
    return 1;
  }
}
