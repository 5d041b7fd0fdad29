#include "calendar/postgres/pg_instances.hpp"

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "calendar/postgres/pg_fields.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

std::string lock_name(const std::string& id) { return "plancal.instance/" + id; }

}  // namespace

void PgInstances::join(const InstanceInfo& self, TimePoint now) {
  try {
    pqxx::nontransaction session(db_.connection());
    const bool locked =
        session.exec_params("SELECT pg_try_advisory_lock(hashtext($1))", lock_name(self.id))[0][0]
            .as<bool>();
    if (!locked) {
      throw StoreError("instance id " + self.id +
                       " is in use by another running plancald on this database; give each "
                       "daemon its own ([cluster] instance, --instance)");
    }
    session.exec_params(
        "INSERT INTO instances (id, host, pid, started, seen) VALUES ($1, $2, $3, $4, $4) "
        "ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid, "
        "started = excluded.started, seen = excluded.seen",
        self.id, self.host, self.pid, time_to_seconds(now));
    id_ = self.id;
  } catch (...) {
    db_.rethrow("joining as instance " + self.id);
  }
}

void PgInstances::heartbeat(TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    tx.exec_params("UPDATE instances SET seen = $1 WHERE id = $2", time_to_seconds(now), id_);
    tx.commit();
  } catch (...) {
    db_.rethrow("recording the heartbeat of instance " + id_);
  }
}

std::vector<InstanceInfo> PgInstances::live(TimePoint since) {
  try {
    pqxx::read_transaction tx(db_.connection());
    std::vector<InstanceInfo> out;
    for (const auto& row : tx.exec_params("SELECT id, host, pid, started, seen FROM instances "
                                          "WHERE seen >= $1 ORDER BY id COLLATE \"C\"",
                                          time_to_seconds(since)))
      out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::int64_t>(),
                     time_field(row[3]), time_field(row[4])});
    return out;
  } catch (...) {
    db_.rethrow("listing the live instances");
  }
}

void PgInstances::leave() {
  try {
    pqxx::nontransaction session(db_.connection());
    session.exec_params("DELETE FROM instances WHERE id = $1", id_);
    session.exec_params("SELECT pg_advisory_unlock(hashtext($1))", lock_name(id_));
  } catch (...) {
    db_.rethrow("leaving as instance " + id_);
  }
}

}  // namespace plancal::calendar
