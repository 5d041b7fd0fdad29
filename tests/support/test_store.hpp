// The backend under test in the store contract suite (tests/calendar/store/): every case
// opens its store through a TestStore, so the same cases run against each backend. The
// backend is the one PLANCAL_TEST_STORE names (ctest sets it per run):
//   sqlite (or unset)  a fresh database file in a temporary directory;
//   postgresql         a fresh schema, made with psql, in the database that
//                      PLANCAL_TEST_PG_URI names (the password, if any, from PGPASSFILE);
//                      dropped when the TestStore goes.
// open() may be called again on the same TestStore to reopen the same database (the
// persistence cases), under another instance id for the cases of several daemons sharing
// it; each TestStore starts empty.
#pragma once

#include <atomic>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include "calendar/backends/open_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace plancal::testing {

class TestStore {
 public:
  TestStore() : TestStore(backend_from_environment()) {}
  // A store of `name`'s backend, whatever PLANCAL_TEST_STORE says (backend-specific tests).
  explicit TestStore(const std::string& name) {
    if (name == "sqlite") {
      database_ = dir_.file("plancal.db");
    } else if (name == "postgresql") {
      const char* uri = std::getenv("PLANCAL_TEST_PG_URI");
      if (uri == nullptr || *uri == '\0')
        throw std::runtime_error("PLANCAL_TEST_PG_URI is not set");
      static std::atomic<int> counter{0};
      base_uri_ = uri;
      schema_ = "contract_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
      psql("CREATE SCHEMA " + schema_);
      database_ = base_uri_ + (base_uri_.find('?') == std::string::npos ? "?" : "&") +
                  "options=-csearch_path%3D" + schema_;
    } else {
      throw std::runtime_error("PLANCAL_TEST_STORE: unknown backend " + name);
    }
  }
  ~TestStore() {
    if (!schema_.empty()) psql("DROP SCHEMA " + schema_ + " CASCADE", false);
  }
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  std::unique_ptr<calendar::Store> open(const std::string& instance_id = "local") const {
    calendar::StoreOptions options;
    options.database = database_;
    options.instance_id = instance_id;
    return calendar::open_store(options);
  }

 private:
  static std::string backend_from_environment() {
    const char* backend = std::getenv("PLANCAL_TEST_STORE");
    return backend != nullptr && *backend != '\0' ? backend : "sqlite";
  }

  void psql(const std::string& sql, bool must = true) const {
    const std::string command =
        "PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 '" + base_uri_ +
        "' -c '" + sql + "' >/dev/null";
    if (std::system(command.c_str()) != 0 && must) throw std::runtime_error("psql failed: " + sql);
  }

  TempDir dir_;
  std::string database_;
  std::string base_uri_;
  std::string schema_;
};

}  // namespace plancal::testing
