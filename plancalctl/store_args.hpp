// The database of plancalctl's offline commands (import, activities, feed, reminders):
// --db FILE|URI, and --db-password-file FILE for a PostgreSQL database. The one place that
// turns those options into an opened store.
#pragma once

#include <memory>

#include "calendar/store/store.hpp"
#include "plancalctl/args.hpp"

namespace plancal::ctl {

// The option names a command taking a database accepts, for its OptionSpec.
inline constexpr const char* kDbOption = "--db";
inline constexpr const char* kDbPasswordFileOption = "--db-password-file";

// Opens the store --db names (UsageError when missing). Throws StoreError.
std::unique_ptr<calendar::Store> open_store_of(const Args& args);

}  // namespace plancal::ctl
