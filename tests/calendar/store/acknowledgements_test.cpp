#include "calendar/store/acknowledgements.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_store.hpp"

using namespace plancal::calendar;
using plancal::testing::TestStore;

namespace {

TimePoint at(int hour) { return TimePoint{std::chrono::hours{hour + 470'000}}; }

}  // namespace

TEST_CASE("acknowledgements: ack, re-ack, unack, per plan, persistent") {
  TestStore backend;
  {
    auto store = backend.open();
    AcknowledgementStore& acks = store->acknowledgements();
    CHECK(acks.ack("jinshan-2023", "m5", "rsj", "已完成", 1000, at(1)));
    CHECK(acks.ack("jinshan-2023", "a1", "fgw", "", 1000, at(2)));
    CHECK(acks.ack("other-2023", "m5", "rsj", "", 1000, at(2)));
    CHECK_FALSE(acks.ack("jinshan-2023", "m5", "rsj", "已完成，见报告", 1001, at(3)));
  }
  auto store = backend.open();
  AcknowledgementStore& acks = store->acknowledgements();
  const auto listed = acks.list("jinshan-2023");
  REQUIRE(listed.size() == 2);
  CHECK(listed[0] == Acknowledgement{"jinshan-2023", "a1", "fgw", "", 1000, at(2)});
  CHECK(listed[1] == Acknowledgement{"jinshan-2023", "m5", "rsj", "已完成，见报告", 1001, at(3)});
  using Pairs = std::set<std::pair<std::string, std::string>>;
  CHECK(acks.acknowledged("jinshan-2023") == Pairs{{"a1", "fgw"}, {"m5", "rsj"}});

  CHECK(acks.unack("jinshan-2023", "m5", "rsj"));
  CHECK_FALSE(acks.unack("jinshan-2023", "m5", "rsj"));
  CHECK(acks.acknowledged("jinshan-2023") == Pairs{{"a1", "fgw"}});
  CHECK(acks.acknowledged("other-2023") == Pairs{{"m5", "rsj"}});
  CHECK(acks.list("unknown").empty());
}
