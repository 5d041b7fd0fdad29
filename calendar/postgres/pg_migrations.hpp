// The PostgreSQL store's schema, as numbered migrations of its own (times are Unix seconds
// in BIGINT, dates ISO text, lists and readings JSON text: calendar/store/column_text.hpp),
// recorded in the table plancal_schema. migrate_pg_schema() applies the missing ones, each
// in its own transaction under an advisory lock, so daemons starting together migrate once.
#pragma once

#include <pqxx/connection>

namespace plancal::calendar {

int latest_pg_schema_version();
// The schema version of the database (0 when new).
int pg_schema_version(pqxx::connection& connection);
// Migrates to the latest version. Throws StoreError for a database newer than this
// plancal, and libpqxx's errors for the rest.
void migrate_pg_schema(pqxx::connection& connection);

}  // namespace plancal::calendar
