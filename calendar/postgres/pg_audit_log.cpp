#include "calendar/postgres/pg_audit_log.hpp"

#include <pqxx/transaction>

#include "calendar/postgres/pg_fields.hpp"

namespace plancal::calendar {

void PgAuditLog::record(std::int64_t by_uid, std::string_view command,
                        std::string_view arguments_json, std::string_view result, TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    tx.exec_params(
        "INSERT INTO audit_log (at, by_uid, command, arguments, result) "
        "VALUES ($1, $2, $3, $4, $5)",
        time_to_seconds(now), by_uid, std::string(command), std::string(arguments_json),
        std::string(result));
    tx.commit();
  } catch (...) {
    db_.rethrow("recording command " + std::string(command) + " in the audit log");
  }
}

std::vector<AuditEntry> PgAuditLog::recent(int limit) {
  try {
    pqxx::read_transaction tx(db_.connection());
    std::vector<AuditEntry> entries;
    for (const auto& row :
         tx.exec_params("SELECT id, at, by_uid, command, arguments, result FROM audit_log "
                        "ORDER BY id DESC LIMIT $1",
                        limit))
      entries.push_back({row[0].as<std::int64_t>(), time_field(row[1]), row[2].as<std::int64_t>(),
                         row[3].as<std::string>(), row[4].as<std::string>(),
                         row[5].as<std::string>()});
    return entries;
  } catch (...) {
    db_.rethrow("reading the audit log");
  }
}

}  // namespace plancal::calendar
