// The data plancald serves: loads the data directory into the store and a DataSnapshot,
// renders the feeds, and keeps the current snapshot. A failed reload (a broken plan file,
// a store error) logs each problem with file:line and keeps the current data serving.
// Runs on the daemon's event-loop thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "calendar/model/clock.hpp"
#include "calendar/store/feed_tokens.hpp"
#include "calendar/store/plan_store.hpp"
#include "daemon/data/daemon_control.hpp"
#include "daemon/data/data_snapshot.hpp"
#include "daemon/http/feed_cache.hpp"
#include "daemon/system/daemon_options.hpp"

namespace plancal::daemon {

class DataService {
 public:
  using ReloadHook = std::function<void(std::shared_ptr<const DataSnapshot>)>;

  // `unit_actions` gives the approved extensions the feeds mention (item notes).
  DataService(const DaemonOptions& options, calendar::PlanStore& plans,
              calendar::FeedTokenStore& feed_tokens, calendar::UnitActionStore& unit_actions,
              const calendar::Clock& clock, FeedCache& cache)
      : options_(options),
        plans_(plans),
        feed_tokens_(feed_tokens),
        unit_actions_(unit_actions),
        clock_(clock),
        cache_(cache) {}

  // Loads the data directory and makes it current. On errors logs each one, keeps the
  // current data and returns them (file:line each).
  ReloadOutcome reload();

  std::int64_t version() const { return current_ ? current_->data_version : 0; }
  size_t feeds() const { return cache_.current() ? cache_.current()->feeds().size() : 0; }

  // The data being served; null before the first successful load.
  std::shared_ptr<const DataSnapshot> current() const { return current_; }

  // Called after each successful reload with the new data (reminders re-plan).
  void set_on_reloaded(ReloadHook hook) { on_reloaded_ = std::move(hook); }

  // For systemd's STATUS=: "serving 1 plan, 71 activities, 88 feeds".
  std::string status() const;

 private:
  std::string keeping() const;
  ReloadOutcome try_reload();

  const DaemonOptions& options_;
  calendar::PlanStore& plans_;
  calendar::FeedTokenStore& feed_tokens_;
  calendar::UnitActionStore& unit_actions_;
  const calendar::Clock& clock_;
  FeedCache& cache_;
  std::shared_ptr<const DataSnapshot> current_;
  ReloadHook on_reloaded_;
};

}  // namespace plancal::daemon
