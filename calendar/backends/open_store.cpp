#include "calendar/backends/open_store.hpp"

#include "calendar/sqlite/sqlite_store.hpp"

namespace plancal::calendar {

std::unique_ptr<Store> open_store(const StoreOptions& options) {
  if (options.path.empty()) throw StoreError("store: no database path configured");
  return std::make_unique<SqliteStore>(options.path, options.accept_empty_file);
}

}  // namespace plancal::calendar
