// The PostgreSQL backend of AuditLog: the `audit_log` table, whose CHECK rejects arguments
// that are not JSON (kept as written). Shares the store's connection; not thread-safe.
#pragma once

#include "calendar/postgres/pg_database.hpp"
#include "calendar/store/audit_log.hpp"

namespace plancal::calendar {

class PgAuditLog final : public AuditLog {
 public:
  explicit PgAuditLog(PgDatabase& db) : db_(db) {}

  void record(std::int64_t by_uid, std::string_view command, std::string_view arguments_json,
              std::string_view result, TimePoint now) override;
  std::vector<AuditEntry> recent(int limit) override;

 private:
  PgDatabase& db_;
};

}  // namespace plancal::calendar
