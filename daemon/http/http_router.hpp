// The HTTP request logic of plancald as a pure function of (request, current feeds, clock,
// tokens): no sockets, no Beast, no file system. The session in http_server.cpp turns Beast
// messages into HttpRequest and HttpResponse back into bytes; tests call handle() directly.
//
// Routes (GET and HEAD only; anything else is 405 with Allow: GET, HEAD):
//   /                 HTML index of the public feeds and the next upcoming activities
//   /feeds.json       [{"id","title","url","events","private":false,"bytes"}], public only
//   /healthz          200 "ok" and the data version
//   /feeds/<id>.ics   the feed; ?from=YYYY-MM-DD&to=YYYY-MM-DD for a window; private unit
//                     work feeds need ?token=<secret> and are otherwise the same 404 as an
//                     unknown path
// Feeds carry a strong ETag, Last-Modified and gzip when accepted, and answer conditional
// requests with 304. Every response carries Content-Length (HEAD: that of the GET body).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calendar/model/clock.hpp"
#include "daemon/http/feed_cache.hpp"
#include "daemon/http/feed_token_lookup.hpp"

namespace plancal::daemon {

// A request as read; the views refer to the server's buffer and are valid during handle().
struct HttpRequest {
  std::string_view method;  // "GET"
  std::string_view target;  // origin-form as received: "/feeds/x.ics?token=..."
  std::vector<std::pair<std::string_view, std::string_view>> headers;

  // The first value of header `name` (case-insensitive); empty if absent.
  std::string_view header(std::string_view name) const;
};

using SharedText = std::shared_ptr<const std::string>;

struct HttpResponse {
  int status = 200;
  // The header lines, "Name: value\r\n" each, but Date (see `date`), Server and
  // Connection, which the server adds.
  SharedText head;
  SharedText body;                          // null: none (HEAD, 304)
  std::optional<calendar::TimePoint> date;  // the Date header's

  // The value of header `name` in `head` (case-insensitive); empty if absent.
  std::string_view header(std::string_view name) const;
  std::string_view body_text() const { return body ? std::string_view(*body) : ""; }
};

// The longest request target served; longer ones get 414.
inline constexpr size_t kMaxTargetBytes = 2048;

class HttpRouter {
 public:
  // All three must outlive the router. `feeds` is read at each request, so a reload
  // (FeedCache::update) takes effect with the next request.
  HttpRouter(const FeedCache& feeds, const FeedTokens& tokens, const calendar::Clock& clock,
             std::string base_url);

  HttpResponse handle(const HttpRequest& request) const;

 private:
  HttpResponse respond(const HttpRequest& request) const;
  HttpResponse route(const HttpRequest& request, std::string_view path,
                     std::string_view query) const;
  HttpResponse serve_feed(const HttpRequest& request, const std::shared_ptr<const FeedSet>& feeds,
                          std::string_view feed_id, std::string_view query) const;

  const FeedCache& feeds_;
  const FeedTokens& tokens_;
  const calendar::Clock& clock_;
  std::string base_url_;
};

}  // namespace plancal::daemon
