// The HTTP request logic of plancald as a pure function of (request, current feeds, clock,
// tokens): no sockets, no Beast, no file system. The session in http_server.cpp turns Beast
// messages into HttpRequest and HttpResponse back into bytes; tests call handle() directly.
//
// Routes (GET and HEAD, and POST where said; anything else is 405 with Allow):
//   /                 HTML index of the public feeds and the next upcoming activities
//   /feeds.json       [{"id","title","url","events","private":false,"bytes"}], public only
//   /healthz          200 "ok" and the data version
//   /feeds/<id>.ics   the feed; ?from=YYYY-MM-DD&to=YYYY-MM-DD for a window (rendered
//                     later, off the loop, the first time: HttpResponse::later); private unit
//                     work feeds need ?token=<secret> and are otherwise the same 404 as an
//                     unknown path
//   /items/<plan>/<item>                   an item's public page
//   /work/<plan>/<item>/<unit>/<token>     a unit's personal page (docs/units.md); POST a
//                     form (action, note, until) to it: 303 back to the page, 400 with the
//                     page and the problem, 429 with Retry-After over the per-link limit
//   /board/<plan>/<token>, /board/<plan>   the 督办 board (the second for board_public)
// A wrong token, an old one and an unknown path are the same 404, byte for byte.
// Feeds carry a strong ETag, Last-Modified and gzip when accepted, and answer conditional
// requests with 304. Every response carries Content-Length (HEAD: that of the GET body).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calendar/model/clock.hpp"
#include "daemon/http/feed_cache.hpp"
#include "daemon/http/feed_token_lookup.hpp"
#include "daemon/units/unit_desk.hpp"

namespace plancal::daemon {

// A request as read; the views refer to the server's buffer and are valid during handle().
struct HttpRequest {
  std::string_view method;  // "GET"
  std::string_view target;  // origin-form as received: "/feeds/x.ics?token=..."
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view body;    // POST only (the server refuses bodies on other methods)
  std::string_view client;  // the peer's IP address, for the audit log

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
  // Work too long for the event loop (a feed window not rendered yet): when set, the server
  // runs it on its worker thread and sends the response it returns; the fields above are
  // unused. It holds what it needs (no views into the request) and is thread-safe.
  std::function<HttpResponse()> later{};

  // The value of header `name` in `head` (case-insensitive); empty if absent.
  std::string_view header(std::string_view name) const;
  std::string_view body_text() const { return body ? std::string_view(*body) : ""; }
};

// The longest request target served; longer ones get 414.
inline constexpr size_t kMaxTargetBytes = 2048;

class HttpRouter {
 public:
  // All must outlive the router. `feeds` is read at each request, so a reload
  // (FeedCache::update) takes effect with the next request. `desk` (may be null: no unit
  // pages) answers /work/ and /board/; POSTs change the store through it.
  HttpRouter(const FeedCache& feeds, const FeedTokens& tokens, const calendar::Clock& clock,
             std::string base_url, UnitDesk* desk = nullptr);

  HttpResponse handle(const HttpRequest& request) const;

 private:
  HttpResponse respond(const HttpRequest& request) const;
  HttpResponse route(const HttpRequest& request, std::string_view path,
                     std::string_view query) const;
  HttpResponse serve_units(const HttpRequest& request, const DataSnapshot& snapshot,
                           std::string_view path, std::string_view query) const;
  HttpResponse serve_feed(const HttpRequest& request, const std::shared_ptr<const FeedSet>& feeds,
                          std::string_view feed_id, std::string_view query) const;

  const FeedCache& feeds_;
  const FeedTokens& tokens_;
  const calendar::Clock& clock_;
  std::string base_url_;
  UnitDesk* desk_;
};

}  // namespace plancal::daemon
