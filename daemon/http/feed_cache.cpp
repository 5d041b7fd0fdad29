#include "daemon/http/feed_cache.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "calendar/ics/ics_writer.hpp"
#include "daemon/http/gzip.hpp"
#include "daemon/http/http_date.hpp"

namespace plancal::daemon {
namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr std::string_view kPublicCacheControl = "public, max-age=3600";
constexpr std::string_view kPrivateCacheControl = "private, max-age=300";

std::string gzip_variant(const std::string& etag) {
  return etag.substr(0, etag.size() - 1) + "-gz\"";
}

bool overlaps(const calendar::StoredActivity& stored, std::optional<calendar::Date> from,
              std::optional<calendar::Date> to) {
  const auto& schedule = stored.activity.schedule;
  return (!from || schedule.end >= *from) && (!to || schedule.start <= *to);
}

void set_body(RenderedFeed& feed, std::string body) {
  feed.body = std::move(body);
  feed.gzip_body = gzip_compress(feed.body);
  feed.etag = strong_etag(feed.body);
  feed.gzip_etag = gzip_variant(feed.etag);
}

void add_line(std::string& head, std::string_view name, std::string_view value) {
  head.append(name).append(": ").append(value).append("\r\n");
}

FeedHeads make_heads(const RenderedFeed& feed, bool gzip) {
  FeedHeads heads;
  add_line(heads.not_modified, "Cache-Control",
           feed.spec.is_private ? kPrivateCacheControl : kPublicCacheControl);
  add_line(heads.not_modified, "ETag", gzip ? feed.gzip_etag : feed.etag);
  add_line(heads.not_modified, "Last-Modified", feed.last_modified_http);
  add_line(heads.not_modified, "Vary", "Accept-Encoding");
  heads.ok = heads.not_modified;
  add_line(heads.ok, "Content-Type", "text/calendar; charset=utf-8");
  add_line(heads.ok, "Content-Disposition", "inline; filename=\"" + feed.spec.id + ".ics\"");
  add_line(heads.ok, "Content-Length",
           std::to_string(gzip ? feed.gzip_body.size() : feed.body.size()));
  add_line(heads.ok, "X-Content-Type-Options", "nosniff");
  if (gzip) add_line(heads.ok, "Content-Encoding", "gzip");
  return heads;
}

// Once body and validators are final.
void set_heads(RenderedFeed& feed) {
  feed.heads = make_heads(feed, false);
  feed.gzip_heads = make_heads(feed, true);
}

}  // namespace

std::string strong_etag(std::string_view body) {
  std::uint64_t hash = kFnvOffset;
  for (unsigned char c : body) {
    hash ^= c;
    hash *= kFnvPrime;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return buf;
}

FeedSet::FeedSet(std::shared_ptr<const DataSnapshot> snapshot, std::string base_url,
                 const FeedSet* previous)
    : snapshot_(std::move(snapshot)), base_url_(std::move(base_url)) {
  for (size_t p = 0; p < snapshot_->plans.size(); ++p) {
    const PlanData& data = snapshot_->plans[p];
    for (const auto& spec : data.feeds) {
      RenderedFeed feed;
      feed.spec = spec;
      feed.plan_index = p;
      std::optional<calendar::TimePoint> newest;
      for (const auto& stored : data.activities) {
        if (!calendar::feed_includes(spec, data.plan, stored)) continue;
        ++feed.events;
        const auto& schedule = stored.activity.schedule;
        feed.earliest_end = std::min(feed.earliest_end.value_or(schedule.end), schedule.end);
        feed.latest_start = std::max(feed.latest_start.value_or(schedule.start), schedule.start);
        newest = std::max(newest.value_or(stored.last_modified), stored.last_modified);
        if (auto note = data.item_notes.find(stored.activity.item_id);
            note != data.item_notes.end())
          newest = std::max(*newest, note->second.at);
      }
      set_body(feed, render_body(feed, std::nullopt, std::nullopt));
      feed.last_modified = newest.value_or(snapshot_->last_modified);
      if (const RenderedFeed* before = previous ? previous->find(spec.id) : nullptr) {
        if (before->etag == feed.etag) {
          feed.last_modified = before->last_modified;
        } else if (feed.last_modified <= before->last_modified) {
          // Changed bytes (a removal, a rendering change) without a newer activity.
          feed.last_modified =
              std::max(snapshot_->last_modified, before->last_modified + std::chrono::seconds(1));
        }
      }
      feed.last_modified_http = format_http_date(feed.last_modified);
      set_heads(feed);
      feeds_.push_back(std::move(feed));
    }
  }
}

const RenderedFeed* FeedSet::find(std::string_view feed_id) const {
  auto it = std::find_if(feeds_.begin(), feeds_.end(),
                         [&](const RenderedFeed& feed) { return feed.spec.id == feed_id; });
  return it == feeds_.end() ? nullptr : &*it;
}

RenderedFeed FeedSet::render_window(const RenderedFeed& feed, std::optional<calendar::Date> from,
                                    std::optional<calendar::Date> to) const {
  RenderedFeed windowed;
  windowed.spec = feed.spec;
  windowed.plan_index = feed.plan_index;
  windowed.last_modified = feed.last_modified;
  windowed.last_modified_http = feed.last_modified_http;
  const PlanData& data = snapshot_->plans[feed.plan_index];
  windowed.events = static_cast<int>(
      std::count_if(data.activities.begin(), data.activities.end(), [&](const auto& stored) {
        return calendar::feed_includes(feed.spec, data.plan, stored) && overlaps(stored, from, to);
      }));
  set_body(windowed, render_body(feed, from, to));
  set_heads(windowed);
  return windowed;
}

namespace {

std::string window_key(const RenderedFeed& feed, std::optional<calendar::Date> from,
                       std::optional<calendar::Date> to) {
  return feed.spec.id + "?" + (from ? calendar::to_iso(*from) : "") + "&" +
         (to ? calendar::to_iso(*to) : "");
}

}  // namespace

bool FeedSet::covers(const RenderedFeed& feed, std::optional<calendar::Date> from,
                     std::optional<calendar::Date> to) {
  if (!feed.earliest_end) return true;  // no activity: every window is the (empty) feed
  return (!from || *from <= *feed.earliest_end) && (!to || *to >= *feed.latest_start);
}

std::shared_ptr<const RenderedFeed> FeedSet::cached_window(const RenderedFeed& feed,
                                                           std::optional<calendar::Date> from,
                                                           std::optional<calendar::Date> to) const {
  const std::string key = window_key(feed, from, to);
  const std::lock_guard lock(windows_mutex_);
  for (auto it = windows_.begin(); it != windows_.end(); ++it) {
    if (it->first != key) continue;
    windows_.splice(windows_.begin(), windows_, it);
    return windows_.front().second;
  }
  return nullptr;
}

std::shared_ptr<const RenderedFeed> FeedSet::window(const RenderedFeed& feed,
                                                    std::optional<calendar::Date> from,
                                                    std::optional<calendar::Date> to) const {
  if (auto cached = cached_window(feed, from, to)) return cached;
  const std::string key = window_key(feed, from, to);
  auto rendered = std::make_shared<const RenderedFeed>(render_window(feed, from, to));
  const size_t bytes = rendered->body.size() + rendered->gzip_body.size();
  const std::lock_guard lock(windows_mutex_);
  windows_.emplace_front(key, rendered);
  window_bytes_ += bytes;
  while (windows_.size() > kWindowCacheEntries ||
         (window_bytes_ > kWindowCacheBytes && windows_.size() > 1)) {
    const auto& oldest = windows_.back().second;
    window_bytes_ -= oldest->body.size() + oldest->gzip_body.size();
    windows_.pop_back();
  }
  return rendered;
}

std::string FeedSet::render_body(const RenderedFeed& feed, std::optional<calendar::Date> from,
                                 std::optional<calendar::Date> to) const {
  const PlanData& data = snapshot_->plans[feed.plan_index];
  calendar::IcsOptions options;
  options.base_url = base_url_;
  options.window_from = from;
  options.window_to = to;
  options.item_notes = data.item_notes;
  return calendar::render_feed(feed.spec, data.plan, data.activities, options);
}

std::shared_ptr<const FeedSet> FeedCache::render(std::shared_ptr<const DataSnapshot> snapshot,
                                                 const std::string& base_url,
                                                 const std::shared_ptr<const FeedSet>& base) {
  if (base) {
    const DataSnapshot& old = base->snapshot();
    const bool same_plans =
        std::equal(old.plans.begin(), old.plans.end(), snapshot->plans.begin(),
                   snapshot->plans.end(), [](const PlanData& a, const PlanData& b) {
                     return a.plan == b.plan && a.item_notes == b.item_notes;
                   });
    if (old.data_version == snapshot->data_version && same_plans) return nullptr;
  }
  return std::make_shared<const FeedSet>(std::move(snapshot), base_url, base.get());
}

void FeedCache::install(std::shared_ptr<const FeedSet> feeds) {
  if (feeds) current_ = std::move(feeds);
}

void FeedCache::update(std::shared_ptr<const DataSnapshot> snapshot) {
  install(render(std::move(snapshot), base_url_, current_));
}

}  // namespace plancal::daemon
