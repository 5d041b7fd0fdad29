// HttpRouter's /work/ and /board/ routes over a real UnitDesk: the page, the form's POST
// (303 back, 400 with the reason, 415, 429), and the one 404 for any wrong link.
#include <doctest/doctest.h>

#include "calendar/backends/open_store.hpp"
#include "daemon/http/http_router.hpp"
#include "tests/support/bundled_holidays.hpp"
#include "tests/support/daemon_fixture.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/temp_dir.hpp"

namespace plancal::daemon {
namespace {

using testing::instant;

struct NoFeedTokens final : FeedTokens {
  std::optional<std::string> token_for(std::string_view) const override { return std::nullopt; }
};

struct UnitRoutes {
  UnitRoutes() {
    const calendar::Plan plan = testing::test_plan();
    cache.update(testing::make_snapshot(plan, testing::stored(plan, clock.now()), 1, clock.now()));
    work = links.url_for({"test-2023", "a1", "rsj"}).substr(std::string("http://cal.test").size());
  }

  HttpResponse send(std::string_view method, std::string_view target, std::string_view body = {},
                    std::string_view type = "application/x-www-form-urlencoded") {
    std::vector<std::pair<std::string_view, std::string_view>> headers{{"Content-Type", type}};
    return router.handle({method, target, headers, body, "192.0.2.9"});
  }

  plancal::testing::TempDir dir;
  std::unique_ptr<calendar::Store> store = calendar::open_store({dir.file("plancal.db")});
  plancal::testing::ManualClock clock{instant(2023, 5, 3)};
  LinkKeys links{dir.file("link-secret"), "http://cal.test"};
  UnitDesk desk{{store->unit_actions(), store->acknowledgements(), store->audit_log()},
                links,
                clock,
                plancal::testing::bundled_holidays(),
                [] {}};
  FeedCache cache{"http://cal.test"};
  NoFeedTokens tokens;
  HttpRouter router{cache, tokens, clock, "http://cal.test", &desk};
  std::string work;  // rsj's link to item a1, as a path
};

}  // namespace

TEST_CASE_FIXTURE(UnitRoutes, "the unit's page: private headers, the form, the state") {
  const HttpResponse page = send("GET", work);
  CHECK(page.status == 200);
  CHECK(page.header("Cache-Control") == "no-store");
  CHECK(page.header("Referrer-Policy") == "no-referrer");
  CHECK(page.header("Content-Security-Policy").find("form-action 'self'") != std::string::npos);
  CHECK(page.body_text().find("data-state=\"not_received\"") != std::string::npos);
  CHECK(page.body_text().find("value=\"extend\"") != std::string::npos);
  CHECK(page.body_text().find("&lt;script&gt;") != std::string::npos);  // titles escaped
  CHECK(send("HEAD", work).body == nullptr);
}

TEST_CASE_FIXTURE(UnitRoutes, "a POST is stored and answered 303 to the page, which shows it") {
  const HttpResponse posted =
      send("POST", work, "action=progress&note=%E5%B7%B2%E5%AE%9A+%E5%9C%BA%E5%9C%B0");
  CHECK(posted.status == 303);
  CHECK(posted.header("Location") == "http://cal.test" + work + "?posted=progress");
  const auto actions = store->unit_actions().list("test-2023");
  REQUIRE(actions.size() == 1);
  CHECK(actions[0].note == "已定 场地");
  CHECK(actions[0].client == "192.0.2.9");
  const HttpResponse page = send("GET", work + "?posted=progress");
  CHECK(page.body_text().find("进展已报送") != std::string::npos);
  CHECK(page.body_text().find("data-state=\"in_progress\"") != std::string::npos);
  CHECK(send("POST", work, "action=progress&note=%E5%B7%B2%E5%AE%9A+%E5%9C%BA%E5%9C%B0")
            .header("Location")
            .ends_with("?posted=repeat"));
}

TEST_CASE_FIXTURE(UnitRoutes, "bad forms: 400 with the reason, 415, 405 elsewhere") {
  const HttpResponse bad = send("POST", work, "action=extend&until=2023-05-01&note=x");
  CHECK(bad.status == 400);
  CHECK(bad.body_text().find("the date asked for must be after today") != std::string::npos);
  CHECK(send("POST", work, "action=receipt", "text/plain").status == 415);
  CHECK(send("POST", work, "action=%zz").status == 400);
  CHECK(send("POST", "/feeds/test-2023.ics", "x=1").status == 405);
  CHECK(send("POST", "/feeds/test-2023.ics", "x=1").header("Allow") == "GET, HEAD");
  CHECK(send("PUT", work).header("Allow") == "GET, HEAD, POST");
  CHECK(store->unit_actions().list("test-2023").empty());
}

TEST_CASE_FIXTURE(UnitRoutes, "a wrong, old or foreign token is the 404 of an unknown path") {
  const HttpResponse unknown = send("GET", "/no/such/page");
  std::string tampered = work;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  for (const std::string& target :
       {tampered, work.substr(0, work.rfind('/')) + "/", std::string("/work/test-2023/a1/rsj/x"),
        std::string("/board/test-2023"), std::string("/board/test-2023/abc")}) {
    const HttpResponse r = send("GET", target);
    CHECK(r.status == 404);
    CHECK(r.body_text() == unknown.body_text());
    CHECK(send("POST", target, "action=done").status == (target.starts_with("/work/") ? 404 : 405));
  }
  const std::string old = work;
  links.rotate();
  CHECK(send("GET", old).status == 404);
  CHECK(store->unit_actions().list("test-2023").empty());
  CHECK(store->acknowledgements().list("test-2023").empty());
}

TEST_CASE_FIXTURE(UnitRoutes, "over the per-link limit: 429 with Retry-After") {
  for (int i = 0; i < kPostBurst; ++i)
    CHECK(send("POST", work, "action=progress&note=n" + std::to_string(i)).status == 303);
  const HttpResponse limited = send("POST", work, "action=progress&note=more");
  CHECK(limited.status == 429);
  CHECK(std::stoi(std::string(limited.header("Retry-After"))) >= 1);
}

TEST_CASE_FIXTURE(UnitRoutes, "the board behind its link, with filters") {
  const std::string board =
      links.url_for({"test-2023", "", ""}).substr(std::string("http://cal.test").size());
  const HttpResponse page = send("GET", board + "?unit=rsj");
  CHECK(page.status == 200);
  CHECK(page.header("Cache-Control") == "no-store");
  CHECK(page.body_text().find("data-item=\"a1\" data-unit=\"rsj\"") != std::string::npos);
  CHECK(send("GET", board + "?unit=%zz").status == 400);
}

}  // namespace plancal::daemon
