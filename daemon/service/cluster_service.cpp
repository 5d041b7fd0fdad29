#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include "daemon/service/cluster_service.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "daemon/system/setup_error.hpp"

namespace plancal::daemon {

struct ClusterService::Timer {
  explicit Timer(boost::asio::io_context& io) : timer(io) {}
  boost::asio::steady_timer timer;
};

ClusterService::ClusterService(boost::asio::io_context& io, calendar::InstanceRegistry& instances,
                               calendar::PlanStore& plans, DataService& data,
                               const calendar::Clock& clock, ClusterOptions options)
    : instances_(instances),
      plans_(plans),
      data_(data),
      clock_(clock),
      options_(std::move(options)),
      timer_(std::make_unique<Timer>(io)) {}

ClusterService::~ClusterService() = default;

void ClusterService::start() {
  try {
    instances_.join({options_.instance, host_name(), static_cast<std::int64_t>(::getpid()), {}, {}},
                    clock_.now());
  } catch (const calendar::StoreError& e) {
    throw SetupError(std::string("cluster: ") + e.what());
  }
  joined_ = true;
  spdlog::info("cluster: instance {}, {} live (beat every {} s, claims held {} s)",
               options_.instance, live().size(), options_.poll.count(), options_.lease.count());
  arm();
}

void ClusterService::stop() {
  if (!joined_) return;
  joined_ = false;
  timer_->timer.cancel();
  try {
    instances_.leave();
  } catch (const calendar::StoreError& e) {
    spdlog::warn("cluster: leaving: store: {}", e.what());
  }
}

std::vector<calendar::InstanceInfo> ClusterService::live() const {
  try {
    return instances_.live(clock_.now() - 3 * options_.poll);
  } catch (const calendar::StoreError& e) {
    spdlog::error("cluster: listing instances: store: {}", e.what());
    return {};
  }
}

void ClusterService::arm() {
  timer_->timer.expires_after(options_.poll);
  timer_->timer.async_wait([this](const boost::system::error_code& ec) {
    if (ec || !joined_) return;
    beat();
    arm();
  });
}

void ClusterService::beat() {
  try {
    instances_.heartbeat(clock_.now());
    const std::int64_t stored = plans_.data_version();
    if (stored > data_.version() && !data_.reloading()) {
      spdlog::info("cluster: data version {} is in the store (serving {}): following it", stored,
                   data_.version());
      data_.follow_store_async([](const ReloadOutcome&) {});
    }
  } catch (const calendar::StoreError& e) {
    spdlog::error("cluster: store: {}; trying again in {} s", e.what(), options_.poll.count());
  }
}

}  // namespace plancal::daemon
