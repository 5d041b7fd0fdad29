// The SQLite backend of AuditLog: the `audit_log` table of migration 2, whose CHECK
// rejects arguments that are not valid JSON. Shares the store's connection; not
// thread-safe.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>
#include <utility>

#include "calendar/store/audit_log.hpp"

namespace plancal::calendar {

class SqliteAuditLog final : public AuditLog {
 public:
  // `db` must outlive this object; `path` names the database in errors.
  SqliteAuditLog(SQLite::Database& db, std::string path) : db_(db), path_(std::move(path)) {}

  void record(std::int64_t by_uid, std::string_view command, std::string_view arguments_json,
              std::string_view result, TimePoint now) override;
  std::vector<AuditEntry> recent(int limit) override;

 private:
  SQLite::Database& db_;
  std::string path_;
};

}  // namespace plancal::calendar
