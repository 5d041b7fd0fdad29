#include "calendar/store/feed_tokens.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_store.hpp"

using namespace plancal::calendar;
using plancal::testing::TestStore;

namespace {

TimePoint at(int hour) { return TimePoint{std::chrono::hours{hour + 470'000}}; }

bool is_token(const std::string& token) {
  return token.size() == 2 * FeedTokenStore::kTokenBytes &&
         token.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

TEST_CASE("feed tokens: created on first use, persistent, rotated") {
  TestStore backend;
  std::string rsj;
  {
    auto store = backend.open();
    FeedTokenStore& tokens = store->feed_tokens();
    CHECK_FALSE(tokens.find("rsj"));
    rsj = tokens.token("rsj", at(1));
    CHECK(is_token(rsj));
    CHECK(tokens.token("rsj", at(2)) == rsj);
    CHECK(tokens.token("fgw", at(2)) != rsj);
  }
  auto store = backend.open();
  FeedTokenStore& tokens = store->feed_tokens();
  CHECK(tokens.find("rsj") == rsj);
  CHECK(tokens.token("rsj", at(3)) == rsj);

  const std::string rotated = tokens.rotate("rsj", at(4));
  CHECK(is_token(rotated));
  CHECK(rotated != rsj);
  CHECK(tokens.find("rsj") == rotated);
  const auto listed = tokens.list();
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].unit_id == "fgw");
  CHECK(listed[1] == FeedToken{"rsj", rotated, at(4)});
}
