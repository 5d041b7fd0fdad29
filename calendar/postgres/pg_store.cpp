#include "calendar/postgres/pg_store.hpp"

#include <pqxx/transaction>

#include "calendar/postgres/pg_activities.hpp"
#include "calendar/postgres/pg_fields.hpp"
#include "calendar/postgres/pg_locks.hpp"
#include "calendar/postgres/pg_migrations.hpp"
#include "calendar/postgres/pg_outline.hpp"

namespace plancal::calendar {

PgStore::PgStore(const std::string& uri, const std::string& password_file, std::string instance_id)
    : db_(uri, password_file), instance_id_(std::move(instance_id)) {
  try {
    migrate_pg_schema(db_.connection());
  } catch (...) {
    db_.rethrow("migrating the schema");
  }
}

ImportStats PgStore::import_plan(const Plan& plan, TimePoint now) {
  try {
    pqxx::work tx(db_.connection());
    // One instance imports at a time; the others then find the plan unchanged.
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", kPlanningLock);
    bool outline_changed = false;
    const std::optional<Plan> stored_outline = read_pg_plan_outline(tx, plan.id);
    if (!stored_outline || *stored_outline != plan_outline(plan)) {
      write_pg_plan_outline(tx, plan, now);
      outline_changed = true;
    }
    PgActivityWriter writer(tx, plan.id, now);
    const ActivityDiff diff = diff_activities(plan, read_pg_activity_versions(tx, plan.id), writer);
    if (outline_changed || diff.moved || diff.changed()) {
      touch_pg_plan(tx, plan.id, now);
      tx.exec0("UPDATE meta SET value = value + 1 WHERE key = 'data_version'");
    }
    tx.commit();
    return diff.stats;
  } catch (...) {
    db_.rethrow("importing plan " + plan.id);
  }
}

std::vector<PlanSummary> PgStore::list_plans() {
  try {
    pqxx::read_transaction tx(db_.connection());
    std::vector<PlanSummary> summaries;
    for (const auto& row :
         tx.exec("SELECT id, title, document_number, last_modified, "
                 "(SELECT count(*) FROM items WHERE items.plan_id = plans.id), "
                 "(SELECT count(*) FROM activities WHERE activities.plan_id = plans.id) "
                 "FROM plans ORDER BY id COLLATE \"C\"")) {
      PlanSummary& summary = summaries.emplace_back();
      summary.id = row[0].as<std::string>();
      summary.title = row[1].as<std::string>();
      summary.document_number = row[2].as<std::string>();
      summary.last_modified = time_field(row[3]);
      summary.items = row[4].as<int>();
      summary.activities = row[5].as<int>();
    }
    return summaries;
  } catch (...) {
    db_.rethrow("listing plans");
  }
}

std::optional<Plan> PgStore::load_plan(std::string_view plan_id) {
  try {
    // One snapshot, so the outline and the activities are from the same import.
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(db_.connection());
    std::optional<Plan> plan = read_pg_plan_outline(tx, plan_id);
    if (!plan) return std::nullopt;
    read_pg_activities(tx, plan_id, [&plan](ActivityPosition position, StoredActivity&& stored) {
      place_activity(*plan, position, std::move(stored));
    });
    tx.commit();
    return plan;
  } catch (...) {
    db_.rethrow("loading plan " + std::string(plan_id));
  }
}

std::vector<StoredActivity> PgStore::activities(std::string_view plan_id) {
  try {
    pqxx::read_transaction tx(db_.connection());
    std::vector<StoredActivity> activities;
    read_pg_activities(tx, plan_id, [&activities](ActivityPosition, StoredActivity&& stored) {
      activities.push_back(std::move(stored));
    });
    return activities;
  } catch (...) {
    db_.rethrow("reading activities of plan " + std::string(plan_id));
  }
}

std::int64_t PgStore::data_version() {
  try {
    pqxx::read_transaction tx(db_.connection());
    return tx.exec("SELECT value FROM meta WHERE key = 'data_version'")[0][0].as<std::int64_t>();
  } catch (...) {
    db_.rethrow("reading data version");
  }
}

int PgStore::schema_version() {
  try {
    return pg_schema_version(db_.connection());
  } catch (...) {
    db_.rethrow("reading schema version");
  }
}

}  // namespace plancal::calendar
