#include "calendar/sqlite/sqlite_error.hpp"

#include <SQLiteCpp/Exception.h>

#include <nlohmann/json.hpp>

#include "calendar/store/store.hpp"

namespace plancal::calendar {

void rethrow_store_error(const std::string& path, std::string_view operation) {
  const std::string context = "sqlite store " + path + ": " + std::string(operation) + ": ";
  try {
    throw;
  } catch (const SQLite::Exception& e) {
    throw StoreError(context + e.what());
  } catch (const nlohmann::json::exception& e) {
    throw StoreError(context + "malformed JSON column: " + e.what());
  } catch (const StoreError& e) {
    throw StoreError(context + e.what());
  }
}

}  // namespace plancal::calendar
