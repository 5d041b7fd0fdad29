// Opening the store: the one place that knows which backends exist and picks one from
// the configuration (today: a SQLite file path).
#pragma once

#include <memory>
#include <string>

#include "calendar/store/store.hpp"

namespace plancal::calendar {

struct StoreOptions {
  std::string path;  // SQLite database file; created if missing, readable by its owner only
  // An existing but empty (0-byte) file is refused unless this is set: it is a database
  // that lost its content, not a new one (its sent reminders would go out again).
  bool accept_empty_file = false;
};

// Opens (creating and migrating as needed) the store. Throws StoreError.
std::unique_ptr<Store> open_store(const StoreOptions& options);

}  // namespace plancal::calendar
