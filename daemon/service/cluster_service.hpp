// ClusterService: this daemon among the daemons sharing its database (docs/scale-out.md).
// start() joins the instance registry under [cluster] instance (refused when a running
// daemon holds that id); then every [cluster] poll_seconds it beats, and when the store's
// data version moved past the one served (another daemon imported), it serves the new data
// through DataService::follow_store_async(); stop() leaves the registry. On a single SQLite
// daemon it does the same, cheaply, with itself the only instance.
// Every method on the event loop's thread; store failures are logged and retried at the
// next beat.
#pragma once

#include <string>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/store/instances.hpp"
#include "calendar/store/plan_store.hpp"
#include "daemon/service/data_service.hpp"
#include "daemon/system/daemon_options.hpp"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace plancal::daemon {

class ClusterService {
 public:
  // All references must outlive the service.
  ClusterService(boost::asio::io_context& io, calendar::InstanceRegistry& instances,
                 calendar::PlanStore& plans, DataService& data, const calendar::Clock& clock,
                 ClusterOptions options);
  ~ClusterService();
  ClusterService(const ClusterService&) = delete;
  ClusterService& operator=(const ClusterService&) = delete;

  // Joins and starts beating. Throws SetupError (the id is in use, a store failure).
  void start();
  // Stops beating and leaves (logged if the store refuses). Idempotent.
  void stop();

  const std::string& instance_id() const { return options_.instance; }
  // The instances whose last beat is recent (three poll intervals), this one included;
  // empty if the store cannot tell (logged).
  std::vector<calendar::InstanceInfo> live() const;

 private:
  struct Timer;
  void arm();
  void beat();

  calendar::InstanceRegistry& instances_;
  calendar::PlanStore& plans_;
  DataService& data_;
  const calendar::Clock& clock_;
  ClusterOptions options_;
  std::unique_ptr<Timer> timer_;
  bool joined_ = false;
};

}  // namespace plancal::daemon
