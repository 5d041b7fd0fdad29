// The SQLite backend of Store (and its PlanStore slice): one database file in WAL mode with foreign
// keys on and a busy timeout, so a reader (plancalctl) and the daemon can share it. The schema
// lives in sqlite_migrations.cpp. Every SQLite failure surfaces as a StoreError naming the database
// path, the operation and SQLite's message. Not thread-safe: one owner at a time.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>
#include <string_view>

#include "calendar/sqlite/sqlite_acknowledgements.hpp"
#include "calendar/sqlite/sqlite_audit_log.hpp"
#include "calendar/sqlite/sqlite_feed_tokens.hpp"
#include "calendar/sqlite/sqlite_instances.hpp"
#include "calendar/sqlite/sqlite_outbox.hpp"
#include "calendar/sqlite/sqlite_unit_actions.hpp"
#include "calendar/store/store.hpp"

namespace plancal::calendar {

class SqliteStore final : public Store, public PlanStore {
 public:
  // How long a statement waits for another connection's lock before failing.
  static constexpr int kBusyTimeoutMs = 5000;

  // Opens or creates the database at `path` and migrates it to the latest schema; claims
  // are made under `instance_id`. A new file is created with mode 0600 (the WAL and
  // shared-memory files follow it). Throws StoreError (unreadable or corrupt file, newer
  // schema, an existing empty file unless `accept_empty_file`, ...).
  SqliteStore(std::string path, std::string instance_id, bool accept_empty_file = false);

  PlanStore& plans() override { return *this; }
  ImportStats import_plan(const Plan& plan, TimePoint now) override;
  std::vector<PlanSummary> list_plans() override;
  std::optional<Plan> load_plan(std::string_view plan_id) override;
  std::vector<StoredActivity> activities(std::string_view plan_id) override;
  std::int64_t data_version() override;
  int schema_version() override;
  std::string backend_name() const override { return "sqlite"; }
  std::string location() const override { return path_; }
  const std::string& instance_id() const override { return instance_id_; }
  Outbox& outbox() override { return outbox_; }
  AcknowledgementStore& acknowledgements() override { return acknowledgements_; }
  FeedTokenStore& feed_tokens() override { return feed_tokens_; }
  AuditLog& audit_log() override { return audit_log_; }
  UnitActionStore& unit_actions() override { return unit_actions_; }
  InstanceRegistry& instances() override { return instances_; }

  // The connection's effective settings, as SQLite reports them.
  struct ConnectionSettings {
    std::string journal_mode;  // "wal"
    bool foreign_keys = false;
    int busy_timeout_ms = 0;
    int synchronous = 0;  // 1 = NORMAL
  };
  ConnectionSettings connection_settings();

 private:
  // Called from a catch block: rethrow_store_error() for this database.
  [[noreturn]] void rethrow_with_context(std::string_view operation) const;

  std::string path_;
  std::string instance_id_;
  SQLite::Database db_;
  SqliteOutbox outbox_{db_, path_, instance_id_};
  SqliteAcknowledgements acknowledgements_{db_, path_};
  SqliteFeedTokens feed_tokens_{db_, path_};
  SqliteAuditLog audit_log_{db_, path_};
  SqliteUnitActions unit_actions_{db_, path_};
  SqliteInstances instances_{db_, path_};
};

}  // namespace plancal::calendar
