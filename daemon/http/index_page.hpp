// The HTML of plancald's "/" page, in Chinese: for each plan its agenda — every public
// activity as a row with a bar on the plan year's month scale as long as its honest
// precision, coloured by category, today marked, upcoming first, then under way, then the
// past folded away; each row links to its item page — with filter links by category and by
// unit that work without JavaScript (`unit`, `category`: the current filters, "" for none),
// then its subscription links grouped by whole plan, unit, category and section, empty
// feeds folded away. Every piece of data is HTML-escaped. Pure.
#pragma once

#include <string>
#include <string_view>

#include "calendar/model/date.hpp"
#include "daemon/http/feed_cache.hpp"

namespace plancal::daemon {

std::string render_index_page(const FeedSet& feeds, const std::string& base_url,
                              calendar::Date today, const std::string& unit = "",
                              const std::string& category = "");

// "webcal://host/path" for an http:// or https:// URL.
std::string webcal_url(std::string_view http_url);

// Google Calendar's subscribe link for a feed URL; Google only accepts webcal:// there.
std::string google_subscribe_url(std::string_view http_url);

}  // namespace plancal::daemon
