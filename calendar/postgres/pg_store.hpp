// The PostgreSQL backend of Store (and its PlanStore slice), for several daemons sharing one
// database (docs/scale-out.md): one connection per store, the schema of pg_migrations.cpp,
// plan imports and re-planning serialised by an advisory lock (pg_locks.hpp), reminder
// claims taken with SELECT … FOR UPDATE SKIP LOCKED under a lease. Every failure surfaces
// as a StoreError naming the URI (never a password), the operation and PostgreSQL's
// message. Not thread-safe: one owner at a time.
#pragma once

#include <string>
#include <string_view>

#include "calendar/postgres/pg_acknowledgements.hpp"
#include "calendar/postgres/pg_audit_log.hpp"
#include "calendar/postgres/pg_database.hpp"
#include "calendar/postgres/pg_feed_tokens.hpp"
#include "calendar/postgres/pg_instances.hpp"
#include "calendar/postgres/pg_outbox.hpp"
#include "calendar/postgres/pg_unit_actions.hpp"
#include "calendar/store/store.hpp"

namespace plancal::calendar {

class PgStore final : public Store, public PlanStore {
 public:
  // Connects to `uri` (password from `password_file` when not empty, else libpq's
  // PGPASSFILE) and migrates the schema; claims are made under `instance_id`. Throws
  // StoreError.
  PgStore(const std::string& uri, const std::string& password_file, std::string instance_id);

  PlanStore& plans() override { return *this; }
  ImportStats import_plan(const Plan& plan, TimePoint now) override;
  std::vector<PlanSummary> list_plans() override;
  std::optional<Plan> load_plan(std::string_view plan_id) override;
  std::vector<StoredActivity> activities(std::string_view plan_id) override;
  std::int64_t data_version() override;
  int schema_version() override;
  std::string backend_name() const override { return "postgresql"; }
  std::string location() const override { return db_.location(); }
  const std::string& instance_id() const override { return instance_id_; }
  Outbox& outbox() override { return outbox_; }
  AcknowledgementStore& acknowledgements() override { return acknowledgements_; }
  FeedTokenStore& feed_tokens() override { return feed_tokens_; }
  AuditLog& audit_log() override { return audit_log_; }
  UnitActionStore& unit_actions() override { return unit_actions_; }
  InstanceRegistry& instances() override { return instances_; }

 private:
  PgDatabase db_;
  std::string instance_id_;
  PgOutbox outbox_{db_, instance_id_};
  PgAcknowledgements acknowledgements_{db_};
  PgFeedTokens feed_tokens_{db_};
  PgAuditLog audit_log_{db_};
  PgUnitActions unit_actions_{db_};
  PgInstances instances_{db_};
};

}  // namespace plancal::calendar
