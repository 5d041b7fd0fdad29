// The HTML of plancald's "/" page, in Chinese: each public feed with its title, event
// count, size and subscribe links (webcal://, the http(s) URL, and an "add to Google
// Calendar" link), then the next upcoming public activities as of `today`. Every piece of
// data is HTML-escaped. Pure.
#pragma once

#include <string>
#include <string_view>

#include "calendar/model/date.hpp"
#include "daemon/http/feed_cache.hpp"

namespace plancal::daemon {

// How many upcoming activities the page lists.
inline constexpr size_t kUpcomingOnIndex = 10;

std::string render_index_page(const FeedSet& feeds, const std::string& base_url,
                              calendar::Date today);

// "webcal://host/path" for an http:// or https:// URL.
std::string webcal_url(std::string_view http_url);

// Google Calendar's subscribe link for a feed URL; Google only accepts webcal:// there.
std::string google_subscribe_url(std::string_view http_url);

}  // namespace plancal::daemon
