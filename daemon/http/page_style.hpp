// The shared head of plancald's HTML pages (the agenda and the item pages): doctype,
// charset, a viewport for phones and one inline style sheet; no script, no external asset
// (the router's Content-Security-Policy allows inline styles only).
#pragma once

#include <string>
#include <string_view>

namespace plancal::daemon {

// "<!DOCTYPE html>…<body>" with `title` (escaped) as the page title.
std::string page_head(std::string_view title);

}  // namespace plancal::daemon
