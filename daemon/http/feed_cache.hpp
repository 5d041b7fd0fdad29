// Rendered feeds. A FeedSet renders every feed of a DataSnapshot once, up front: the
// iCalendar body, its gzip encoding, a strong ETag, Last-Modified, the event count and the
// HTTP header lines of each answer (200 and 304, plain and gzip), so serving a feed is a
// lookup and the bytes are sent from here without copies. FeedSets are immutable and shared
// (std::shared_ptr<const>); FeedCache holds the current one and replaces it only when the data
// changed. Windowed requests (?from=&to=, for clients such as Google that skip feeds over ~1 MB)
// are rendered on first demand and kept in a small least-recently-used cache of the FeedSet
// (kWindowCacheEntries windows, at most kWindowCacheBytes of bodies), so a client polling the
// same window costs a lookup, and a reload starts it afresh with the new FeedSet. Pure: no
// sockets, no Beast. FeedCache is not thread-safe (the daemon's one thread); a FeedSet is,
// and FeedCache::render() may run on any thread.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "calendar/model/date.hpp"
#include "daemon/data/data_snapshot.hpp"

namespace plancal::daemon {

// One representation's response header lines, "Name: value\r\n" each (no Date, Server or
// Connection: the server adds those).
struct FeedHeads {
  std::string ok;            // 200: validators, caching, type, length, disposition
  std::string not_modified;  // 304: validators and caching only
};

struct RenderedFeed {
  calendar::FeedSpec spec;
  size_t plan_index = 0;  // into DataSnapshot::plans
  std::string body;       // text/calendar, UTF-8
  std::string gzip_body;  // the same bytes, gzip-encoded
  std::string etag;       // strong, quoted: "\"<16 hex>\"" (FNV-1a 64 of body)
  std::string gzip_etag;  // the gzip representation's: "\"<16 hex>-gz\""
  calendar::TimePoint last_modified{};
  std::string last_modified_http;  // as an HTTP-date
  int events = 0;                  // activities the feed carries
  // Over those activities: the earliest end and the latest start (unset without any). A
  // window [from, to] with from <= earliest_end and to >= latest_start holds them all.
  std::optional<calendar::Date> earliest_end, latest_start;
  FeedHeads heads;       // for `body`
  FeedHeads gzip_heads;  // for `gzip_body`
};

// "\"<16 lowercase hex digits>\"": FNV-1a 64 of `body`, quoted.
std::string strong_etag(std::string_view body);

class FeedSet {
 public:
  // Renders every feed of `snapshot` with links under `base_url`. `previous` (may be null)
  // keeps each feed's Last-Modified from moving backwards: unchanged bytes keep their date,
  // changed bytes get a date later than the previous one even when the change was a removal.
  FeedSet(std::shared_ptr<const DataSnapshot> snapshot, std::string base_url,
          const FeedSet* previous);

  const DataSnapshot& snapshot() const { return *snapshot_; }
  const std::vector<RenderedFeed>& feeds() const { return feeds_; }
  const RenderedFeed* find(std::string_view feed_id) const;

  // `feed` restricted to activities overlapping [from, to] (either may be open), rendered
  // now; same spec and Last-Modified, its own body, gzip body and ETags.
  RenderedFeed render_window(const RenderedFeed& feed, std::optional<calendar::Date> from,
                             std::optional<calendar::Date> to) const;
  // The same, from the window cache when it was rendered before.
  std::shared_ptr<const RenderedFeed> window(const RenderedFeed& feed,
                                             std::optional<calendar::Date> from,
                                             std::optional<calendar::Date> to) const;
  // The window from the cache; null when it was not rendered yet (nothing is rendered).
  std::shared_ptr<const RenderedFeed> cached_window(const RenderedFeed& feed,
                                                    std::optional<calendar::Date> from,
                                                    std::optional<calendar::Date> to) const;
  // True when the window holds every activity of `feed`: its bytes are the feed's own.
  static bool covers(const RenderedFeed& feed, std::optional<calendar::Date> from,
                     std::optional<calendar::Date> to);

 private:
  std::string render_body(const RenderedFeed& feed, std::optional<calendar::Date> from,
                          std::optional<calendar::Date> to) const;

  std::shared_ptr<const DataSnapshot> snapshot_;
  std::string base_url_;
  std::vector<RenderedFeed> feeds_;
  // The window cache, most recently used first: "<feed id>?<from>&<to>" → rendered.
  mutable std::mutex windows_mutex_;
  mutable std::list<std::pair<std::string, std::shared_ptr<const RenderedFeed>>> windows_;
  mutable size_t window_bytes_ = 0;
};

inline constexpr size_t kWindowCacheEntries = 64;
inline constexpr size_t kWindowCacheBytes = 32 * 1024 * 1024;

class FeedCache {
 public:
  explicit FeedCache(std::string base_url) : base_url_(std::move(base_url)) {}

  // Makes `snapshot` current, rendering its feeds unless it carries the same data version
  // and identical plans as the current one. Throws what rendering throws (then nothing changes).
  // The same as install(render(snapshot, base_url(), current())).
  void update(std::shared_ptr<const DataSnapshot> snapshot);
  // The FeedSet of `snapshot` continuing `base` (the current set, may be null), or null when
  // `base` already has the same data version and plans. Thread-safe: the daemon renders on
  // a worker while the loop serves `base`.
  static std::shared_ptr<const FeedSet> render(std::shared_ptr<const DataSnapshot> snapshot,
                                               const std::string& base_url,
                                               const std::shared_ptr<const FeedSet>& base);
  // Makes `feeds` current; null keeps the current set.
  void install(std::shared_ptr<const FeedSet> feeds);
  const std::string& base_url() const { return base_url_; }
  // The current feeds; null before the first update().
  std::shared_ptr<const FeedSet> current() const { return current_; }

 private:
  std::string base_url_;
  std::shared_ptr<const FeedSet> current_;
};

}  // namespace plancal::daemon
