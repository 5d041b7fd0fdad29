// The SQLite backend of InstanceRegistry: the `instances` table of migration 5. A SQLite
// file serves one daemon, so join() takes over any row of the same id (a daemon that was
// killed left it), a heartbeat writes nothing (the daemon's loop never waits for another
// connection's write lock for it), and every joined instance counts as live. Shares the
// store's connection; not thread-safe.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>
#include <utility>

#include "calendar/store/instances.hpp"

namespace plancal::calendar {

class SqliteInstances final : public InstanceRegistry {
 public:
  // `db` must outlive this object; `path` names the database in errors.
  SqliteInstances(SQLite::Database& db, std::string path) : db_(db), path_(std::move(path)) {}

  void join(const InstanceInfo& self, TimePoint now) override;
  void heartbeat(TimePoint now) override;
  std::vector<InstanceInfo> live(TimePoint since) override;
  void leave() override;

 private:
  SQLite::Database& db_;
  std::string path_;
  std::string id_;  // set by join()
};

}  // namespace plancal::calendar
