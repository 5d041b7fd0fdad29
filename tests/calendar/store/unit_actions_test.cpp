#include "calendar/store/unit_actions.hpp"

#include <doctest/doctest.h>

#include "tests/support/test_store.hpp"

using namespace plancal::calendar;
using plancal::testing::TestStore;

namespace {

TimePoint at(int hour) { return TimePoint{std::chrono::hours{hour + 470'000}}; }

UnitAction action(UnitActionKind kind, std::string note = "", std::optional<Date> until = {},
                  std::string unit = "rsj") {
  UnitAction a;
  a.plan_id = "jinshan-2023";
  a.item_id = "p3";
  a.unit_id = std::move(unit);
  a.kind = kind;
  a.note = std::move(note);
  a.until = until;
  a.client = "127.0.0.1";
  return a;
}

const Date kJuly = make_date(2023, 7, 31);

}  // namespace

TEST_CASE("unit actions: recorded in order, repeats are harmless, persistent") {
  TestStore backend;
  {
    auto store = backend.open();
    UnitActionStore& actions = store->unit_actions();
    const auto receipt = actions.record(action(UnitActionKind::kReceipt), at(1));
    REQUIRE(receipt);
    CHECK_FALSE(actions.record(action(UnitActionKind::kReceipt), at(2)));  // signed already
    const auto progress = actions.record(action(UnitActionKind::kProgress, "已完成场地"), at(3));
    REQUIRE(progress);
    CHECK(*progress > *receipt);
    CHECK_FALSE(actions.record(action(UnitActionKind::kProgress, "已完成场地"), at(4)));
    CHECK(actions.record(action(UnitActionKind::kProgress, "已发通知"), at(5)));
    CHECK(actions.record(action(UnitActionKind::kReceipt, "", {}, "jyj"), at(6)));
  }
  auto store = backend.open();
  const auto listed = store->unit_actions().list("jinshan-2023");
  REQUIRE(listed.size() == 4);
  CHECK(listed[0].kind == UnitActionKind::kReceipt);
  CHECK(listed[0].at == at(1));
  CHECK(listed[0].client == "127.0.0.1");
  CHECK(listed[1].note == "已完成场地");
  CHECK(listed[2].note == "已发通知");
  CHECK(listed[3].unit_id == "jyj");
  CHECK(store->unit_actions().list("jinshan-2023", "p4").empty());
  CHECK(store->unit_actions().list("other-2023").empty());
}

TEST_CASE("unit actions: an extension request needs a date, and only it has one") {
  TestStore backend;
  auto store = backend.open();
  CHECK_THROWS_AS(store->unit_actions().record(action(UnitActionKind::kExtend, "人手不足"), at(1)),
                  StoreError);
  CHECK_THROWS_AS(store->unit_actions().record(action(UnitActionKind::kDone, "", kJuly), at(1)),
                  StoreError);
  CHECK(store->unit_actions().list("jinshan-2023").empty());
}

TEST_CASE("unit actions: extensions are decided once; the latest approval is the due date") {
  TestStore backend;
  auto store = backend.open();
  UnitActionStore& actions = store->unit_actions();
  const auto first = actions.record(action(UnitActionKind::kExtend, "人手不足", kJuly), at(1));
  const Date august = make_date(2023, 8, 15);
  const auto second = actions.record(action(UnitActionKind::kExtend, "场地未定", august), at(2));
  const auto other = actions.record(action(UnitActionKind::kExtend, "x", kJuly, "jyj"), at(3));
  REQUIRE((first && second && other));
  CHECK_FALSE(actions.record(action(UnitActionKind::kExtend, "x", kJuly, "jyj"), at(4)));

  CHECK(actions.extensions().size() == 3);
  CHECK(actions.extensions("jinshan-2023").size() == 3);
  CHECK(actions.extensions("other-2023").empty());
  CHECK(actions.approved_extensions("jinshan-2023").empty());

  CHECK(actions.decide_extension(*first, true, "同意", 1000, at(5)));
  CHECK(actions.decide_extension(*second, true, "", 1000, at(6)));
  CHECK(actions.decide_extension(*other, false, "不予延期", 1001, at(7)));
  CHECK_FALSE(actions.decide_extension(*other, true, "", 1001, at(8)));  // final
  CHECK_FALSE(actions.decide_extension(999, true, "", 1001, at(8)));

  const auto decided = actions.extension(*other);
  REQUIRE(decided);
  CHECK(decided->state == ExtensionState::kRejected);
  CHECK(decided->decision_note == "不予延期");
  CHECK(decided->decided_by == 1001);
  CHECK(decided->decided_at == at(7));
  CHECK(decided->request.until == kJuly);

  const ApprovedExtensions approved = actions.approved_extensions("jinshan-2023");
  REQUIRE(approved.size() == 1);
  CHECK(approved.at({"p3", "rsj"}) == august);
  // Decisions do not count as actions on their own.
  CHECK(actions.list("jinshan-2023").size() == 3);
}
