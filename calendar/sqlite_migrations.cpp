#include "calendar/sqlite_migrations.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>

#include <array>
#include <string_view>

#include "calendar/store.hpp"

namespace plancal::calendar {
namespace {

// Migration N is kMigrations[N - 1]. Dates are ISO text (NULL when unset), times are Unix
// seconds, string lists are JSON arrays, a reading is reading_to_json() text.
constexpr std::array<std::string_view, 1> kMigrations = {
    // 1: plans, units, items, activities, meta.
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO meta (key, value) VALUES ('data_version', 0);

CREATE TABLE plans (
  id              TEXT PRIMARY KEY,
  title           TEXT NOT NULL,
  issuer          TEXT NOT NULL,
  document_number TEXT NOT NULL,
  published       TEXT,
  effective_from  TEXT,
  effective_until TEXT,
  timezone        TEXT NOT NULL,
  year            INTEGER NOT NULL,
  escalation_unit TEXT NOT NULL,
  last_modified   INTEGER NOT NULL  -- never decreases
) STRICT;

CREATE TABLE units (
  plan_id         TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  id              TEXT NOT NULL,
  position        INTEGER NOT NULL,
  name            TEXT NOT NULL,
  full_name       TEXT NOT NULL,
  aliases         TEXT NOT NULL,
  phones          TEXT NOT NULL,
  emails          TEXT NOT NULL,
  escalation_unit TEXT NOT NULL,
  PRIMARY KEY (plan_id, id)
) STRICT;

CREATE TABLE items (
  plan_id             TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  id                  TEXT NOT NULL,
  position            INTEGER NOT NULL,
  kind                TEXT NOT NULL,
  section             TEXT NOT NULL,
  number              TEXT NOT NULL,
  title               TEXT NOT NULL,
  text                TEXT NOT NULL,
  schedule_text       TEXT NOT NULL,
  phones              TEXT NOT NULL,
  has_policy          INTEGER NOT NULL,
  policy_status       TEXT,
  policy_is_new       INTEGER,
  policy_channel      TEXT,
  policy_instant      INTEGER,  -- NULL: the table says neither
  policy_instant_note TEXT,
  PRIMARY KEY (plan_id, id)
) STRICT;

CREATE TABLE item_units (
  plan_id  TEXT NOT NULL,
  item_id  TEXT NOT NULL,
  position INTEGER NOT NULL,  -- 0 is the lead unit
  unit_id  TEXT NOT NULL,
  PRIMARY KEY (plan_id, item_id, position),
  FOREIGN KEY (plan_id, item_id) REFERENCES items (plan_id, id) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, unit_id) REFERENCES units (plan_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX item_units_by_unit ON item_units (plan_id, unit_id);

CREATE TABLE activities (
  uid           TEXT PRIMARY KEY,
  plan_id       TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  item_position INTEGER NOT NULL,  -- the containing item's position in the plan
  position      INTEGER NOT NULL,  -- the activity's position within that item
  item_id       TEXT NOT NULL,
  key           TEXT NOT NULL,
  title         TEXT NOT NULL,
  category      TEXT NOT NULL,
  reading       TEXT NOT NULL,
  location      TEXT NOT NULL,
  source_phrase TEXT NOT NULL,
  pinned        INTEGER NOT NULL,
  public        INTEGER NOT NULL,
  units         TEXT NOT NULL,
  fingerprint   INTEGER NOT NULL,  -- activity_fingerprint() of the content above
  sequence      INTEGER NOT NULL,
  created       INTEGER NOT NULL,
  last_modified INTEGER NOT NULL
) STRICT;
CREATE INDEX activities_by_plan ON activities (plan_id, item_position, position);
)sql",
};

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

void migrate_schema(SQLite::Database& db) { migrate_schema_to(db, latest_schema_version()); }

void migrate_schema_to(SQLite::Database& db, int target) {
  // The version is read inside the write transaction, so two processes opening the same
  // new database do not both apply a migration.
  for (;;) {
    int version = 0;
    try {
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      version = user_version(db);
      if (version > latest_schema_version()) {
        throw StoreError("database schema version " + std::to_string(version) +
                         " is newer than this plancal supports (" +
                         std::to_string(latest_schema_version()) + "); upgrade plancal");
      }
      if (version >= target) return;
      db.exec(std::string(kMigrations[version]));
      db.exec("PRAGMA user_version = " + std::to_string(version + 1));
      transaction.commit();
    } catch (const SQLite::Exception& e) {
      throw StoreError("migrating schema from version " + std::to_string(version) + ": " +
                       e.what());
    }
  }
}

}  // namespace plancal::calendar
