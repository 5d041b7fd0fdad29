// The data plancald serves: loads the data directory into the store and a DataSnapshot,
// renders the feeds, and keeps the current snapshot. A failed reload (a broken plan file,
// a store error) logs each problem with file:line and keeps the current data serving.
//
// Two ways to reload, both called on the daemon's event-loop thread:
//   - reload(): all of it at once, on the calling thread, with the loop's store connection
//     (at start, before serving; and after an operator decision that must be in the feeds
//     before the command answers).
//   - reload_async(): for SIGHUP and `plancalctl reload`. Everything but the swap runs on a
//     worker thread with a store connection of its own: reading and checking the files, the
//     store import, and rendering every feed. Only the swap runs on the loop, so it keeps
//     serving meanwhile. Requests that come while one runs are coalesced: they all share the
//     one more reload that follows it, and get its outcome.
// A snapshot older than the one served by then (a reload() came in between) is dropped.
//
// With several daemons on one database (docs/scale-out.md), follow_store_async() serves
// what another daemon imported: the plans this daemon serves, as the store now has them,
// through the same steps on the worker (the import is then a no-op), without reading the
// files again.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/store/feed_tokens.hpp"
#include "calendar/store/plan_store.hpp"
#include "calendar/store/store.hpp"
#include "daemon/data/daemon_control.hpp"
#include "daemon/data/data_snapshot.hpp"
#include "daemon/http/feed_cache.hpp"
#include "daemon/system/daemon_options.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace plancal::daemon {

// The store slices the data service uses, on one connection.
struct DataStores {
  calendar::PlanStore& plans;
  calendar::FeedTokenStore& feed_tokens;    // a private feed's token is drawn at load
  calendar::UnitActionStore& unit_actions;  // approved extensions, noted in the feeds

  static DataStores of(calendar::Store& store) {
    return {store.plans(), store.feed_tokens(), store.unit_actions()};
  }
};

class DataService {
 public:
  using ReloadHook = std::function<void(std::shared_ptr<const DataSnapshot>)>;
  using ReloadDone = std::function<void(const ReloadOutcome&)>;

  // `loop` is the store as the loop's thread uses it, `worker` another connection to the
  // same database, used only by the worker thread. `io` is the loop the async reloads come
  // back to; all references must outlive the service.
  DataService(const DaemonOptions& options, DataStores loop, DataStores worker,
              const calendar::Clock& clock, FeedCache& cache, boost::asio::io_context& io);
  ~DataService();  // waits for a reload running on the worker
  DataService(const DataService&) = delete;
  DataService& operator=(const DataService&) = delete;

  // Loads the data directory and makes it current. On errors logs each one, keeps the
  // current data and returns them (file:line each).
  ReloadOutcome reload();
  // The same off the loop (see above); `done` runs on the loop with the outcome.
  void reload_async(ReloadDone done);
  // Serves the store's newer data version (see above), unless a reload is running (the
  // caller asks again later). `done` runs on the loop with the outcome.
  void follow_store_async(ReloadDone done);
  // True from reload_async() until its last coalesced reload is done.
  bool reloading() const;

  std::int64_t version() const { return current_ ? current_->data_version : 0; }
  size_t feeds() const { return cache_.current() ? cache_.current()->feeds().size() : 0; }

  // The data being served; null before the first successful load.
  std::shared_ptr<const DataSnapshot> current() const { return current_; }

  // Called after each successful reload with the new data (reminders re-plan).
  void set_on_reloaded(ReloadHook hook) { on_reloaded_ = std::move(hook); }

  // For systemd's STATUS=: "serving 1 plan, 71 activities, 88 feeds".
  std::string status() const;

 private:
  struct Async;

  std::string keeping() const;
  // Logs "data: <what> failed: <error>; keeping …" and returns that failed outcome.
  ReloadOutcome failure(const std::string& what, const std::string& error) const;
  // Logs the errors of a load that failed and returns its outcome (on the loop).
  ReloadOutcome failed_load(calendar::Diagnostics errors) const;
  ReloadOutcome try_reload();
  // The store part of a reload on `stores` (the thread's own): imports `files` continuing
  // `previous`, logs what changed and draws the private feeds' tokens. The snapshot, or
  // the errors.
  SnapshotLoad import(DataFiles files, DataStores& stores,
                      const std::shared_ptr<const DataSnapshot>& previous) const;
  // Makes `snapshot` and `feeds` current (feeds null: unchanged) and tells the hook.
  void install(std::shared_ptr<const DataSnapshot> snapshot, std::shared_ptr<const FeedSet> feeds);
  // Where a reload reads its plans: the data directory's files, or the store.
  enum class Source { kFiles, kStore };
  void start_async(std::vector<ReloadDone> waiting, Source source = Source::kFiles);
  // The plans `served` serves, as the worker's store has them.
  DataFiles stored_plans(const DataSnapshot& served);
  void finish_async(const ReloadOutcome& outcome, std::vector<ReloadDone> waiting);

  const DaemonOptions& options_;
  DataStores loop_;
  DataStores worker_;  // the worker thread's only
  const calendar::Clock& clock_;
  FeedCache& cache_;
  std::shared_ptr<const DataSnapshot> current_;
  ReloadHook on_reloaded_;
  std::unique_ptr<Async> async_;
};

}  // namespace plancal::daemon
