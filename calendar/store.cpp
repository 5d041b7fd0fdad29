// open_store(): the one place that knows which backends exist.
#include "calendar/store.hpp"

#include "calendar/sqlite_store.hpp"

namespace plancal::calendar {

std::unique_ptr<Store> open_store(const StoreOptions& options) {
  if (options.path.empty()) throw StoreError("store: no database path configured");
  return std::make_unique<SqliteStore>(options.path);
}

}  // namespace plancal::calendar
