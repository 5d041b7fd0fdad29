// FeedSet/FeedCache: every feed rendered once with gzip, strong ETag and a Last-Modified
// that never moves backwards.
#include <doctest/doctest.h>
#include <zlib.h>

#include "daemon/http/feed_cache.hpp"
#include "daemon/http/gzip.hpp"
#include "daemon/http/http_date.hpp"
#include "tests/support/daemon_fixture.hpp"

namespace plancal::daemon {
namespace {

using testing::instant;

std::string gunzip(const std::string& data) {
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  std::string out;
  char buf[4096];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buf);
    stream.avail_out = sizeof buf;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buf, sizeof buf - stream.avail_out);
  }
  inflateEnd(&stream);
  REQUIRE(rc == Z_STREAM_END);
  return out;
}

TEST_CASE("gzip_compress round-trips through zlib's inflate") {
  const std::string text = std::string(10000, 'x') + "日历\r\nBEGIN:VCALENDAR";
  const std::string packed = gzip_compress(text);
  CHECK(packed.size() < text.size());
  CHECK(static_cast<unsigned char>(packed[0]) == 0x1f);
  CHECK(static_cast<unsigned char>(packed[1]) == 0x8b);
  CHECK(gunzip(packed) == text);
  CHECK(gunzip(gzip_compress("")).empty());
}

TEST_CASE("every feed is rendered once with body, gzip body, ETag and Last-Modified") {
  const auto plan = testing::test_plan();
  FeedCache cache("http://cal.test");
  cache.update(testing::make_snapshot(plan, testing::stored(plan, instant(2023, 2, 1)), 1,
                                      instant(2023, 2, 1)));
  const auto feeds = cache.current();
  REQUIRE(feeds);
  CHECK(feeds->feeds().size() == calendar::build_feed_catalog(plan).size());
  const RenderedFeed* whole = feeds->find("test-2023");
  REQUIRE(whole);
  CHECK(whole->body.starts_with("BEGIN:VCALENDAR"));
  CHECK(gunzip(whole->gzip_body) == whole->body);
  CHECK(whole->etag == strong_etag(whole->body));
  CHECK(whole->etag.size() == 18);
  CHECK(whole->gzip_etag != whole->etag);
  CHECK(whole->events == 2);  // the deadline is private
  CHECK(whole->last_modified_http == "Wed, 01 Feb 2023 00:00:00 GMT");
  CHECK(whole->heads.not_modified ==
        "Cache-Control: public, max-age=3600\r\nETag: " + whole->etag +
            "\r\nLast-Modified: Wed, 01 Feb 2023 00:00:00 GMT\r\nVary: Accept-Encoding\r\n");
  CHECK(whole->heads.ok == whole->heads.not_modified +
                               "Content-Type: text/calendar; charset=utf-8\r\n"
                               "Content-Disposition: inline; filename=\"test-2023.ics\"\r\n"
                               "Content-Length: " +
                               std::to_string(whole->body.size()) +
                               "\r\nX-Content-Type-Options: nosniff\r\n");
  CHECK(whole->gzip_heads.not_modified.find("ETag: " + whole->gzip_etag + "\r\n") !=
        std::string::npos);
  CHECK(whole->gzip_heads.ok.find("Content-Length: " + std::to_string(whole->gzip_body.size()) +
                                  "\r\n") != std::string::npos);
  CHECK(whole->gzip_heads.ok.ends_with("Content-Encoding: gzip\r\n"));
  const RenderedFeed* work = feeds->find("test-2023-work-rsj");
  REQUIRE(work);
  CHECK(work->spec.is_private);
  CHECK(work->heads.not_modified.starts_with("Cache-Control: private, max-age=300\r\n"));
  CHECK(feeds->find("nope") == nullptr);
}

TEST_CASE("ETag follows the content, not the data version") {
  auto plan = testing::test_plan();
  FeedCache cache("http://cal.test");
  cache.update(testing::make_snapshot(plan, testing::stored(plan, instant(2023, 2, 1)), 1,
                                      instant(2023, 2, 1)));
  const auto first = cache.current();
  const std::string etag = first->find("test-2023")->etag;

  SUBCASE("same version and plans: nothing is re-rendered") {
    cache.update(testing::make_snapshot(plan, testing::stored(plan, instant(2023, 2, 1)), 1,
                                        instant(2023, 2, 1)));
    CHECK(cache.current() == first);
  }
  SUBCASE("a changed title: new version, new ETag, later Last-Modified") {
    plan.items[0].activities[0].title = "夏日招聘会";
    auto activities = testing::stored(plan, instant(2023, 2, 1));
    activities[0].sequence = 1;
    activities[0].last_modified = instant(2023, 3, 1);
    cache.update(testing::make_snapshot(plan, activities, 2, instant(2023, 3, 1)));
    const RenderedFeed* after = cache.current()->find("test-2023");
    CHECK(after->etag != etag);
    CHECK(after->body.find("夏日招聘会") != std::string::npos);
    CHECK(after->last_modified == instant(2023, 3, 1));
  }
  SUBCASE("a new version with the same bytes keeps ETag and Last-Modified") {
    cache.update(testing::make_snapshot(plan, testing::stored(plan, instant(2023, 2, 1)), 2,
                                        instant(2023, 2, 1)));
    CHECK(cache.current() != first);
    CHECK(cache.current()->find("test-2023")->etag == etag);
    CHECK(cache.current()->find("test-2023")->last_modified == instant(2023, 2, 1));
  }
}

TEST_CASE("Last-Modified never moves backwards, also when the newest activity is removed") {
  auto plan = testing::test_plan();
  auto activities = testing::stored(plan, instant(2023, 2, 1));
  activities[1].last_modified = instant(2023, 4, 1);  // the festival changed last
  FeedCache cache("http://cal.test");
  cache.update(testing::make_snapshot(plan, activities, 3, instant(2023, 4, 1)));
  const auto before = cache.current()->find("test-2023")->last_modified;
  CHECK(before == instant(2023, 4, 1));

  plan.items[0].activities.erase(plan.items[0].activities.begin() + 1);
  activities.erase(activities.begin() + 1);  // the remaining activities are older
  cache.update(testing::make_snapshot(plan, activities, 4, instant(2023, 4, 1)));
  const RenderedFeed* after = cache.current()->find("test-2023");
  CHECK(after->events == 1);
  CHECK(after->last_modified > before);
}

TEST_CASE("a window renders only overlapping activities, on demand") {
  const auto plan = testing::test_plan();
  FeedCache cache("http://cal.test");
  cache.update(testing::make_snapshot(plan, testing::stored(plan, instant(2023, 2, 1)), 1,
                                      instant(2023, 2, 1)));
  const auto feeds = cache.current();
  const RenderedFeed& whole = *feeds->find("test-2023");
  const RenderedFeed windowed = feeds->render_window(whole, calendar::make_date(2023, 5, 10),
                                                     calendar::make_date(2023, 5, 20));
  CHECK(windowed.events == 1);  // the festival (all May), not the 6-7 May job fair
  CHECK(windowed.body.find("春风招聘会") == std::string::npos);
  CHECK(windowed.etag != whole.etag);
  CHECK(gunzip(windowed.gzip_body) == windowed.body);
  CHECK(windowed.last_modified == whole.last_modified);
  CHECK(windowed.heads.ok.find("Content-Length: " + std::to_string(windowed.body.size()) +
                               "\r\n") != std::string::npos);
}

TEST_CASE("windows are cached per feed and dates, least recently used out first") {
  const auto plan = testing::test_plan();
  FeedCache cache("http://cal.test");
  cache.update(testing::make_snapshot(plan, testing::stored(plan, instant(2023, 2, 1)), 1,
                                      instant(2023, 2, 1)));
  const auto feeds = cache.current();
  const RenderedFeed& whole = *feeds->find("test-2023");
  const auto may = calendar::make_date(2023, 5, 10);
  const auto first = feeds->window(whole, may, calendar::make_date(2023, 5, 20));
  CHECK(feeds->window(whole, may, calendar::make_date(2023, 5, 20)) == first);  // a lookup
  CHECK(first->body == feeds->render_window(whole, may, calendar::make_date(2023, 5, 20)).body);
  CHECK(feeds->window(whole, may, std::nullopt) != first);
  // Fill the cache with other windows: the first one falls out and is rendered anew.
  for (size_t i = 0; i < kWindowCacheEntries; ++i)
    feeds->window(whole, calendar::add_days(may, int(i) + 1), std::nullopt);
  const auto again = feeds->window(whole, may, calendar::make_date(2023, 5, 20));
  CHECK(again != first);
  CHECK(again->body == first->body);
}

TEST_CASE("HTTP-dates format as IMF-fixdate and parse in all three formats") {
  const auto t = calendar::TimePoint{std::chrono::sys_days{calendar::make_date(1994, 11, 6)}} +
                 std::chrono::hours(8) + std::chrono::minutes(49) + std::chrono::seconds(37);
  CHECK(format_http_date(t) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == t);
  CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == t);
  CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == t);
  CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT junk"));
  CHECK_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
  CHECK_FALSE(parse_http_date(""));

  HttpDateCache dates;
  CHECK(dates.format(t) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(dates.format(t) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(dates.format(t + std::chrono::seconds(1)) == "Sun, 06 Nov 1994 08:49:38 GMT");
  CHECK(dates.format(calendar::TimePoint{}) == "Thu, 01 Jan 1970 00:00:00 GMT");
}

}  // namespace
}  // namespace plancal::daemon
