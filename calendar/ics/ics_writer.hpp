// Writes iCalendar (RFC 5545) feeds of stored activities, on libical, with plancal's own
// line folding and text escaping (the packaged libical folds wrongly at exact line-length
// boundaries). The only place libical appears. See docs/feeds.md for how each reading
// precision is shown in calendar clients.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/ics/feed_catalog.hpp"

namespace plancal::calendar {

// A paragraph added to the DESCRIPTION of an item's activities: the approved extensions of
// its due date (docs/units.md), "已批准延期：区医保局 至 2024-01-31". Their dates stay the
// plan's; `at` (the latest decision) becomes the events' LAST-MODIFIED and DTSTAMP when later.
struct ItemNote {
  std::string text;
  TimePoint at{};
  bool operator==(const ItemNote&) const = default;
};

struct IcsOptions {
  std::string base_url;  // for URL properties and links; empty: no URL property
  std::map<std::string, ItemNote> item_notes;                     // by item id
  std::chrono::minutes refresh_interval{std::chrono::hours(12)};  // REFRESH-INTERVAL
  std::optional<Date> window_from;  // ?from=: drop activities ending before it
  std::optional<Date> window_to;    // ?to=: drop activities starting after it
};

// The whole VCALENDAR text, CRLF line ends, lines folded at <= 75 octets: one VEVENT per
// activity of `activities` that the feed includes (feed_includes) and that meets the
// window, ordered by start date then UID. Deterministic: the same arguments give the same
// bytes (DTSTAMP is the activity's last_modified, never the time of rendering).
std::string render_feed(const FeedSpec& feed, const Plan& plan,
                        const std::vector<StoredActivity>& activities, const IcsOptions& options);

// The same calendar with one VTODO (DUE;VALUE=DATE) per deadline activity instead of
// VEVENTs, for task lists (a unit's work feed offered as tasks). Other activities are
// left out.
std::string render_tasks(const FeedSpec& feed, const Plan& plan,
                         const std::vector<StoredActivity>& activities, const IcsOptions& options);

}  // namespace plancal::calendar
