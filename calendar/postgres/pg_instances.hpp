// The PostgreSQL backend of InstanceRegistry: the `instances` table, and a session-level
// advisory lock on the instance id, held by the connection for as long as the daemon runs
// (PostgreSQL releases it when the connection ends, also after kill -9), so a second daemon
// under the same id is refused. Shares the store's connection; not thread-safe.
#pragma once

#include <string>

#include "calendar/postgres/pg_database.hpp"
#include "calendar/store/instances.hpp"

namespace plancal::calendar {

class PgInstances final : public InstanceRegistry {
 public:
  explicit PgInstances(PgDatabase& db) : db_(db) {}

  void join(const InstanceInfo& self, TimePoint now) override;
  void heartbeat(TimePoint now) override;
  std::vector<InstanceInfo> live(TimePoint since) override;
  void leave() override;

 private:
  PgDatabase& db_;
  std::string id_;  // set by join()
};

}  // namespace plancal::calendar
