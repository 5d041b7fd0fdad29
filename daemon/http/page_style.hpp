// The shared parts of plancald's HTML pages (agenda, item, unit and board pages): doctype,
// charset, a viewport for phones, one inline style sheet and how times read; no script, no
// external asset
// (the router's Content-Security-Policy allows inline styles only).
#pragma once

#include <string>
#include <string_view>

#include "calendar/model/clock.hpp"

namespace plancal::daemon {

// "<!DOCTYPE html>…<body>" with `title` (escaped) as the page title.
std::string page_head(std::string_view title);

// `text` as one component of a URL (RFC 3986: unreserved characters kept, all else %XX),
// for the filter links' query values.
std::string percent_encode(std::string_view text);

// An instant as the pages show it: "2023-11-20 09:00", local time at `utc_offset_minutes`.
std::string page_time(calendar::TimePoint t, int utc_offset_minutes);

}  // namespace plancal::daemon
