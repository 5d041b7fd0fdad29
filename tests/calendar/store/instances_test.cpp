#include "calendar/store/instances.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_store.hpp"

using namespace plancal::calendar;
using plancal::testing::TestStore;

namespace {

TimePoint at(int second) { return TimePoint{std::chrono::seconds{1'700'000'000 + second}}; }

}  // namespace

TEST_CASE("instances: a daemon joins, is live while it beats, and leaves") {
  TestStore backend;
  auto store = backend.open("node-a");
  InstanceRegistry& instances = store->instances();
  CHECK(instances.live(at(0)).empty());
  instances.join({"node-a", "host-a", 4242, {}, {}}, at(10));
  auto live = instances.live(at(10));
  REQUIRE(live.size() == 1);
  CHECK(live[0].id == "node-a");
  CHECK(live[0].host == "host-a");
  CHECK(live[0].pid == 4242);
  CHECK(live[0].started == at(10));
  instances.heartbeat(at(20));
  CHECK(instances.live(at(20)).size() == 1);
  instances.leave();
  CHECK(instances.live(at(0)).empty());
}

TEST_CASE("instances: a daemon that left can join again under its id") {
  TestStore backend;
  {
    auto first = backend.open("node-a");
    first->instances().join({"node-a", "host-a", 1, {}, {}}, at(0));
    first->instances().leave();
  }
  auto again = backend.open("node-a");
  again->instances().join({"node-a", "host-b", 2, {}, {}}, at(5));
  const auto live = again->instances().live(at(5));
  REQUIRE(live.size() == 1);
  CHECK(live[0].host == "host-b");
  CHECK(live[0].pid == 2);
}
