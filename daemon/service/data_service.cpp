#include "daemon/service/data_service.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <numeric>

namespace plancal::daemon {

ReloadOutcome DataService::reload() {
  try {
    return try_reload();
  } catch (const std::exception& e) {
    spdlog::error("data: reload from {} failed: {}; {}", options_.data_dir, e.what(), keeping());
    return {false, version(), {{options_.data_dir, 0, 0, "", e.what()}}};
  }
}

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

ReloadOutcome DataService::try_reload() {
  SnapshotLoad load =
      load_snapshot(options_.data_dir, plans_, clock_.now(), current_.get(), &unit_actions_);
  if (!load.snapshot) {
    for (const auto& error : load.errors) spdlog::error("data: {}", error.to_string());
    spdlog::error("data: {} error(s) in {}; {}", load.errors.size(), options_.data_dir, keeping());
    return {false, version(), std::move(load.errors)};
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
  cache_.update(load.snapshot);
  current_ = std::move(load.snapshot);
  spdlog::info("data: data version {}, {} from {}", current_->data_version, status(),
               options_.data_dir);
  if (on_reloaded_) on_reloaded_(current_);
  return {true, current_->data_version, {}};
}

}  // namespace plancal::daemon
