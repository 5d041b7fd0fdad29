// plancalctl feed: render one feed of a database to stdout, offline, exactly as the daemon
// serves it; or list the feed ids with their event counts.
#include <algorithm>

#include "calendar/ics/feed_catalog.hpp"
#include "calendar/ics/ics_writer.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"
#include "plancalctl/store_args.hpp"
#include "plancalctl/text_table.hpp"

namespace plancal::ctl {

using namespace plancal::calendar;

namespace {

std::optional<Date> date_option(const Args& args, const std::string& name) {
  auto text = args.value(name);
  if (!text) return std::nullopt;
  auto date = parse_iso_date(*text);
  if (!date) throw UsageError(name + " '" + *text + "' is not a YYYY-MM-DD date");
  return date;
}

void list_feeds(Store& store, Io io) {
  TextTable table({"feed", "events", "private", "title"});
  for (const auto& summary : store.plans().list_plans()) {
    auto plan = store.plans().load_plan(summary.id);
    if (!plan) continue;
    const auto activities = store.plans().activities(summary.id);
    for (const FeedSpec& feed : build_feed_catalog(*plan)) {
      const auto events = std::count_if(activities.begin(), activities.end(), [&](const auto& a) {
        return feed_includes(feed, *plan, a);
      });
      table.add_row({feed.id, std::to_string(events), feed.is_private ? "yes" : "no", feed.title});
    }
  }
  table.print(io.out);
}

}  // namespace

int feed_command(const Argv& argv, Io io) {
  Args args(argv, {{kDbOption, kDbPasswordFileOption, "--feed", "--from", "--to", "--base-url"},
                   {"--list", "--tasks"}});
  if (!args.positionals().empty()) throw UsageError("feed takes no positional argument");
  IcsOptions options;
  options.base_url = args.value("--base-url").value_or("");
  while (!options.base_url.empty() && options.base_url.back() == '/') options.base_url.pop_back();
  options.window_from = date_option(args, "--from");
  options.window_to = date_option(args, "--to");
  auto store = open_store_of(args);
  if (args.flag("--list")) {
    list_feeds(*store, io);
    return 0;
  }
  const std::string id = args.required("--feed");
  for (const auto& summary : store->plans().list_plans()) {
    auto plan = store->plans().load_plan(summary.id);
    if (!plan) continue;
    for (const FeedSpec& feed : build_feed_catalog(*plan)) {
      if (feed.id != id) continue;
      const auto activities = store->plans().activities(summary.id);
      io.out << (args.flag("--tasks") ? render_tasks(feed, *plan, activities, options)
                                      : render_feed(feed, *plan, activities, options));
      return 0;
    }
  }
  io.err << "no feed '" << id << "'; plancalctl feed --db FILE --list shows them\n";
  return 1;
}

}  // namespace plancal::ctl
