// What the PostgreSQL backend adds to the store contract (which runs on it as
// store_contract.postgresql): several daemons sharing one database.
#include <doctest/doctest.h>

#include "calendar/backends/open_store.hpp"
#include "calendar/postgres/pg_database.hpp"
#include "tests/support/test_store.hpp"

using namespace plancal::calendar;

TEST_CASE("postgres: a URI with a password is refused before connecting") {
  CHECK(uri_password_problem("postgresql://plancal@db/plancal").empty());
  CHECK(uri_password_problem("postgresql:///plancal?host=/run/pg&user=plancal").empty());
  CHECK_FALSE(uri_password_problem("postgresql://plancal:secret@db/plancal").empty());
  CHECK_FALSE(uri_password_problem("postgres://db/plancal?sslmode=require&password=x").empty());
  CHECK_FALSE(uri_password_problem("postgresql://db/plancal?password=x").empty());
  StoreOptions options;
  options.database = "postgresql://plancal:secret@127.0.0.1:1/plancal";
  try {
    open_store(options);
    FAIL("opened");
  } catch (const StoreError& e) {
    const std::string message = e.what();
    CHECK(message.find("holds a password") != std::string::npos);
    CHECK(message.find("db_password_file") != std::string::npos);
  }
  CHECK(is_postgres_database("postgres://db/x"));
  CHECK_FALSE(is_postgres_database("/var/lib/plancal/plancal.db"));
}

TEST_CASE("postgres: a second daemon under a live daemon's id is refused; free once it left") {
  plancal::testing::TestStore backend("postgresql");  // ctest starts the server (fixture)
  auto one = backend.open("node-a");
  auto two = backend.open("node-a");
  const TimePoint now{std::chrono::seconds{1'700'000'000}};
  one->instances().join({"node-a", "host", 1, {}, {}}, now);
  CHECK_THROWS_WITH_AS(two->instances().join({"node-a", "host", 2, {}, {}}, now),
                       doctest::Contains("instance id node-a is in use"), StoreError);
  one->instances().leave();
  CHECK_NOTHROW(two->instances().join({"node-a", "host", 2, {}, {}}, now));
}
