#include "calendar/sqlite/sqlite_audit_log.hpp"

#include <SQLiteCpp/Statement.h>

#include "calendar/sqlite/sqlite_columns.hpp"
#include "calendar/sqlite/sqlite_error.hpp"

namespace plancal::calendar {

void SqliteAuditLog::record(std::int64_t by_uid, std::string_view command,
                            std::string_view arguments_json, std::string_view result,
                            TimePoint now) {
  try {
    SQLite::Statement insert(db_,
                             "INSERT INTO audit_log (at, by_uid, command, arguments, result) "
                             "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, time_column_value(now));
    insert.bind(2, by_uid);
    insert.bind(3, std::string(command));
    insert.bind(4, std::string(arguments_json));
    insert.bind(5, std::string(result));
    insert.exec();
  } catch (...) {
    rethrow_store_error(path_, "recording command " + std::string(command) + " in the audit log");
  }
}

std::vector<AuditEntry> SqliteAuditLog::recent(int limit) {
  try {
    SQLite::Statement query(db_,
                            "SELECT id, at, by_uid, command, arguments, result FROM audit_log "
                            "ORDER BY id DESC LIMIT ?");
    query.bind(1, limit);
    std::vector<AuditEntry> entries;
    while (query.executeStep())
      entries.push_back({query.getColumn(0).getInt64(), time_column(query.getColumn(1)),
                         query.getColumn(2).getInt64(), query.getColumn(3).getString(),
                         query.getColumn(4).getString(), query.getColumn(5).getString()});
    return entries;
  } catch (...) {
    rethrow_store_error(path_, "reading the audit log");
  }
}

}  // namespace plancal::calendar
