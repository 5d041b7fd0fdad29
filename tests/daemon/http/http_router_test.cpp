// HttpRouter: routes, conditional requests, HEAD, gzip, private feeds and hostile targets,
// all without a network.
#include <doctest/doctest.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "daemon/http/http_router.hpp"
#include "tests/support/daemon_fixture.hpp"
#include "tests/support/manual_clock.hpp"

namespace plancal::daemon {
namespace {

using testing::instant;

// rsj's private-feed token, as the store would hold it.
struct FixedFeedTokens final : FeedTokens {
  std::optional<std::string> token_for(std::string_view unit_id) const override {
    if (unit_id != "rsj") return std::nullopt;
    return std::string("6f1d0c9e4b7a2f58e3c1a9d07b6e5f4a2c8d1e0f9a7b6c5d4e3f2a1b0c9d8e7f");
  }
};

struct RouterFixture {
  RouterFixture() : clock(instant(2023, 5, 3)), cache("http://cal.test") {
    plan = testing::test_plan();
    cache.update(testing::make_snapshot(plan, testing::stored(plan, instant(2023, 2, 1)), 7,
                                        instant(2023, 2, 1)));
  }

  using Headers = std::vector<std::pair<std::string_view, std::string_view>>;
  // As the server answers: deferred work (HttpResponse::later) is run, here at once.
  HttpResponse get(std::string_view target, Headers headers = {}, std::string_view method = "GET") {
    HttpResponse response = router.handle({method, target, std::move(headers), {}, {}});
    return response.later ? response.later() : response;
  }

  calendar::Plan plan;
  plancal::testing::ManualClock clock;
  FeedCache cache;
  FixedFeedTokens tokens;
  HttpRouter router{cache, tokens, clock, "http://cal.test"};
};

std::string inflate_gzip(const std::string& data) {
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(inflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

TEST_CASE_FIXTURE(RouterFixture, "a feed is served with validators and caching headers") {
  const HttpResponse r = get("/feeds/test-2023.ics");
  CHECK(r.status == 200);
  CHECK(r.header("Content-Type") == "text/calendar; charset=utf-8");
  CHECK(r.header("ETag") == cache.current()->find("test-2023")->etag);
  CHECK(r.header("Last-Modified") == "Wed, 01 Feb 2023 00:00:00 GMT");
  CHECK(r.header("Cache-Control") == "public, max-age=3600");
  CHECK(r.header("Vary") == "Accept-Encoding");
  CHECK(r.header("Content-Disposition") == "inline; filename=\"test-2023.ics\"");
  CHECK(r.header("Content-Length") == std::to_string(r.body_text().size()));
  CHECK(r.header("X-Content-Type-Options") == "nosniff");
  CHECK(r.header("Content-Encoding").empty());
  CHECK(r.date == instant(2023, 5, 3));
  CHECK(r.body_text().starts_with("BEGIN:VCALENDAR"));
  // Served from the cache, not copied.
  CHECK(r.body_text().data() == cache.current()->find("test-2023")->body.data());
}

TEST_CASE_FIXTURE(RouterFixture, "If-None-Match answers 304 with weak comparison") {
  const std::string etag(get("/feeds/test-2023.ics").header("ETag"));
  for (const std::string& value : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    CAPTURE(value);
    const HttpResponse r = get("/feeds/test-2023.ics", {{"if-none-match", value}});
    CHECK(r.status == 304);
    CHECK(!r.body);
    CHECK(r.header("ETag") == etag);
    CHECK(r.header("Cache-Control") == "public, max-age=3600");
    CHECK(r.header("Content-Length").empty());
    CHECK(r.date == instant(2023, 5, 3));
  }
  CHECK(get("/feeds/test-2023.ics", {{"If-None-Match", "\"other\""}}).status == 200);
  // If-None-Match wins over If-Modified-Since.
  CHECK(get("/feeds/test-2023.ics", {{"If-None-Match", "\"other\""},
                                     {"If-Modified-Since", "Wed, 01 Feb 2023 00:00:00 GMT"}})
            .status == 200);
}

TEST_CASE_FIXTURE(RouterFixture, "If-Modified-Since answers 304 when nothing is newer") {
  auto status = [&](const char* since) {
    return get("/feeds/test-2023.ics", {{"If-Modified-Since", since}}).status;
  };
  CHECK(status("Wed, 01 Feb 2023 00:00:00 GMT") == 304);
  CHECK(status("Thu, 02 Feb 2023 00:00:00 GMT") == 304);
  CHECK(status("Tue, 31 Jan 2023 23:59:59 GMT") == 200);
  CHECK(status("not a date") == 200);
}

TEST_CASE_FIXTURE(RouterFixture, "HEAD has the GET headers and no body") {
  const HttpResponse full = get("/feeds/test-2023.ics");
  const HttpResponse head = get("/feeds/test-2023.ics", {}, "HEAD");
  CHECK(head.status == 200);
  CHECK(!head.body);
  CHECK(head.header("Content-Length") == std::to_string(full.body_text().size()));
  CHECK(*head.head == *full.head);
  CHECK(!get("/", {}, "HEAD").body);
}

TEST_CASE_FIXTURE(RouterFixture, "methods other than GET and HEAD get 405") {
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "get"}) {
    const HttpResponse r = get("/feeds/test-2023.ics", {}, method);
    CHECK(r.status == 405);
    CHECK(r.header("Allow") == "GET, HEAD");
    CHECK(r.header("Content-Length") == std::to_string(r.body_text().size()));
  }
}

TEST_CASE_FIXTURE(RouterFixture, "unknown paths get 404") {
  for (const char* target : {"/nope", "/feeds/", "/feeds/nope.ics", "/feeds/test-2023",
                             "/feeds/test-2023.ics/x", "/feeds.json/x", "/healthz2"}) {
    CAPTURE(target);
    CHECK(get(target).status == 404);
  }
}

TEST_CASE_FIXTURE(RouterFixture, "a private feed without the right token is the unknown 404") {
  const HttpResponse unknown = get("/feeds/no-such-feed.ics");
  const std::string token = *tokens.token_for("rsj");
  std::string wrong = token;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  const std::string feed = "/feeds/test-2023-work-rsj.ics";
  for (const std::string& target :
       {feed, feed + "?token=", feed + "?token=" + wrong, feed + "?token=" + token.substr(1),
        feed + "?token=%zz", feed + "?x=1&token=" + wrong}) {
    CAPTURE(target);
    const HttpResponse r = get(target);
    CHECK(r.status == unknown.status);
    CHECK(*r.head == *unknown.head);
    CHECK(r.body_text() == unknown.body_text());
  }
  const HttpResponse ok = get("/feeds/test-2023-work-rsj.ics?token=" + token);
  CHECK(ok.status == 200);
  CHECK(ok.header("Cache-Control") == "private, max-age=300");
  CHECK(ok.body_text().find("完成招聘目标") != std::string::npos);
  CHECK(get("/feeds/test-2023.ics").body_text().find("完成招聘目标") == std::string::npos);
}

TEST_CASE_FIXTURE(RouterFixture, "gzip is used when Accept-Encoding allows it") {
  const HttpResponse plain = get("/feeds/test-2023.ics");
  const HttpResponse packed = get("/feeds/test-2023.ics", {{"Accept-Encoding", "br, gzip"}});
  CHECK(packed.header("Content-Encoding") == "gzip");
  CHECK(packed.header("ETag") != plain.header("ETag"));
  CHECK(packed.header("Content-Length") == std::to_string(packed.body_text().size()));
  CHECK(inflate_gzip(*packed.body) == plain.body_text());
  CHECK(get("/feeds/test-2023.ics", {{"If-None-Match", packed.header("ETag")}}).status == 304);
  for (const char* refused : {"gzip;q=0", "identity", "*;q=0", "br, gzip; q=0.0"}) {
    CAPTURE(refused);
    CHECK(get("/feeds/test-2023.ics", {{"Accept-Encoding", refused}})
              .header("Content-Encoding")
              .empty());
  }
  CHECK(get("/feeds/test-2023.ics", {{"Accept-Encoding", "*"}}).header("Content-Encoding") ==
        "gzip");
}

TEST_CASE_FIXTURE(RouterFixture, "path traversal and malformed targets never reach a feed") {
  for (const char* target :
       {"/feeds/../feeds/test-2023.ics", "/feeds/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd",
        "/feeds/test-2023.ics%00", "/feeds/%00.ics", "/feeds/..%5c..%5cx.ics", "/bad%zzescape",
        "/feeds/%252e%252e/x.ics", "feeds/test-2023.ics", "*"}) {
    CAPTURE(target);
    const HttpResponse r = get(target);
    CHECK((r.status == 400 || r.status == 404));
  }
  const std::string long_target = "/feeds/" + std::string(kMaxTargetBytes, 'a') + ".ics";
  CHECK(get(long_target).status == 414);
}

TEST_CASE_FIXTURE(RouterFixture, "a window needs ISO dates") {
  const HttpResponse r = get("/feeds/test-2023.ics?from=2023-05-10&to=2023-05-20");
  CHECK(r.status == 200);
  CHECK(r.body_text().find("春风招聘会") == std::string::npos);
  CHECK(r.body_text().find("BEGIN:VEVENT") != std::string::npos);
  CHECK(r.header("Content-Length") == std::to_string(r.body_text().size()));
  CHECK(r.header("ETag") != cache.current()->find("test-2023")->etag);
  CHECK(get("/feeds/test-2023.ics?from=May").status == 400);
}

TEST_CASE_FIXTURE(RouterFixture, "a new window is rendered later, off the loop; then cached") {
  const std::string target = "/feeds/test-2023.ics?from=2023-05-10&to=2023-05-20";
  HttpResponse first = router.handle({"GET", target, {}, {}, {}});
  REQUIRE(first.later);  // not rendered on the calling (loop) thread
  CHECK_FALSE(first.body);
  const HttpResponse rendered = first.later();
  CHECK(rendered.status == 200);
  CHECK(rendered.date == clock.now());
  CHECK_FALSE(rendered.later);
  const HttpResponse again = router.handle({"GET", target, {}, {}, {}});
  CHECK_FALSE(again.later);  // from the window cache, at once
  CHECK(again.body_text() == rendered.body_text());
  // HEAD of a new window: the same headers, no body.
  HttpResponse head = router.handle({"HEAD", "/feeds/test-2023.ics?from=2023-05-11", {}, {}, {}});
  REQUIRE(head.later);
  const HttpResponse head_done = head.later();
  CHECK_FALSE(head_done.body);
  CHECK_FALSE(head_done.header("Content-Length").empty());
  // A conditional request for a new window answers 304 once rendered.
  const std::string etag(again.header("ETag"));
  const HttpResponse unchanged =
      get("/feeds/test-2023.ics?from=2023-05-10&to=2023-05-20", {{"If-None-Match", etag}});
  CHECK(unchanged.status == 304);
}

TEST_CASE_FIXTURE(RouterFixture, "a window holding the whole feed is the feed's own bytes") {
  const RenderedFeed* whole = cache.current()->find("test-2023");
  const HttpResponse r =
      router.handle({"GET", "/feeds/test-2023.ics?from=2000-01-01&to=2099-12-31", {}, {}, {}});
  CHECK_FALSE(r.later);
  CHECK(r.header("ETag") == whole->etag);
  CHECK(r.body.get() == &whole->body);  // the cached bytes themselves, not a copy
  const HttpResponse open_ended =
      router.handle({"GET", "/feeds/test-2023.ics?from=2000-01-01", {}, {}, {}});
  CHECK(open_ended.body.get() == &whole->body);
}

TEST_CASE_FIXTURE(RouterFixture, "/feeds.json lists the public feeds") {
  const HttpResponse r = get("/feeds.json");
  CHECK(r.status == 200);
  CHECK(r.header("Content-Type") == "application/json");
  const auto list = nlohmann::json::parse(r.body_text());
  REQUIRE(list.is_array());
  CHECK(list.size() == static_cast<size_t>(std::count_if(
                           cache.current()->feeds().begin(), cache.current()->feeds().end(),
                           [](const RenderedFeed& f) { return !f.spec.is_private; })));
  for (const auto& feed : list) {
    CHECK(feed.size() == 6);
    CHECK(feed["private"] == false);
    CHECK(feed["url"].get<std::string>().starts_with("http://cal.test/feeds/"));
    const RenderedFeed* rendered = cache.current()->find(feed["id"].get<std::string>());
    REQUIRE(rendered);
    CHECK(feed["title"] == rendered->spec.title);
    CHECK(feed["events"] == rendered->events);
    CHECK(feed["bytes"] == rendered->body.size());
  }
  CHECK(r.body_text().find("work-rsj") == std::string::npos);
}

TEST_CASE_FIXTURE(RouterFixture, "/healthz says ok and the data version") {
  const HttpResponse r = get("/healthz");
  CHECK(r.status == 200);
  CHECK(r.body_text() == "ok data_version=7\n");
}

TEST_CASE_FIXTURE(RouterFixture, "/healthz stays 200 and names the years without a holiday file") {
  auto snapshot = std::make_shared<DataSnapshot>(*testing::make_snapshot(
      plan, testing::stored(plan, instant(2023, 2, 1)), 8, instant(2023, 2, 1)));
  snapshot->years_without_holidays = {2027};
  cache.update(snapshot);
  const HttpResponse r = get("/healthz");
  CHECK(r.status == 200);
  CHECK(r.body_text().find("warning: no holiday file for 2027") != std::string::npos);
}

TEST_CASE_FIXTURE(RouterFixture, "the index escapes HTML and links every public feed") {
  const HttpResponse r = get("/");
  CHECK(r.status == 200);
  CHECK(r.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(r.body_text().find("<script>") == std::string::npos);
  CHECK(r.body_text().find("&lt;script&gt;alert(1)&lt;/script&gt;购物节") != std::string::npos);
  CHECK(r.body_text().find("测试&lt;行动&gt;方案 &amp; &quot;计划&quot;") != std::string::npos);
  CHECK(r.body_text().find("webcal://cal.test/feeds/test-2023.ics") != std::string::npos);
  CHECK(r.body_text().find("http://cal.test/feeds/test-2023.ics") != std::string::npos);
  CHECK(r.body_text().find("https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fcal.test%2F"
                           "feeds%2Ftest-2023.ics") != std::string::npos);
  CHECK(r.body_text().find("work-rsj") == std::string::npos);
  CHECK(r.body_text().find("完成招聘目标") == std::string::npos);  // private
  CHECK(r.body_text().find("春风招聘会") != std::string::npos);    // upcoming on 3 May
}

}  // namespace
}  // namespace plancal::daemon
