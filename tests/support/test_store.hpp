// The backend under test in the store contract suite (tests/calendar/store/): every case
// opens its store through a TestStore, so the same cases run against each backend. The
// backend is the one PLANCAL_TEST_STORE names (ctest sets it per run):
//   sqlite (or unset)  a fresh database file in a temporary directory.
// open() may be called again on the same TestStore to reopen the same database (the
// persistence cases); each TestStore starts empty.
#pragma once

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include "calendar/backends/open_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace plancal::testing {

class TestStore {
 public:
  TestStore() {
    const char* backend = std::getenv("PLANCAL_TEST_STORE");
    const std::string name = backend != nullptr && *backend != '\0' ? backend : "sqlite";
    if (name != "sqlite") throw std::runtime_error("PLANCAL_TEST_STORE: unknown backend " + name);
    options_.path = dir_.file("plancal.db");
  }

  std::unique_ptr<calendar::Store> open() const { return calendar::open_store(options_); }

 private:
  TempDir dir_;
  calendar::StoreOptions options_;
};

}  // namespace plancal::testing
