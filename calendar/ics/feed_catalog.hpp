// The feeds a plan offers: the whole plan, one per responsible unit, one per category,
// one per plan section (Plan::sections(): task-table rows count under the main-text
// section their table heading maps to), all public, and each unit's private work feed (its
// deadlines and targets plus internal state), which needs the unit's secret token in its URL.
// Pure: a function of the plan.
#pragma once

#include <string>
#include <vector>

#include "calendar/model/plan.hpp"
#include "calendar/model/stored_activity.hpp"

namespace plancal::calendar {

enum class FeedScope { kPlan, kUnit, kCategory, kSection, kUnitWork };

struct FeedSpec {
  std::string id;     // URL-safe: "jinshan-2023", "jinshan-2023-unit-rsj", ...
  std::string path;   // "/feeds/<id>.ics"; a private feed's path gets "?token=…" appended
  std::string title;  // Chinese, shown as the calendar name (X-WR-CALNAME / NAME)
  std::string description;
  FeedScope scope = FeedScope::kPlan;
  bool is_private = false;
  std::string plan_id;
  std::string key;      // unit id, category id or section number, per scope; empty for kPlan
  std::string section;  // kSection: the section's heading, as Plan::sections() gives it
};

// Every feed of the plan, public ones first, in a stable order. The only place that names
// feeds and their paths: everything that links to a feed asks the catalog (or unit_feed).
std::vector<FeedSpec> build_feed_catalog(const Plan& plan);

// The public feed of one responsible unit, as build_feed_catalog() lists it.
FeedSpec unit_feed(const Plan& plan, const Unit& unit);

// The feed of `scope` whose key is `key` (unit id, category id, section number); nullptr
// when the catalog has none.
const FeedSpec* find_feed(const std::vector<FeedSpec>& catalog, FeedScope scope,
                          std::string_view key);

// The feed's absolute URL: `base_url` (no trailing '/') followed by its path. A private
// feed's URL still needs its "?token=…".
std::string feed_url(std::string_view base_url, const FeedSpec& feed);

// The page of one plan item: `base_url` + "/items/<plan>/<item>" (every VEVENT's URL, the
// agenda's links).
std::string item_url(std::string_view base_url, std::string_view plan_id, std::string_view item_id);

// Whether the feed carries the activity. Public feeds carry public activities only.
bool feed_includes(const FeedSpec& feed, const Plan& plan, const StoredActivity& activity);

}  // namespace plancal::calendar
