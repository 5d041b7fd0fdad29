// Versioned schema of the SQLite store. Each migration is a numbered SQL script; the
// database's PRAGMA user_version records the last one applied. Opening applies the missing
// ones in order, each in its own transaction together with the user_version bump, so a
// crash leaves the database at some whole version. A database newer than this build is
// refused. New migrations are appended, never edited once released.
#pragma once

namespace SQLite {
class Database;
}

namespace plancal::calendar {

// The version a fully migrated database has.
int latest_schema_version();

// Brings `db` up to latest_schema_version(). Throws StoreError (without the database path;
// the caller adds it) if the database is newer than this build or a script fails.
void migrate_schema(SQLite::Database& db);

// Applies migrations up to `target` only (tests use it to build old databases).
void migrate_schema_to(SQLite::Database& db, int target);

}  // namespace plancal::calendar
