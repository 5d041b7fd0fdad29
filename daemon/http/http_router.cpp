#include "daemon/http/http_router.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "calendar/crypto/constant_time.hpp"
#include "calendar/model/time_format.hpp"
#include "daemon/http/board_page.hpp"
#include "daemon/http/http_date.hpp"
#include "daemon/http/index_page.hpp"
#include "daemon/http/item_page.hpp"
#include "daemon/http/work_page.hpp"

namespace plancal::daemon {
namespace {

constexpr std::string_view kFeedPrefix = "/feeds/";
constexpr std::string_view kItemPrefix = "/items/";
constexpr std::string_view kFeedSuffix = ".ics";

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A value out of "Name: value\r\n" lines.
std::string_view find_line(std::string_view head, std::string_view name) {
  while (!head.empty()) {
    const size_t end = head.find("\r\n");
    const std::string_view line = head.substr(0, end);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos && iequals(line.substr(0, colon), name)) {
      return trim(line.substr(colon + 1));
    }
    if (end == std::string_view::npos) break;
    head.remove_prefix(end + 2);
  }
  return {};
}

// Calls `each` with every trimmed element of a comma-separated header list.
template <typename Each>
void for_each_element(std::string_view list, Each each) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    each(trim(list.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes once; nullopt if an escape is malformed.
std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

// Decoded query parameters, or the fields of an application/x-www-form-urlencoded body
// (`form`: '+' is a space); nullopt if any escape is malformed or a value holds a NUL.
std::optional<std::map<std::string, std::string>> parse_query(std::string_view query,
                                                              bool form = false) {
  std::map<std::string, std::string> params;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const size_t eq = pair.find('=');
    std::string key_text(pair.substr(0, eq));
    std::string value_text(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (form) {
      std::replace(key_text.begin(), key_text.end(), '+', ' ');
      std::replace(value_text.begin(), value_text.end(), '+', ' ');
    }
    auto key = percent_decode(key_text);
    auto value = percent_decode(value_text);
    if (!key || !value || value->find('\0') != std::string::npos) return std::nullopt;
    params.emplace(std::move(*key), std::move(*value));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return params;
}

void add_line(std::string& head, std::string_view name, std::string_view value) {
  head.append(name).append(": ").append(value).append("\r\n");
}

using ExtraHeaders = std::initializer_list<std::pair<std::string_view, std::string_view>>;

HttpResponse make_response(int status, std::string_view content_type, std::string body,
                           ExtraHeaders extra = {}) {
  std::string head;
  add_line(head, "Content-Type", content_type);
  add_line(head, "Content-Length", std::to_string(body.size()));
  add_line(head, "X-Content-Type-Options", "nosniff");
  for (const auto& [name, value] : extra) add_line(head, name, value);
  return {status, std::make_shared<const std::string>(std::move(head)),
          std::make_shared<const std::string>(std::move(body)), std::nullopt};
}

HttpResponse error_response(int status, std::string_view text, ExtraHeaders extra = {}) {
  return make_response(status, "text/plain; charset=utf-8", std::string(text) + "\n", extra);
}

// One 404 for unknown paths and private feeds without the right token, byte for byte.
HttpResponse not_found() { return error_response(404, "not found"); }

// A page of ours: computed per request (the agenda moves with today), inline styles only.
HttpResponse html_page(std::string body) {
  return make_response(
      200, "text/html; charset=utf-8", std::move(body),
      {{"Cache-Control", "no-cache"},
       {"Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"}});
}

// A page behind a secret link: never cached, never sent as a Referer, forms to itself only.
HttpResponse private_page(int status, std::string body, ExtraHeaders extra = {}) {
  HttpResponse response =
      make_response(status, "text/html; charset=utf-8", std::move(body),
                    {{"Cache-Control", "no-store"},
                     {"Referrer-Policy", "no-referrer"},
                     {"Content-Security-Policy",
                      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"}});
  if (extra.size() == 0) return response;
  std::string head = *response.head;
  for (const auto& [name, value] : extra) add_line(head, name, value);
  response.head = std::make_shared<const std::string>(std::move(head));
  return response;
}

std::string_view posted_notice(std::string_view query) {
  if (query == "posted=receipt") return "已签收。";
  if (query == "posted=progress") return "进展已报送。";
  if (query == "posted=done") return "已办结：本事项不再向本单位发送提醒。";
  if (query == "posted=extend") return "延期申请已提交，待审批。";
  if (query == "posted=repeat") return "与上次报送相同，未重复记录。";
  return "";
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<bool> gzip, any;
  for_each_element(accept_encoding, [&](std::string_view element) {
    const size_t semi = element.find(';');
    const std::string_view coding = trim(element.substr(0, semi));
    bool acceptable = true;
    if (semi != std::string_view::npos) {
      std::string_view param = trim(element.substr(semi + 1));
      if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        param.remove_prefix(2);
        acceptable = !param.empty() && param.find_first_not_of("0.") != std::string_view::npos;
      }
    }
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) gzip = acceptable;
    if (coding == "*") any = acceptable;
  });
  return gzip.value_or(any.value_or(false));
}

// If-None-Match with the weak comparison of RFC 9110 section 13.1.2.
bool none_match_hits(std::string_view if_none_match, const RenderedFeed& feed) {
  bool hit = false;
  for_each_element(if_none_match, [&](std::string_view tag) {
    if (tag == "*") hit = true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == feed.etag || tag == feed.gzip_etag) hit = true;
  });
  return hit;
}

// What a feed's answer depends on besides the feed: views into the request, or into the
// copies a deferred window keeps (OwnedFeedConditions).
struct FeedConditions {
  bool gzip = false;
  std::string_view if_none_match;
  std::string_view if_modified_since;

  static FeedConditions of(const HttpRequest& request) {
    return {accepts_gzip(request.header("Accept-Encoding")), request.header("If-None-Match"),
            request.header("If-Modified-Since")};
  }

  bool not_modified(const RenderedFeed& feed) const {
    if (!if_none_match.empty()) return none_match_hits(if_none_match, feed);
    const auto since = parse_http_date(if_modified_since);
    return since && feed.last_modified <= *since;
  }
};

// FeedConditions that outlive the request (a window answered off the loop, later).
struct OwnedFeedConditions {
  bool gzip = false;
  std::string if_none_match;
  std::string if_modified_since;

  explicit OwnedFeedConditions(const FeedConditions& c)
      : gzip(c.gzip), if_none_match(c.if_none_match), if_modified_since(c.if_modified_since) {}
  FeedConditions view() const { return {gzip, if_none_match, if_modified_since}; }
};

// The 200 or 304 of `feed`, whose head and body point into `owner`, which they keep alive.
HttpResponse feed_response(const std::shared_ptr<const RenderedFeed>& owner,
                           const FeedConditions& conditions) {
  const RenderedFeed& feed = *owner;
  const FeedHeads& heads = conditions.gzip ? feed.gzip_heads : feed.heads;
  if (conditions.not_modified(feed)) return {304, SharedText(owner, &heads.not_modified), {}, {}};
  return {200,
          SharedText(owner, &heads.ok),
          SharedText(owner, conditions.gzip ? &feed.gzip_body : &feed.body),
          {}};
}

std::string feeds_json(const FeedSet& feeds, const std::string& base_url) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& feed : feeds.feeds()) {
    if (feed.spec.is_private) continue;
    list.push_back({{"id", feed.spec.id},
                    {"title", feed.spec.title},
                    {"url", calendar::feed_url(base_url, feed.spec)},
                    {"events", feed.events},
                    {"private", false},
                    {"bytes", feed.body.size()}});
  }
  return list.dump(2) + "\n";
}

}  // namespace

std::string_view HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

std::string_view HttpResponse::header(std::string_view name) const {
  return head ? find_line(*head, name) : std::string_view();
}

HttpRouter::HttpRouter(const FeedCache& feeds, const FeedTokens& tokens,
                       const calendar::Clock& clock, std::string base_url, UnitDesk* desk)
    : feeds_(feeds), tokens_(tokens), clock_(clock), base_url_(std::move(base_url)), desk_(desk) {}

HttpResponse HttpRouter::handle(const HttpRequest& request) const {
  HttpResponse response = respond(request);
  const bool head = request.method == "HEAD";
  if (response.later) {
    response.later = [work = std::move(response.later), head, &clock = clock_] {
      HttpResponse done = work();
      if (head) done.body.reset();
      done.date = clock.now();
      return done;
    };
    return response;
  }
  if (head) response.body.reset();  // Content-Length stays that of GET
  response.date = clock_.now();
  return response;
}

HttpResponse HttpRouter::respond(const HttpRequest& request) const {
  const bool to_work_page = request.target.starts_with(calendar::kWorkLinkPrefix);
  if (request.method != "HEAD" && request.method != "GET" &&
      !(request.method == "POST" && to_work_page)) {
    return error_response(405, "method not allowed",
                          {{"Allow", to_work_page ? "GET, HEAD, POST" : "GET, HEAD"}});
  }
  if (request.target.size() > kMaxTargetBytes) return error_response(414, "URI too long");
  const std::string_view target = request.target;
  const size_t question = target.find('?');
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  std::string_view path = target.substr(0, question);
  std::optional<std::string> decoded;  // only when there are escapes
  if (path.find('%') != std::string_view::npos) {
    decoded = percent_decode(path);
    if (!decoded) return error_response(400, "bad request");
    path = *decoded;
  }
  if (!path.starts_with('/') || path.find("..") != std::string_view::npos ||
      path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return error_response(400, "bad request");
  }
  return route(request, path, query);
}

HttpResponse HttpRouter::route(const HttpRequest& request, std::string_view path,
                               std::string_view query) const {
  const std::shared_ptr<const FeedSet> feeds = feeds_.current();
  if (!feeds) return error_response(503, "starting");
  if (path == "/healthz") {
    std::string body = "ok data_version=" + std::to_string(feeds->snapshot().data_version) + "\n";
    for (const int year : feeds->snapshot().years_without_holidays)
      body += "warning: no holiday file for " + std::to_string(year) +
              ": its reminders take Monday to Friday as working days\n";
    return make_response(200, "text/plain; charset=utf-8", body);
  }
  if (path == "/feeds.json") {
    return make_response(200, "application/json", feeds_json(*feeds, base_url_),
                         {{"Cache-Control", "no-cache"}});
  }
  if (path == "/") {
    const auto params = parse_query(query);
    if (!params) return error_response(400, "bad query");
    const auto value = [&](const char* name) {
      const auto it = params->find(name);
      return it == params->end() ? std::string() : it->second;
    };
    const calendar::Date today = calendar::local_date(clock_.now(), calendar::kChinaOffsetMinutes);
    return html_page(render_index_page(*feeds, base_url_, today, value("unit"), value("category")));
  }
  if (path.starts_with(kItemPrefix)) {
    const std::string_view rest = path.substr(kItemPrefix.size());
    const size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return not_found();
    auto page = render_item_page(feeds->snapshot(), base_url_, rest.substr(0, slash),
                                 rest.substr(slash + 1));
    if (!page) return not_found();
    return html_page(std::move(*page));
  }
  if (path.starts_with(calendar::kWorkLinkPrefix) || path.starts_with(calendar::kBoardLinkPrefix))
    return serve_units(request, feeds->snapshot(), path, query);
  if (path.starts_with(kFeedPrefix) && path.ends_with(kFeedSuffix)) {
    const std::string_view id =
        path.substr(kFeedPrefix.size(), path.size() - kFeedPrefix.size() - kFeedSuffix.size());
    return serve_feed(request, feeds, id, query);
  }
  return not_found();
}

HttpResponse HttpRouter::serve_units(const HttpRequest& request, const DataSnapshot& snapshot,
                                     std::string_view path, std::string_view query) const {
  if (desk_ == nullptr) return not_found();
  std::optional<calendar::LinkPath> link = calendar::parse_link_path(path);
  if (!link && path.starts_with(calendar::kBoardLinkPrefix)) {  // a public board: no token
    const std::string_view plan = path.substr(calendar::kBoardLinkPrefix.size());
    if (!plan.empty() && plan.find('/') == std::string_view::npos)
      link = calendar::LinkPath{{std::string(plan), "", ""}, ""};
  }
  if (!link) return not_found();
  if (link->target.unit_id.empty()) {
    const auto params = parse_query(query);
    if (!params) return error_response(400, "bad query");
    BoardFilter filter;
    if (auto it = params->find("section"); it != params->end()) filter.section = it->second;
    if (auto it = params->find("unit"); it != params->end()) filter.unit = it->second;
    const auto board = desk_->board(snapshot, *link, filter);
    if (!board) return not_found();
    return private_page(200, render_board_page(*board, filter, base_url_ + std::string(path)));
  }
  const std::string self = base_url_ + std::string(path);
  if (request.method != "POST") {
    const auto view = desk_->work(snapshot, *link);
    if (!view) return not_found();
    return private_page(200, render_work_page(*view, link->token, posted_notice(query)));
  }
  const std::string_view type = request.header("Content-Type");
  if (!type.starts_with("application/x-www-form-urlencoded"))
    return error_response(415, "the form must be application/x-www-form-urlencoded");
  const auto fields = parse_query(request.body, true);
  if (!fields) return error_response(400, "bad form encoding");
  const auto field = [&](const char* name) {
    const auto it = fields->find(name);
    return it == fields->end() ? std::string() : it->second;
  };
  const UnitPost post{field("action"), field("note"), field("until"), std::string(request.client)};
  const auto outcome = desk_->post(snapshot, *link, post);
  if (!outcome) return not_found();
  switch (outcome->kind) {
    case PostOutcome::Kind::kStored:
    case PostOutcome::Kind::kRepeat: {
      const std::string location =
          self +
          "?posted=" + (outcome->kind == PostOutcome::Kind::kRepeat ? "repeat" : post.action);
      return error_response(303, "see the page", {{"Location", location}});
    }
    case PostOutcome::Kind::kRateLimited: {
      const std::string seconds = std::to_string(outcome->retry_after.count());
      return error_response(429, outcome->message, {{"Retry-After", seconds}});
    }
    case PostOutcome::Kind::kInvalid:
      break;
  }
  const auto view = desk_->work(snapshot, *link);
  if (!view) return not_found();
  return private_page(400, render_work_page(*view, link->token, "未记录：" + outcome->message));
}

HttpResponse HttpRouter::serve_feed(const HttpRequest& request,
                                    const std::shared_ptr<const FeedSet>& feeds,
                                    std::string_view feed_id, std::string_view query) const {
  const RenderedFeed* feed = feeds->find(feed_id);
  if (!feed) return not_found();
  const auto params = parse_query(query);
  if (feed->spec.is_private) {
    const auto expected = tokens_.token_for(feed->spec.key);
    const std::string* given = nullptr;
    if (params) {
      if (auto it = params->find("token"); it != params->end()) given = &it->second;
    }
    if (!given || !expected || !calendar::constant_time_equal(*given, *expected))
      return not_found();
  }
  if (!params) return error_response(400, "bad query");
  std::optional<calendar::Date> from, to;
  for (const auto& [name, value] : *params) {
    if (name != "from" && name != "to") continue;
    auto date = calendar::parse_iso_date(value);
    if (!date) return error_response(400, "from and to must be dates: YYYY-MM-DD");
    (name == "from" ? from : to) = date;
  }
  const FeedConditions conditions = FeedConditions::of(request);
  std::shared_ptr<const RenderedFeed> owner(feeds, feed);  // the whole feed, in the FeedSet
  if ((from || to) && !FeedSet::covers(*feed, from, to)) {
    owner = feeds->cached_window(*feed, from, to);
    if (!owner) {
      // Rendering a window takes as long as the feed is large: not on the event loop.
      HttpResponse later;
      later.later = [feeds, feed, from, to, owned = OwnedFeedConditions(conditions)] {
        return feed_response(feeds->window(*feed, from, to), owned.view());
      };
      return later;
    }
  }
  return feed_response(owner, conditions);
}

}  // namespace plancal::daemon
