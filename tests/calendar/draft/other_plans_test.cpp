// The drafter on plans of other places and years (tests/fixtures/draft/plans/): each text
// drafts into a file that loads, and what it finds is compared with the hand counts of
// expected.toml. The tuning plans must match their counts; the held-out plans are only
// measured, and the figures are printed for the closing note.
#include <doctest/doctest.h>

#include <toml++/toml.h>
#include <fstream>
#include <set>
#include <sstream>

#include "calendar/draft/draft_toml.hpp"
#include "calendar/draft/plan_drafter.hpp"
#include "calendar/plan_file/plan_loader.hpp"
#include "tests/support/bundled_holidays.hpp"

using namespace plancal::calendar;

namespace {

const std::string kDir = std::string(PLANCAL_SOURCE_DIR) + "/tests/fixtures/draft/plans/";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string without_spaces(std::string_view text) {
  std::string out;
  for (const char c : text)
    if (c != ' ') out += c;
  return out;
}

struct Tally {
  size_t expected = 0;
  size_t found = 0;
  size_t matched = 0;
};

struct SetFigures {
  Tally activities;
  size_t items_right = 0;
  size_t units_right = 0;
  size_t plans = 0;
};

}  // namespace

TEST_CASE("plans of other places draft into files that load, with the hand-counted contents") {
  const toml::table expected = toml::parse_file(kDir + "expected.toml");
  const HolidayCalendar& holidays = plancal::testing::bundled_holidays();
  std::map<std::string, SetFigures> sets;
  const toml::array& plans = *expected["plan"].as_array();
  CHECK(plans.size() >= 5);
  for (const toml::node& node : plans) {
    const toml::table& plan = *node.as_table();
    const std::string file = plan["file"].value_or(std::string());
    const std::string set = plan["set"].value_or(std::string());
    CAPTURE(file);
    DraftOptions options;
    options.year = plan["year"].value_or(0);
    options.holidays = &holidays;
    const PlanDraft draft = draft_plan(read_file(kDir + file), options);
    const LoadResult loaded = load_plan_text(write_draft_toml(draft, file), file, &holidays);
    for (const auto& error : loaded.errors) MESSAGE(error.to_string());
    REQUIRE(loaded.plan);
    const Plan& drafted = *loaded.plan;

    SetFigures& figures = sets[set];
    ++figures.plans;
    const auto items = plan["items"].value_or(int64_t{0});
    const auto units = plan["units"].value_or(int64_t{0});
    if (drafted.items.size() == size_t(items)) ++figures.items_right;
    // The units the items name (the issuer is always a unit of the file, as escalation unit).
    std::set<std::string> named;
    for (const Item& item : drafted.items) named.insert(item.units.begin(), item.units.end());
    // The issuer stands in for the units of items that name none: it is not one found.
    if (const Unit* escalation = drafted.find_unit(drafted.escalation_unit);
        escalation != nullptr && escalation->name == drafted.issuer)
      named.erase(escalation->id);
    const size_t drafted_units = named.size();
    if (drafted_units == size_t(units)) ++figures.units_right;

    std::multiset<std::string> wanted;
    if (const toml::array* phrases = plan["activities"].as_array())
      for (const toml::node& phrase : *phrases)
        wanted.insert(without_spaces(phrase.value_or(std::string())));
    Tally tally;
    tally.expected = wanted.size();
    for (const Item& item : drafted.items)
      for (const Activity& activity : item.activities) {
        ++tally.found;
        if (auto hit = wanted.find(without_spaces(activity.source_phrase)); hit != wanted.end()) {
          wanted.erase(hit);
          ++tally.matched;
        }
      }
    figures.activities.expected += tally.expected;
    figures.activities.found += tally.found;
    figures.activities.matched += tally.matched;
    MESSAGE(set << " " << file << ": items " << drafted.items.size() << "/" << items << ", units "
                << drafted_units << "/" << units << ", activities " << tally.matched << " of "
                << tally.expected << " found (" << tally.found << " drafted)");

    if (auto number = plan["document_number"].value<std::string>())
      CHECK_MESSAGE(drafted.document_number == *number, set);
    if (auto title = plan["title"].value<std::string>())
      CHECK_MESSAGE(drafted.title == *title, set);
    if (auto published = plan["published"].as_date()) {
      const toml::date d = published->get();
      CHECK_MESSAGE(drafted.published == make_date(d.year, d.month, d.day), set);
    }
    if (set == "tune") {
      CHECK(drafted.items.size() == size_t(items));
      CHECK(tally.matched + 1 >= tally.expected);  // at most one phrase missed per plan
    }
  }
  for (const auto& [set, figures] : sets) {
    const Tally& a = figures.activities;
    MESSAGE(set << ": " << figures.plans << " plans, items right in " << figures.items_right
                << ", units right in " << figures.units_right << ", activities " << a.matched
                << " of " << a.expected << " (recall "
                << (a.expected ? double(a.matched) / double(a.expected) : 1.0) << "), " << a.found
                << " drafted (precision " << (a.found ? double(a.matched) / double(a.found) : 1.0)
                << ")");
  }
}
