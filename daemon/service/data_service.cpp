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

DataService::DataService(const DaemonOptions& options, calendar::PlanStore& plans,
                         calendar::FeedTokenStore& feed_tokens,
                         calendar::UnitActionStore& unit_actions, const calendar::Clock& clock,
                         FeedCache& cache, asio::io_context& io)
    : options_(options),
      plans_(plans),
      feed_tokens_(feed_tokens),
      unit_actions_(unit_actions),
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

std::shared_ptr<const DataSnapshot> DataService::import(DataFiles files, ReloadOutcome& failed) {
  SnapshotLoad load =
      snapshot_from(std::move(files), plans_, clock_.now(), current_.get(), &unit_actions_);
  if (!load.snapshot) {
    for (const auto& error : load.errors) spdlog::error("data: {}", error.to_string());
    spdlog::error("data: {} error(s) in {}; {}", load.errors.size(), options_.data_dir, keeping());
    failed = {false, version(), std::move(load.errors)};
    return nullptr;
  }
  for (const auto& [plan_id, stats] : load.imports) {
    spdlog::info("data: {}: {} added, {} changed, {} removed, {} unchanged", plan_id, stats.added,
                 stats.changed, stats.removed, stats.unchanged);
  }
  for (const auto& plan : load.snapshot->plans) {
    for (const auto& feed : plan.feeds) {
      if (feed.is_private) feed_tokens_.token(feed.key, clock_.now());
    }
  }
  return load.snapshot;
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
  ReloadOutcome failed;
  auto snapshot = import(read_data_files(options_.data_dir), failed);
  if (!snapshot) return failed;
  auto feeds = FeedCache::render(snapshot, cache_.base_url(), cache_.current());
  install(snapshot, std::move(feeds));
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

DataFiles DataService::stored_plans() const {
  DataFiles files;
  files.years_without_holidays = current_->years_without_holidays;
  for (const PlanData& served : current_->plans) {
    std::optional<calendar::Plan> plan = plans_.load_plan(served.plan.id);
    if (!plan) {
      files.errors.push_back({"", 0, 0, "", "plan " + served.plan.id + " is gone from the store"});
      continue;
    }
    files.plans.push_back(std::move(*plan));
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
  if (source == Source::kStore) {
    // 1. On the loop (the store's thread): the served plans as stored.
    asio::post(async_->io, [this, finish] {
      auto files = std::make_shared<DataFiles>();
      try {
        *files = stored_plans();
      } catch (const std::exception& e) {
        files->errors.push_back({"", 0, 0, "", std::string("store: ") + e.what()});
      }
      continue_async(files, finish);
    });
    return;
  }
  // 1. On the worker: read and check the files.
  asio::post(async_->worker, [this, finish] {
    auto files = std::make_shared<DataFiles>();
    try {
      *files = read_data_files(options_.data_dir);
    } catch (const std::exception& e) {
      files->errors.push_back({options_.data_dir, 0, 0, "", e.what()});
    }
    asio::post(async_->io, [this, finish, files] { continue_async(files, finish); });
  });
}

void DataService::continue_async(std::shared_ptr<DataFiles> files,
                                 std::function<void(const ReloadOutcome&)> finish) {
  // 2. On the loop: import into the store.
  ReloadOutcome failed;
  std::shared_ptr<const DataSnapshot> snapshot;
  try {
    snapshot = import(std::move(*files), failed);
  } catch (const std::exception& e) {
    failed = failure("reload from " + options_.data_dir, e.what());
  }
  if (!snapshot) return finish(failed);
  // 3. On the worker: render the feeds, continuing the set being served.
  asio::post(async_->worker, [this, finish, snapshot, base = cache_.current()] {
    std::shared_ptr<const FeedSet> feeds;
    std::string error;
    try {
      feeds = FeedCache::render(snapshot, cache_.base_url(), base);
    } catch (const std::exception& e) {
      error = e.what();
    }
    // 4. On the loop: swap it in, unless something newer is served by now.
    asio::post(async_->io, [this, finish, snapshot, feeds, error] {
      if (!error.empty()) return finish(failure("rendering the feeds", error));
      if (current_ && current_->data_version > snapshot->data_version) {
        spdlog::info("data: data version {} is already served; dropping {}", current_->data_version,
                     snapshot->data_version);
      } else {
        install(snapshot, feeds);
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
