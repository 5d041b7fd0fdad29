#include "daemon/units/unit_desk.hpp"

#include <doctest/doctest.h>

#include "calendar/backends/open_store.hpp"
#include "tests/support/bundled_holidays.hpp"
#include "tests/support/daemon_fixture.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/temp_dir.hpp"

using namespace plancal;
using namespace plancal::daemon;
using namespace plancal::daemon::testing;

namespace {

// The fixture plan with a second unit on its item; a desk over a real store.
struct Desk {
  Desk() {
    calendar::Plan plan = test_plan();
    plan.units.push_back({"jyj", "区教育局", "", {}, {}, {}, ""});
    plan.items[0].units.push_back("jyj");
    snapshot = make_snapshot(plan, stored(plan, clock.now()), 1, clock.now());
  }

  calendar::LinkPath link(const std::string& unit, const std::string& item = "a1") const {
    const std::string url = links.url_for({"test-2023", item, unit});
    return *calendar::parse_link_path(url.substr(std::string("http://cal.test").size()));
  }
  std::optional<PostOutcome> post(const std::string& unit, std::string action,
                                  std::string note = "", std::string until = "") {
    return desk.post(*snapshot, link(unit),
                     {std::move(action), std::move(note), std::move(until), "192.0.2.7"});
  }

  plancal::testing::TempDir dir;
  std::unique_ptr<calendar::Store> store = calendar::open_store({dir.file("plancal.db")});
  plancal::testing::ManualClock clock{instant(2023, 6, 26) + std::chrono::hours(2)};  // 10:00
  LinkKeys links{dir.file("link-secret"), "http://cal.test"};
  int replans = 0;
  UnitDesk desk{{store->unit_actions(), store->acknowledgements(), store->audit_log()},
                links,
                clock,
                plancal::testing::bundled_holidays(),
                [this] { ++replans; }};
  std::shared_ptr<const DataSnapshot> snapshot;
};

}  // namespace

TEST_CASE("unit desk: a valid link opens the unit's page; anything else is nothing") {
  Desk d;
  const auto view = d.desk.work(*d.snapshot, d.link("rsj"));
  REQUIRE(view);
  CHECK(view->unit->id == "rsj");
  CHECK(view->activities.size() == 3);
  CHECK(view->status.state == calendar::ItemState::kNotReceived);
  CHECK(view->status.due == calendar::make_date(2023, 6, 30));

  calendar::LinkPath tampered = d.link("rsj");
  tampered.token.back() = tampered.token.back() == 'a' ? 'b' : 'a';
  CHECK_FALSE(d.desk.work(*d.snapshot, tampered));
  calendar::LinkPath swapped = d.link("rsj");
  swapped.target.unit_id = "jyj";  // rsj's token on jyj's page
  CHECK_FALSE(d.desk.work(*d.snapshot, swapped));
  CHECK_FALSE(d.desk.work(*d.snapshot, d.link("rsj", "a9")));  // valid token, no such item
  CHECK_FALSE(d.desk.work(*d.snapshot, d.link("zfb")));        // no such unit
  CHECK_FALSE(d.desk.post(*d.snapshot, tampered, {"receipt", "", "", "x"}));
  CHECK(d.store->unit_actions().list("test-2023").empty());

  const calendar::LinkPath old = d.link("rsj");
  d.links.rotate();  // every old link stops working
  CHECK_FALSE(d.desk.work(*d.snapshot, old));
  CHECK(d.desk.work(*d.snapshot, d.link("rsj")));
}

TEST_CASE("unit desk: receipt, progress and done; repeats change nothing; done acks and re-plans") {
  Desk d;
  CHECK(d.post("rsj", "receipt")->kind == PostOutcome::Kind::kStored);
  CHECK(d.post("rsj", "receipt")->kind == PostOutcome::Kind::kRepeat);
  CHECK(d.post("rsj", "progress", "  场地已定 ")->kind == PostOutcome::Kind::kStored);
  CHECK(d.post("rsj", "progress", "场地已定")->kind == PostOutcome::Kind::kRepeat);
  CHECK(d.replans == 0);
  auto view = d.desk.work(*d.snapshot, d.link("rsj"));
  CHECK(view->status.state == calendar::ItemState::kInProgress);
  CHECK(view->status.light == calendar::Light::kNone);  // 4 working days to 06-30
  REQUIRE(view->status.latest_progress);
  CHECK(view->status.latest_progress->note == "场地已定");
  CHECK(view->facts.actions.back().client == "192.0.2.7");

  CHECK(d.post("rsj", "done", "已完成")->kind == PostOutcome::Kind::kStored);
  CHECK(d.replans == 1);
  CHECK(d.store->acknowledgements().acknowledged("test-2023").count({"a1", "rsj"}) == 1);
  CHECK(d.store->acknowledgements().acknowledged("test-2023").count({"a1", "jyj"}) == 0);
  view = d.desk.work(*d.snapshot, d.link("rsj"));
  CHECK(view->status.state == calendar::ItemState::kDone);
  CHECK(view->status.light == calendar::Light::kGreen);
  // jyj is untouched, and turns yellow a day later (3 working days to 06-30).
  d.clock.advance(std::chrono::hours(24));
  CHECK(d.desk.work(*d.snapshot, d.link("jyj"))->status.light == calendar::Light::kYellow);

  // Every post is in the audit log with the client's address, never the token.
  const auto audit = d.store->audit_log().recent(10);
  REQUIRE(audit.size() == 5);
  CHECK(audit[0].command == "unit-done");
  CHECK(audit[0].by_uid == kUnitLinkUid);
  CHECK(audit[0].arguments_json.find("192.0.2.7") != std::string::npos);
  CHECK(audit[0].arguments_json.find(d.link("rsj").token) == std::string::npos);
  CHECK(audit[3].result == "ok: a repeat, nothing changed");
}

TEST_CASE("unit desk: bad posts are refused with a reason and store nothing") {
  Desk d;
  CHECK(d.post("rsj", "approve")->kind == PostOutcome::Kind::kInvalid);
  CHECK(d.post("rsj", "progress", "   ")->message == "a progress report needs a note");
  CHECK(d.post("rsj", "extend", "人手不足", "2023-13-01")->kind == PostOutcome::Kind::kInvalid);
  CHECK(d.post("rsj", "extend", "人手不足", "2023-06-26")->message ==
        "the date asked for must be after today");
  CHECK(d.post("rsj", "extend", "", "2023-07-14")->message == "an extension needs a reason");
  CHECK(d.post("rsj", "progress", std::string("bad \x01 byte"))->kind ==
        PostOutcome::Kind::kInvalid);
  CHECK(d.post("rsj", "progress", std::string(2001, 'x'))->kind == PostOutcome::Kind::kInvalid);
  CHECK(d.store->unit_actions().list("test-2023").empty());
  CHECK(d.post("rsj", "extend", "人手不足", "2023-07-14")->kind == PostOutcome::Kind::kStored);
  CHECK(d.store->unit_actions().extensions("test-2023").size() == 1);
}

TEST_CASE("unit desk: posts are limited per link, not per unit") {
  Desk d;
  for (int i = 0; i < kPostBurst; ++i)
    CHECK(d.post("rsj", "progress", "第" + std::to_string(i) + "次")->kind ==
          PostOutcome::Kind::kStored);
  const auto refused = d.post("rsj", "progress", "再一次");
  CHECK(refused->kind == PostOutcome::Kind::kRateLimited);
  CHECK(refused->retry_after.count() >= 1);
  CHECK(refused->retry_after <= kPostWindow);
  CHECK(d.post("jyj", "receipt")->kind == PostOutcome::Kind::kStored);  // another link
  d.clock.advance(kPostWindow);
  CHECK(d.post("rsj", "progress", "再一次")->kind == PostOutcome::Kind::kStored);
}

TEST_CASE("unit desk: the board shows every item × unit, red first in the tallies") {
  Desk d;
  d.post("jyj", "receipt");
  d.clock.set(instant(2023, 7, 3) + std::chrono::hours(2));  // past 06-30
  d.post("rsj", "done");
  const calendar::LinkPath board = *calendar::parse_link_path(
      d.links.url_for({"test-2023", "", ""}).substr(std::string("http://cal.test").size()));
  const auto view = d.desk.board(*d.snapshot, board, {});
  REQUIRE(view);
  REQUIRE(view->rows.size() == 2);
  CHECK(view->rows[0].unit->id == "rsj");
  CHECK(view->rows[0].status.light == calendar::Light::kGreen);
  CHECK(view->rows[1].status.light == calendar::Light::kRed);
  CHECK(view->rows[1].status.state == calendar::ItemState::kReceived);
  REQUIRE(view->tallies.size() == 2);
  CHECK(view->tallies[0].unit->id == "jyj");
  CHECK(view->tallies[0].red == 1);
  CHECK(d.desk.board(*d.snapshot, board, {"", "rsj"})->rows.size() == 1);
  CHECK(d.desk.board(*d.snapshot, board, {"二、别的", ""})->rows.empty());

  calendar::LinkPath unsigned_board = board;
  unsigned_board.token.clear();  // /board/<plan>: only for a board_public plan
  CHECK_FALSE(d.desk.board(*d.snapshot, unsigned_board, {}));
  calendar::LinkPath wrong = board;
  wrong.token[0] = wrong.token[0] == '0' ? '1' : '0';
  CHECK_FALSE(d.desk.board(*d.snapshot, wrong, {}));
}
