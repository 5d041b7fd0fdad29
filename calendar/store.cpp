// Placeholder until the SQLite store lands; keeps the library linking.
#include "calendar/store.hpp"

namespace plancal::calendar {

std::unique_ptr<Store> open_store(const StoreOptions&) {
  throw StoreError("store not implemented yet");
}

}  // namespace plancal::calendar
