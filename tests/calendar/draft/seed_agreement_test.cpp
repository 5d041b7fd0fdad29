// The drafter against the bundled hand-made Jinshan file: of the dated activities of the two
// task tables (policy and project rows), how many the draft of the plan's own text has too,
// with the same reading and the same lead unit (recall), and how many of the draft's are
// the hand file's (precision).
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "calendar/draft/draft_toml.hpp"
#include "calendar/draft/plan_drafter.hpp"
#include "calendar/plan_file/plan_loader.hpp"
#include "tests/support/bundled_holidays.hpp"

using namespace plancal::calendar;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::set<std::string> spellings(const Plan& plan, const std::string& unit_id) {
  std::set<std::string> names;
  if (const Unit* unit = plan.find_unit(unit_id)) {
    names.insert(unit->name);
    names.insert(unit->aliases.begin(), unit->aliases.end());
  }
  return names;
}

bool same_lead(const Plan& hand, const Item& hand_item, const Plan& draft, const Item& draft_item) {
  const auto mine = spellings(hand, hand_item.units.front());
  for (const std::string& name : spellings(draft, draft_item.units.front()))
    if (mine.count(name)) return true;
  return false;
}

const Item* row(const Plan& plan, ItemKind kind, const std::string& number) {
  for (const Item& item : plan.items)
    if (item.kind == kind && item.number == number) return &item;
  return nullptr;
}

struct Agreement {
  size_t hand = 0;
  size_t drafted = 0;
  size_t matched = 0;
};

Agreement agreement(const Plan& hand, const Plan& draft) {
  Agreement result;
  for (const Item& item : draft.items)
    if (item.kind != ItemKind::kMeasure) result.drafted += item.activities.size();
  for (const Item& item : hand.items) {
    if (item.kind == ItemKind::kMeasure) continue;
    const Item* drafted = row(draft, item.kind, item.number);
    std::set<size_t> used;
    for (const Activity& activity : item.activities) {
      ++result.hand;
      if (drafted == nullptr || !same_lead(hand, item, draft, *drafted)) continue;
      for (size_t k = 0; k < drafted->activities.size(); ++k)
        if (!used.count(k) && same_dates(activity.schedule, drafted->activities[k].schedule)) {
          used.insert(k);
          ++result.matched;
          break;
        }
    }
  }
  return result;
}

}  // namespace

TEST_CASE("the seed's text drafts into a file that loads and agrees with the hand-made file") {
  const std::string source = PLANCAL_SOURCE_DIR;
  const HolidayCalendar& holidays = plancal::testing::bundled_holidays();
  DraftOptions options;
  options.holidays = &holidays;
  const PlanDraft draft =
      draft_plan(read_file(source + "/tests/fixtures/draft/jinshan-2023.txt"), options);
  const std::string toml = write_draft_toml(draft, "jinshan-2023.txt");
  const LoadResult drafted = load_plan_text(toml, "draft", &holidays);
  for (const auto& error : drafted.errors) MESSAGE(error.to_string());
  REQUIRE(drafted.plan);
  const LoadResult hand = load_plan_file(source + "/data/plans/jinshan-2023.toml", &holidays);
  REQUIRE(hand.plan);

  CHECK(drafted.plan->id == "jinshan-2023");
  CHECK(drafted.plan->document_number == "金发改规〔2023〕1号");
  CHECK(drafted.plan->title == hand.plan->title);
  CHECK(drafted.plan->published == hand.plan->published);
  CHECK(drafted.plan->effective_from == hand.plan->effective_from);
  CHECK(drafted.plan->effective_until == hand.plan->effective_until);

  const Agreement figures = agreement(*hand.plan, *drafted.plan);
  const double recall = double(figures.matched) / double(figures.hand);
  const double precision = double(figures.matched) / double(figures.drafted);
  MESSAGE("seed agreement: " << figures.matched << " of " << figures.hand
                             << " hand-made table activities (recall " << recall << "), "
                             << figures.drafted << " drafted (precision " << precision << ")");
  CHECK(recall >= 0.85);
  CHECK(precision >= 0.80);
}

TEST_CASE("drafting the same text twice gives the same bytes") {
  const std::string text =
      read_file(std::string(PLANCAL_SOURCE_DIR) + "/tests/fixtures/draft/jinshan-2023.txt");
  const DraftOptions options;
  CHECK(write_draft_toml(draft_plan(text, options), "x") ==
        write_draft_toml(draft_plan(text, options), "x"));
}
