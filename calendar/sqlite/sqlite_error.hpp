// How the SQLite backend reports failures: every SQLite, JSON or store error becomes one
// StoreError naming the database file and the operation that failed.
#pragma once

#include <string>
#include <string_view>

namespace plancal::calendar {

// Called from a catch block: rethrows the current SQLite, JSON or store error as a
// StoreError "sqlite store <path>: <operation>: <message>"; other exceptions pass
// unchanged.
[[noreturn]] void rethrow_store_error(const std::string& path, std::string_view operation);

}  // namespace plancal::calendar
