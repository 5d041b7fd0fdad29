#include "calendar/sqlite/sqlite_store.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "calendar/sqlite/sqlite_activities.hpp"
#include "calendar/sqlite/sqlite_columns.hpp"
#include "calendar/sqlite/sqlite_error.hpp"
#include "calendar/sqlite/sqlite_migrations.hpp"
#include "calendar/sqlite/sqlite_outline.hpp"

namespace plancal::calendar {
namespace {

std::string context(const std::string& path, std::string_view operation) {
  return "sqlite store " + path + ": " + std::string(operation) + ": ";
}

SQLite::Database open_database(const std::string& path, bool accept_empty_file) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(path, ec);
  if (existed && !accept_empty_file && std::filesystem::is_regular_file(path, ec) &&
      std::filesystem::file_size(path, ec) == 0 && !ec) {
    throw StoreError(context(path, "opening") +
                     "the file exists but is empty: refusing to take it as a new database (its "
                     "sent reminders and acknowledgements are gone); restore it, or start with "
                     "--init to begin afresh");
  }
  if (!existed) {
    // Created by us, for the owner only: the database holds the units' feed tokens.
    const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
  }
  try {
    return SQLite::Database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                            SqliteStore::kBusyTimeoutMs);
  } catch (const SQLite::Exception& e) {
    throw StoreError(context(path, "opening") + e.what());
  }
}

}  // namespace

SqliteStore::SqliteStore(std::string path, std::string instance_id, bool accept_empty_file)
    : path_(std::move(path)),
      instance_id_(std::move(instance_id)),
      db_(open_database(path_, accept_empty_file)) {
  try {
    // journal_mode is stored in the file; the others hold for this connection only.
    const std::string mode = db_.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal") throw StoreError("cannot switch to WAL journal mode (got " + mode + ")");
    db_.exec("PRAGMA foreign_keys = ON");
    db_.exec("PRAGMA synchronous = NORMAL");
    migrate_schema(db_);
  } catch (...) {
    rethrow_with_context("opening");
  }
}

void SqliteStore::rethrow_with_context(std::string_view operation) const {
  rethrow_store_error(path_, operation);
}

std::vector<PlanSummary> SqliteStore::list_plans() {
  try {
    SQLite::Statement query(db_,
                            "SELECT id, title, document_number, last_modified, "
                            "(SELECT count(*) FROM items WHERE items.plan_id = plans.id), "
                            "(SELECT count(*) FROM activities WHERE activities.plan_id = plans.id) "
                            "FROM plans ORDER BY id");
    std::vector<PlanSummary> summaries;
    while (query.executeStep()) {
      PlanSummary& summary = summaries.emplace_back();
      summary.id = query.getColumn(0).getString();
      summary.title = query.getColumn(1).getString();
      summary.document_number = query.getColumn(2).getString();
      summary.last_modified = time_column(query.getColumn(3));
      summary.items = query.getColumn(4).getInt();
      summary.activities = query.getColumn(5).getInt();
    }
    return summaries;
  } catch (...) {
    rethrow_with_context("listing plans");
  }
}

std::optional<Plan> SqliteStore::load_plan(std::string_view plan_id) {
  try {
    // One read transaction, so the outline and the activities are from the same import.
    SQLite::Transaction transaction(db_);
    std::optional<Plan> plan = read_plan_outline(db_, plan_id);
    if (!plan) return std::nullopt;
    read_activities(db_, plan_id, [&plan](ActivityPosition position, StoredActivity&& stored) {
      place_activity(*plan, position, std::move(stored));
    });
    transaction.commit();
    return plan;
  } catch (...) {
    rethrow_with_context("loading plan " + std::string(plan_id));
  }
}

std::vector<StoredActivity> SqliteStore::activities(std::string_view plan_id) {
  try {
    std::vector<StoredActivity> activities;
    read_activities(db_, plan_id, [&activities](ActivityPosition, StoredActivity&& stored) {
      activities.push_back(std::move(stored));
    });
    return activities;
  } catch (...) {
    rethrow_with_context("reading activities of plan " + std::string(plan_id));
  }
}

std::int64_t SqliteStore::data_version() {
  try {
    return db_.execAndGet("SELECT value FROM meta WHERE key = 'data_version'").getInt64();
  } catch (...) {
    rethrow_with_context("reading data version");
  }
}

int SqliteStore::schema_version() {
  try {
    return db_.execAndGet("PRAGMA user_version").getInt();
  } catch (...) {
    rethrow_with_context("reading schema version");
  }
}

SqliteStore::ConnectionSettings SqliteStore::connection_settings() {
  try {
    ConnectionSettings settings;
    settings.journal_mode = db_.execAndGet("PRAGMA journal_mode").getString();
    settings.foreign_keys = db_.execAndGet("PRAGMA foreign_keys").getInt() != 0;
    settings.busy_timeout_ms = db_.execAndGet("PRAGMA busy_timeout").getInt();
    settings.synchronous = db_.execAndGet("PRAGMA synchronous").getInt();
    return settings;
  } catch (...) {
    rethrow_with_context("reading connection settings");
  }
}

}  // namespace plancal::calendar
