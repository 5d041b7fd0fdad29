#include "calendar/backends/open_store.hpp"

#include "calendar/postgres/pg_database.hpp"
#include "calendar/postgres/pg_store.hpp"
#include "calendar/sqlite/sqlite_store.hpp"

namespace plancal::calendar {

bool is_postgres_database(const std::string& database) { return is_postgres_uri(database); }

std::unique_ptr<Store> open_store(const StoreOptions& options) {
  if (options.database.empty()) throw StoreError("store: no database configured");
  if (options.instance_id.empty()) throw StoreError("store: empty instance id");
  if (is_postgres_uri(options.database))
    return std::make_unique<PgStore>(options.database, options.password_file, options.instance_id);
  if (!options.password_file.empty())
    throw StoreError(
        "store: a password file is for a postgresql:// database, not the SQLite file " +
        options.database);
  return std::make_unique<SqliteStore>(options.database, options.instance_id,
                                       options.accept_empty_file);
}

}  // namespace plancal::calendar
