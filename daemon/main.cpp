// plancald: serves the iCalendar feeds of the plans in the data directory.
// Wiring in dependency order: options (config file, then flags) → logging → inherited
// sockets → clock → store → data snapshot → feed tokens and cache → router → HTTP server
// → signals → steps before ready → READY=1 and watchdog → run. Teardown is RAII, in
// reverse. SIGHUP reloads the data (a broken file keeps the current feeds); SIGINT and
// SIGTERM send STOPPING=1, stop accepting, let responses in flight finish for up to
// [http] shutdown_timeout and exit 0.
#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "calendar/time_format.hpp"
#include "daemon/admin_commands.hpp"
#include "daemon/admin_server.hpp"
#include "daemon/config_file.hpp"
#include "daemon/daemon_control.hpp"
#include "daemon/daemon_options.hpp"
#include "daemon/data_snapshot.hpp"
#include "daemon/feed_cache.hpp"
#include "daemon/feed_tokens.hpp"
#include "daemon/http_router.hpp"
#include "daemon/http_server.hpp"
#include "daemon/journal_logging.hpp"
#include "daemon/listen_fds.hpp"
#include "daemon/offset_clock.hpp"
#include "daemon/reminder_service.hpp"
#include "daemon/systemd_notify.hpp"

namespace {

using namespace plancal;
using namespace plancal::daemon;

// Test-only (tests/integration/test_systemd_integration.py): after this many
// milliseconds the event loop blocks for good, so watchdog pings stop.
constexpr const char* kTestStallEnv = "PLANCAL_TEST_STALL_LOOP_AFTER_MS";

// The units' private feed tokens as stored (calendar/feed_tokens.hpp): they survive
// restarts and `plancalctl feed-token rotate` takes effect at once.
class StoreFeedTokens final : public FeedTokens {
 public:
  explicit StoreFeedTokens(calendar::Store& store) : store_(store) {}
  std::optional<std::string> token_for(std::string_view unit_id) const override {
    return store_.feed_tokens().find(unit_id);
  }

 private:
  calendar::Store& store_;
};

// The data the daemon serves, and how it is (re)loaded.
class DataService {
 public:
  DataService(const DaemonOptions& options, calendar::Store& store, const calendar::Clock& clock,
              FeedCache& cache)
      : options_(options), store_(store), clock_(clock), cache_(cache) {}

  // Loads the data directory and makes it current. On errors logs each one, keeps the
  // current data and returns them (file:line each).
  ReloadOutcome reload() {
    try {
      return try_reload();
    } catch (const std::exception& e) {
      spdlog::error("data: reload from {} failed: {}; {}", options_.data_dir, e.what(), keeping());
      return {false, version(), {{options_.data_dir, 0, 0, "", e.what()}}};
    }
  }

  std::int64_t version() const { return current_ ? current_->data_version : 0; }
  size_t feeds() const { return cache_.current() ? cache_.current()->feeds().size() : 0; }

  // The data being served; null before the first successful load.
  std::shared_ptr<const DataSnapshot> current() const { return current_; }

  // Called after each successful reload with the new data (reminders re-plan).
  void set_on_reloaded(std::function<void(std::shared_ptr<const DataSnapshot>)> hook) {
    on_reloaded_ = std::move(hook);
  }

  // For systemd's STATUS=: "serving 1 plan, 71 activities, 88 feeds".
  std::string status() const {
    if (!current_) return "no data";
    const size_t activities = std::accumulate(
        current_->plans.begin(), current_->plans.end(), size_t{0},
        [](size_t sum, const PlanData& plan) { return sum + plan.activities.size(); });
    auto count = [](size_t n, std::string_view one, std::string_view many) {
      return std::to_string(n) + " " + std::string(n == 1 ? one : many);
    };
    return "serving " + count(current_->plans.size(), "plan", "plans") + ", " +
           count(activities, "activity", "activities") + ", " +
           count(cache_.current()->feeds().size(), "feed", "feeds");
  }

 private:
  std::string keeping() const {
    return current_ ? "keeping data version " + std::to_string(current_->data_version)
                    : std::string("nothing to serve");
  }

  ReloadOutcome try_reload() {
    SnapshotLoad load = load_snapshot(options_.data_dir, store_, clock_.now(), current_.get());
    if (!load.snapshot) {
      for (const auto& error : load.errors) spdlog::error("data: {}", error.to_string());
      spdlog::error("data: {} error(s) in {}; {}", load.errors.size(), options_.data_dir,
                    keeping());
      return {false, version(), std::move(load.errors)};
    }
    for (const auto& [plan_id, stats] : load.imports) {
      spdlog::info("data: {}: {} added, {} changed, {} removed, {} unchanged", plan_id, stats.added,
                   stats.changed, stats.removed, stats.unchanged);
    }
    for (const auto& plan : load.snapshot->plans) {
      for (const auto& feed : plan.feeds) {
        if (feed.is_private) store_.feed_tokens().token(feed.key, clock_.now());
      }
    }
    cache_.update(load.snapshot);
    current_ = std::move(load.snapshot);
    spdlog::info("data: data version {}, {} from {}", current_->data_version, status(),
                 options_.data_dir);
    if (on_reloaded_) on_reloaded_(current_);
    return {true, current_->data_version, {}};
  }

  const DaemonOptions& options_;
  calendar::Store& store_;
  const calendar::Clock& clock_;
  FeedCache& cache_;
  std::shared_ptr<const DataSnapshot> current_;
  std::function<void(std::shared_ptr<const DataSnapshot>)> on_reloaded_;
};

// What the admin socket asks of the daemon, over the data and the reminder service.
class MainDaemonControl final : public DaemonControl {
 public:
  MainDaemonControl(DataService& data, ReminderService& reminders, SystemdNotifier& notifier,
                    const calendar::Clock& clock)
      : data_(data), reminders_(reminders), notifier_(notifier), started_at_(clock.now()) {}

  DaemonStatus status() const override {
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
    return out;
  }
  std::shared_ptr<const DataSnapshot> snapshot() const override { return data_.current(); }
  ReloadOutcome reload() override {  // a successful reload re-plans through the hook
    spdlog::info("admin: reloading data");
    ReloadOutcome outcome = data_.reload();
    notifier_.status(data_.status());
    return outcome;
  }
  void replan() override { reminders_.replan(); }
  void set_mail_paused(bool paused) override { reminders_.set_paused(paused); }
  // ReminderService sends asynchronously (after any batch in progress); the outcome is
  // logged. An empty message_id tells the admin command the message is queued.
  TestDelivery send_test(const std::string& plan_id, const std::string& unit_id) override {
    reminders_.send_test(plan_id, unit_id, [plan_id, unit_id](const TestDelivery& done) {
      if (done.ok) {
        spdlog::info("admin: test message to {}/{} sent: <{}>", plan_id, unit_id, done.message_id);
      } else {
        spdlog::warn("admin: test message to {}/{} not sent: {}", plan_id, unit_id, done.error);
      }
    });
    return {true, "", ""};
  }
  bool set_log_level(const std::string& level) override {
    std::string checked;
    if (parse_log_level(level, checked)) return false;  // an error message: unknown level
    spdlog::set_level(spdlog::level::from_str(checked));
    spdlog::info("log level {}", checked);
    return true;
  }

 private:
  DataService& data_;
  ReminderService& reminders_;
  SystemdNotifier& notifier_;
  calendar::TimePoint started_at_;
};

// A step that must succeed after the feeds are served (listener open, snapshot built)
// and before READY=1 tells systemd the service is up: the reminder outbox recovery.
struct BeforeReadyStep {
  std::string name;
  std::function<bool()> run;  // false: the daemon exits 1 (the step logs why)
};

// What the signal handler acts on, and the shutdown deadline the run loop reads.
struct Running {
  DataService& data;
  SystemdNotifier& notifier;
  std::chrono::seconds shutdown_timeout;
  std::vector<std::function<void()>> on_stop;  // stop accepting, cancel timers
  std::optional<std::chrono::steady_clock::time_point> drain_deadline;
};

void wait_for_signals(boost::asio::signal_set& signals, Running& running) {
  signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
    if (ec) {
      if (ec != boost::asio::error::operation_aborted) spdlog::error("signals: {}", ec.message());
      return;
    }
    if (signal_number == SIGHUP) {
      spdlog::info("SIGHUP: reloading data");
      running.data.reload();
      running.notifier.status(running.data.status());
      wait_for_signals(signals, running);
      return;
    }
    spdlog::info("{}: stopping; finishing responses in flight (at most {} s)",
                 signal_number == SIGINT ? "SIGINT" : "SIGTERM", running.shutdown_timeout.count());
    running.notifier.stopping("stopping: finishing responses in flight");
    for (const auto& stop : running.on_stop) stop();
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

// The test-only stall hook: blocks the loop for good after PLANCAL_TEST_STALL_LOOP_AFTER_MS.
// Returns false (logged) when the variable is set but not a number of milliseconds.
bool arm_test_stall(boost::asio::steady_timer& timer) {
  const char* value = std::getenv(kTestStallEnv);
  if (value == nullptr) return true;
  char* end = nullptr;
  const long ms = std::strtol(value, &end, 10);
  if (*value == '\0' || *end != '\0' || ms < 0) {
    spdlog::critical("{}='{}': not a number of milliseconds", kTestStallEnv, value);
    return false;
  }
  spdlog::warn("{}: test hook: the event loop stalls after {} ms", kTestStallEnv, ms);
  timer.expires_after(std::chrono::milliseconds(ms));
  timer.async_wait([](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled at shutdown
    spdlog::warn("{}: test hook: stalling the event loop now", kTestStallEnv);
    for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
  });
  return true;
}

std::unique_ptr<HttpServer> open_http_server(boost::asio::io_context& io,
                                             const DaemonOptions& options, HttpRouter& router) {
  auto handler = [&router](const HttpRequest& request) { return router.handle(request); };
  if (options.http_listen_fd) {
    auto server = std::make_unique<HttpServer>(io, ListenFd{*options.http_listen_fd}, handler);
    spdlog::info("http: accepting on the socket from systemd (fd {}, port {}), serving {}/",
                 *options.http_listen_fd, server->port(), options.base_url);
    return server;
  }
  auto server = std::make_unique<HttpServer>(
      io, ListenAddress{options.listen_host, options.listen_port}, handler);
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

  std::unique_ptr<calendar::Store> store;
  try {
    store = calendar::open_store({options.db_path});
  } catch (const calendar::StoreError& e) {
    spdlog::critical("store {}: {}", options.db_path, e.what());
    return 1;
  }

  StoreFeedTokens tokens(*store);
  FeedCache cache(options.base_url);
  DataService data(options, *store, clock, cache);
  if (!data.reload().ok) return 1;
  HttpRouter router(cache, tokens, clock, options.base_url);

  boost::asio::io_context io;
  std::unique_ptr<HttpServer> server;
  try {
    server = open_http_server(io, options, router);
  } catch (const std::exception& e) {
    spdlog::critical("http: {}", e.what());
    return 1;
  }
  ReminderServiceOptions reminder_settings = reminder_service_options(options);
  reminder_settings.scheduler.backoff.base = options.reminders.retry_base;  // --retry-base-seconds
  ReminderService reminders(io, *store, clock, reminder_settings);

  MainDaemonControl control(data, reminders, notifier, clock);
  AdminCommands admin_commands(*store, control, clock, options.base_url);
  std::unique_ptr<AdminServer> admin;
  if (options.admin.listen_fd || !options.admin.socket.empty()) {
    const AdminServerOptions admin_options{options.admin.socket,        options.admin.listen_fd,
                                           options.admin.group,         options.admin.allowed_users,
                                           options.admin.allowed_groups};
    try {
      admin = std::make_unique<AdminServer>(
          io, admin_options, [&admin_commands](std::string_view line, const AdminPeer& peer) {
            return admin_commands.handle_line(line, peer.uid);
          });
    } catch (const std::exception& e) {
      spdlog::critical("{}", e.what());
      return 1;
    }
    spdlog::info("admin: listening on {}", admin->path());
  }

  Running running{data, notifier, options.shutdown_timeout, {}, std::nullopt};
  running.on_stop.push_back([&server] { server->stop(); });
  running.on_stop.push_back([&reminders] { reminders.stop(); });
  if (admin) running.on_stop.push_back([&admin] { admin->stop(); });
  boost::asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
  wait_for_signals(signals, running);

  const std::vector<BeforeReadyStep> before_ready{
      {"outbox recovery", [&] {
         if (!reminders.start(data.current())) return false;
         data.set_on_reloaded([&reminders](std::shared_ptr<const DataSnapshot> snapshot) {
           reminders.on_data_reloaded(std::move(snapshot));
         });
         return true;
       }}};
  for (const auto& step : before_ready) {
    if (!step.run()) {
      spdlog::critical("startup: {} failed", step.name);
      return 1;
    }
  }
  notifier.ready(data.status());

  std::unique_ptr<WatchdogPinger> watchdog;
  if (const auto interval = notifier.watchdog_interval()) {
    watchdog = std::make_unique<WatchdogPinger>(io, notifier, *interval);
    running.on_stop.push_back([&watchdog] { watchdog->stop(); });
    spdlog::info("systemd: watchdog ping every {} ms", interval->count() / 1000);
  }
  boost::asio::steady_timer stall(io);
  if (!arm_test_stall(stall)) return 1;
  running.on_stop.push_back([&stall] { stall.cancel(); });

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
