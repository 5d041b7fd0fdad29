// Opening the store: the one place that knows which backends exist and picks one from the
// configured database — a SQLite file path (the zero-setup default) or a postgresql:// URI
// (several daemons sharing one database, docs/scale-out.md).
#pragma once

#include <memory>
#include <string>

#include "calendar/store/store.hpp"

namespace plancal::calendar {

struct StoreOptions {
  // A SQLite database file (created if missing, readable by its owner only), or a
  // postgresql:// (postgres://) URI without a password in it.
  std::string database;
  // SQLite: an existing but empty (0-byte) file is refused unless this is set: it is a
  // database that lost its content, not a new one (its sent reminders would go out again).
  bool accept_empty_file = false;
  // PostgreSQL: a file whose first line is the password; empty: libpq's own ways
  // (PGPASSFILE, ~/.pgpass, no password).
  std::string password_file{};
  // The id this store's reminder claims are made under: one per daemon sharing a database.
  std::string instance_id = "local";
};

// True when `database` names a PostgreSQL database rather than a SQLite file.
bool is_postgres_database(const std::string& database);

// Opens (creating and migrating as needed) the store. Throws StoreError.
std::unique_ptr<Store> open_store(const StoreOptions& options);

}  // namespace plancal::calendar
