#include "calendar/sqlite/sqlite_instances.hpp"

#include <SQLiteCpp/Statement.h>

#include "calendar/sqlite/sqlite_columns.hpp"
#include "calendar/sqlite/sqlite_error.hpp"

namespace plancal::calendar {

void SqliteInstances::join(const InstanceInfo& self, TimePoint now) {
  try {
    SQLite::Statement upsert(db_,
                             "INSERT INTO instances (id, host, pid, started, seen) "
                             "VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (id) DO UPDATE SET "
                             "host = excluded.host, pid = excluded.pid, "
                             "started = excluded.started, seen = excluded.seen");
    upsert.bind(1, self.id);
    upsert.bind(2, self.host);
    upsert.bind(3, self.pid);
    upsert.bind(4, time_column_value(now));
    upsert.exec();
    id_ = self.id;
  } catch (...) {
    rethrow_store_error(path_, "joining as instance " + self.id);
  }
}

void SqliteInstances::heartbeat(TimePoint) {}

std::vector<InstanceInfo> SqliteInstances::live(TimePoint) {
  try {
    SQLite::Statement query(db_, "SELECT id, host, pid, started, seen FROM instances ORDER BY id");
    std::vector<InstanceInfo> out;
    while (query.executeStep())
      out.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                     query.getColumn(2).getInt64(), time_column(query.getColumn(3)),
                     time_column(query.getColumn(4))});
    return out;
  } catch (...) {
    rethrow_store_error(path_, "listing the live instances");
  }
}

void SqliteInstances::leave() {
  try {
    SQLite::Statement remove(db_, "DELETE FROM instances WHERE id = ?");
    remove.bind(1, id_);
    remove.exec();
  } catch (...) {
    rethrow_store_error(path_, "leaving as instance " + id_);
  }
}

}  // namespace plancal::calendar
