// The SQLite backend of Store: one database file in WAL mode with foreign keys on and a
// busy timeout, so a reader (plancalctl) and the daemon can share it. The schema lives in
// sqlite_migrations.cpp. Every SQLite failure surfaces as a StoreError naming the database
// path, the operation and SQLite's message. Not thread-safe: one owner at a time.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>
#include <string_view>

#include "calendar/store.hpp"

namespace plancal::calendar {

class SqliteStore final : public Store {
 public:
  // How long a statement waits for another connection's lock before failing.
  static constexpr int kBusyTimeoutMs = 5000;

  // Opens or creates the database at `path` and migrates it to the latest schema.
  // Throws StoreError (unreadable or corrupt file, newer schema, ...).
  explicit SqliteStore(std::string path);

  ImportStats import_plan(const Plan& plan, TimePoint now) override;
  std::vector<PlanSummary> plans() override;
  std::optional<Plan> load_plan(std::string_view plan_id) override;
  std::vector<StoredActivity> activities(std::string_view plan_id) override;
  std::int64_t data_version() override;
  int schema_version() override;

  // The connection's effective settings, as SQLite reports them.
  struct ConnectionSettings {
    std::string journal_mode;  // "wal"
    bool foreign_keys = false;
    int busy_timeout_ms = 0;
    int synchronous = 0;  // 1 = NORMAL
  };
  ConnectionSettings connection_settings();

 private:
  // Called from a catch block: rethrows the current SQLite, JSON or store error as one
  // StoreError naming the database and `operation`; other exceptions pass unchanged.
  [[noreturn]] void rethrow_with_context(std::string_view operation) const;

  std::string path_;
  SQLite::Database db_;
};

}  // namespace plancal::calendar
