#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include "daemon/service/data_service.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <exception>
#include <numeric>
#include <optional>

namespace plancal::daemon {

namespace asio = boost::asio;

struct DataService::Async {
  explicit Async(asio::io_context& io_context) : io(io_context) {}
  asio::io_context& io;
  bool running = false;
  std::vector<ReloadDone> next;  // requests that came while one ran: the one more reload
  // Keeps the loop running while a reload is out on the worker (its answer comes back).
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> busy;
  asio::thread_pool worker{1};  // last: joined first
};

DataService::DataService(const DaemonOptions& options, DataStores loop, DataStores worker,
                         const calendar::Clock& clock, FeedCache& cache, asio::io_context& io)
    : options_(options),
      loop_(loop),
      worker_(worker),
      clock_(clock),
      cache_(cache),
      async_(std::make_unique<Async>(io)) {}

DataService::~DataService() { async_->worker.join(); }

ReloadOutcome DataService::reload() {
  try {
    return try_reload();
  } catch (const std::exception& e) {
    return failure("reload from " + options_.data_dir, e.what());
  }
}

ReloadOutcome DataService::failure(const std::string& what, const std::string& error) const {
  spdlog::error("data: {} failed: {}; {}", what, error, keeping());
  return {false, version(), {{options_.data_dir, 0, 0, "", error}}};
}

bool DataService::reloading() const { return async_->running; }

std::string DataService::status() const {
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

std::string DataService::keeping() const {
  return current_ ? "keeping data version " + std::to_string(current_->data_version)
                  : std::string("nothing to serve");
}

SnapshotLoad DataService::import(DataFiles files, DataStores& stores,
                                 const std::shared_ptr<const DataSnapshot>& previous) const {
  SnapshotLoad load = snapshot_from(std::move(files), stores.plans, clock_.now(), previous.get(),
                                    &stores.unit_actions);
  if (!load.snapshot) return load;
  for (const auto& [plan_id, stats] : load.imports) {
    spdlog::info("data: {}: {} added, {} changed, {} removed, {} unchanged", plan_id, stats.added,
                 stats.changed, stats.removed, stats.unchanged);
  }
  for (const auto& plan : load.snapshot->plans) {
    for (const auto& feed : plan.feeds) {
      if (feed.is_private) stores.feed_tokens.token(feed.key, clock_.now());
    }
  }
  return load;
}

ReloadOutcome DataService::failed_load(calendar::Diagnostics errors) const {
  for (const auto& error : errors) spdlog::error("data: {}", error.to_string());
  spdlog::error("data: {} error(s) in {}; {}", errors.size(), options_.data_dir, keeping());
  return {false, version(), std::move(errors)};
}

void DataService::install(std::shared_ptr<const DataSnapshot> snapshot,
                          std::shared_ptr<const FeedSet> feeds) {
  cache_.install(std::move(feeds));
  current_ = std::move(snapshot);
  spdlog::info("data: data version {}, {} from {}", current_->data_version, status(),
               options_.data_dir);
  if (on_reloaded_) on_reloaded_(current_);
}

ReloadOutcome DataService::try_reload() {
  SnapshotLoad load = import(read_data_files(options_.data_dir), loop_, current_);
  if (!load.snapshot) return failed_load(std::move(load.errors));
  auto feeds = FeedCache::render(load.snapshot, cache_.base_url(), cache_.current());
  install(load.snapshot, std::move(feeds));
  return {true, current_->data_version, {}};
}

void DataService::reload_async(ReloadDone done) {
  if (async_->running) {
    async_->next.push_back(std::move(done));
    spdlog::info("data: a reload is running; this request is coalesced into the next one");
    return;
  }
  start_async({std::move(done)});
}

void DataService::follow_store_async(ReloadDone done) {
  if (async_->running || !current_) return;
  start_async({std::move(done)}, Source::kStore);
}

DataFiles DataService::stored_plans(const DataSnapshot& served) {
  DataFiles files;
  files.years_without_holidays = served.years_without_holidays;
  for (const PlanData& plan : served.plans) {
    std::optional<calendar::Plan> stored = worker_.plans.load_plan(plan.plan.id);
    if (!stored) {
      files.errors.push_back({"", 0, 0, "", "plan " + plan.plan.id + " is gone from the store"});
      continue;
    }
    files.plans.push_back(std::move(*stored));
  }
  return files;
}

void DataService::start_async(std::vector<ReloadDone> waiting, Source source) {
  async_->running = true;
  async_->busy.emplace(async_->io.get_executor());
  auto waiters = std::make_shared<std::vector<ReloadDone>>(std::move(waiting));
  auto finish = [this, waiters](const ReloadOutcome& outcome) {
    finish_async(outcome, std::move(*waiters));
  };
  // On the worker, with its own store connection: read (the files, or the store), import,
  // render, continuing what the loop serves now.
  asio::post(async_->worker, [this, finish, source, previous = current_, base = cache_.current()] {
    SnapshotLoad load;
    std::shared_ptr<const FeedSet> feeds;
    std::string error;
    try {
      DataFiles files =
          source == Source::kStore ? stored_plans(*previous) : read_data_files(options_.data_dir);
      load = import(std::move(files), worker_, previous);
      if (load.snapshot) feeds = FeedCache::render(load.snapshot, cache_.base_url(), base);
    } catch (const std::exception& e) {
      error = e.what();
    }
    // On the loop: swap it in, unless something newer is served by now.
    asio::post(async_->io, [this, finish, load = std::move(load), feeds, error]() mutable {
      if (!error.empty()) return finish(failure("reload from " + options_.data_dir, error));
      if (!load.snapshot) return finish(failed_load(std::move(load.errors)));
      if (current_ && current_->data_version > load.snapshot->data_version) {
        spdlog::info("data: data version {} is already served; dropping {}", current_->data_version,
                     load.snapshot->data_version);
      } else {
        install(load.snapshot, feeds);
      }
      finish({true, current_->data_version, {}});
    });
  });
}

void DataService::finish_async(const ReloadOutcome& outcome, std::vector<ReloadDone> waiting) {
  async_->running = false;
  async_->busy.reset();
  for (const ReloadDone& done : waiting)
    if (done) done(outcome);
  if (!async_->next.empty()) start_async(std::exchange(async_->next, {}));
}

}  // namespace plancal::daemon
