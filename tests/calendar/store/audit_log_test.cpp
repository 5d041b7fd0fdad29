#include "calendar/store/audit_log.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_store.hpp"

using namespace plancal::calendar;
using plancal::testing::TestStore;

namespace {

TimePoint at(int hour) { return TimePoint{std::chrono::hours{hour + 470'000}}; }

}  // namespace

TEST_CASE("audit log: entries are listed newest first and persist") {
  TestStore backend;
  {
    auto store = backend.open();
    AuditLog& log = store->audit_log();
    CHECK(log.recent(10).empty());
    log.record(1000, "ack", R"({"plan":"jinshan-2023","item":"m5","unit":"rsj"})", "ok", at(1));
    log.record(1001, "rotate-token", R"({"unit":"rsj"})", "ok", at(2));
    log.record(0, "retry", "{}", "no failed reminders", at(2));
    CHECK_THROWS_AS(log.record(0, "bad", "{not json", "ok", at(3)), StoreError);
  }
  auto store = backend.open();
  const auto entries = store->audit_log().recent(10);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].command == "retry");
  CHECK(entries[0].result == "no failed reminders");
  CHECK(entries[1].command == "rotate-token");
  CHECK(entries[1].by_uid == 1001);
  CHECK(entries[1].at == at(2));
  CHECK(entries[2].arguments_json == R"({"plan":"jinshan-2023","item":"m5","unit":"rsj"})");
  CHECK(entries[0].id > entries[1].id);
  CHECK(store->audit_log().recent(1).size() == 1);
}
