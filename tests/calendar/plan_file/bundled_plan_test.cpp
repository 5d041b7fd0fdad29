// The bundled Jinshan 2023 plan: it loads, has every item of the source document, and every
// dated phrase of its task tables produces at least one activity. The per-row activity
// counts below are a hand count made by reading the source plan, not by running code.
#include <doctest/doctest.h>

#include <toml++/toml.h>
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "calendar/phrase/phrase_extractor.hpp"
#include "calendar/plan_file/plan_loader.hpp"

using namespace plancal::calendar;

namespace {

const std::string kPlanFile = std::string(PLANCAL_SOURCE_DIR) + "/data/plans/jinshan-2023.toml";
const std::string kCountsFile =
    std::string(PLANCAL_SOURCE_DIR) + "/tests/fixtures/expected_activity_counts.toml";

// Activities per item, counted by hand from 金发改规〔2023〕1号 (rows without an entry: 0).
const std::map<std::string, size_t> kHandCount{
    {"a1", 6},  {"a2", 2},  {"a3", 7},  {"a5", 4},  {"a8", 3},  {"a9", 2},  {"a10", 3},
    {"a12", 2}, {"a14", 9}, {"a16", 3}, {"a17", 1}, {"a21", 2}, {"a22", 2}, {"a24", 4},
    {"a25", 3}, {"p1", 1},  {"p2", 1},  {"p3", 1},  {"p4", 1},  {"p5", 1},  {"p7", 1},
    {"p9", 1},  {"p15", 1}, {"m11", 2}, {"m12", 3}, {"m17", 2}, {"m19", 1}, {"m23", 2},
};

// Temporal-looking phrases of the task tables that deliberately have no activity.
// (a10's "2023 年下半年度" is not even extracted: "下半年度" here names a season of work.)
const std::set<std::pair<std::string, std::string>> kNotActivities{
    // "三年行动计划（2023-2025 年）": the period of an already drafted plan, not an activity.
    {"a15", "2023-2025年"},
    // "对上年新认定…的高新技术企业", "企业上一年度研发投入": which enterprises, and whose
    // spending, in the year before the plan: references, not activities.
    {"p18", "上年"},
    {"p19", "上一年度"},
    // "2023 年下半年度联合三地美术家协会": the garbled row's season of the exhibition
    // (see the JUDGEMENT in the data file); its activities are the call and the show.
    {"a10", "2023年下半年度"},
    // "1月 1日，举办…迎接 2023 新年第一缕阳光活动": the 新年 of the activity's name is its
    // 1月1日, already the activity's date.
    {"a3", "新年"},
};

std::string without_spaces(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n'; }),
          s.end());
  return s;
}

// The same reading, the phrase as written aside.
bool same_reading(const Reading& a, const Reading& b) {
  const auto shape = [](const Reading& r) {
    return std::tie(r.kind, r.precision, r.start, r.end, r.rrule, r.approximate, r.ambiguous,
                    r.open_end);
  };
  if (shape(a) != shape(b) || a.alternatives.size() != b.alternatives.size() ||
      a.items.size() != b.items.size())
    return false;
  for (size_t i = 0; i < a.alternatives.size(); ++i)
    if (!same_reading(a.alternatives[i], b.alternatives[i])) return false;
  for (size_t i = 0; i < a.items.size(); ++i)
    if (!same_reading(a.items[i], b.items[i])) return false;
  return true;
}

const Plan& bundled_plan() {
  static const LoadResult result = load_plan_file(kPlanFile);
  REQUIRE_MESSAGE(result.plan.has_value(),
                  (result.errors.empty() ? "" : result.errors.front().to_string()));
  return *result.plan;
}

std::vector<std::string> strings_at(const toml::table& table, const std::string& section,
                                    const std::string& key) {
  std::vector<std::string> out;
  if (const auto* array = table[section][key].as_array())
    for (const auto& element : *array) out.push_back(element.value_or(std::string()));
  return out;
}

}  // namespace

TEST_CASE("bundled plan: every measure and task-table row is an item") {
  const Plan& plan = bundled_plan();
  CHECK(plan.id == "jinshan-2023");
  CHECK(plan.document_number == "金发改规〔2023〕1号");
  std::map<ItemKind, int> kinds;
  for (const auto& item : plan.items) ++kinds[item.kind];
  CHECK(kinds[ItemKind::kMeasure] == 25);
  CHECK(kinds[ItemKind::kPolicy] == 23);
  CHECK(kinds[ItemKind::kProject] == 26);
  for (const auto& item : plan.items) {
    CAPTURE(item.id);
    REQUIRE_FALSE(item.units.empty());
    for (const auto& unit : item.units) CHECK(plan.find_unit(unit) != nullptr);
  }
}

TEST_CASE("bundled plan: activities per row match the hand count") {
  const Plan& plan = bundled_plan();
  for (const auto& item : plan.items) {
    CAPTURE(item.id);
    auto expected = kHandCount.find(item.id);
    CHECK(item.activities.size() == (expected == kHandCount.end() ? 0 : expected->second));
  }
}

TEST_CASE("bundled plan: every dated phrase of the task tables produces an activity") {
  const Plan& plan = bundled_plan();
  const toml::table expected = toml::parse_file(kCountsFile);
  size_t phrases_seen = 0;
  for (const auto& item : plan.items) {
    if (item.kind == ItemKind::kMeasure) continue;
    CAPTURE(item.id);
    const std::string& text = item.kind == ItemKind::kProject ? item.schedule_text : item.text;
    Extraction found = extract_phrases(text, {plan.year});
    CHECK(found.unread.empty());
    for (const auto& phrase : found.phrases) {
      const std::string wanted = without_spaces(phrase.phrase);
      if (kNotActivities.count({item.id, wanted})) continue;
      ++phrases_seen;
      CAPTURE(phrase.phrase);
      const bool covered = std::any_of(
          item.activities.begin(), item.activities.end(), [&](const Activity& activity) {
            const std::string when = without_spaces(activity.source_phrase);
            return when.find(wanted) != std::string::npos || wanted.find(when) != std::string::npos;
          });
      CHECK(covered);
    }
    // The data file's `when`s are exactly the phrases counted by hand for the row.
    std::set<std::string> whens, listed;
    for (const auto& activity : item.activities) whens.insert(activity.source_phrase);
    for (const char* section : {"phrases", "text_phrases", "target_phrases"})
      for (const auto& phrase : strings_at(expected, section, item.id)) listed.insert(phrase);
    CHECK(whens == listed);
  }
  CHECK(phrases_seen >= 50);
}

TEST_CASE("bundled plan: hedges and precision survive loading") {
  const Plan& plan = bundled_plan();
  auto activity_with = [&](std::string_view phrase) -> const Activity& {
    for (const auto& item : plan.items)
      for (const auto& activity : item.activities)
        if (without_spaces(activity.source_phrase) == phrase) return activity;
    FAIL("no activity with phrase " << phrase);
    throw std::logic_error("unreachable");
  };
  const Activity& q2 = activity_with("第二季度");
  CHECK(q2.schedule.precision == Precision::kQuarter);
  CHECK(to_iso(q2.schedule.start) == "2023-04-01");
  CHECK(to_iso(q2.schedule.end) == "2023-06-30");
  const Activity& may = activity_with("5月前后");
  CHECK(may.schedule.approximate);
  CHECK(may.schedule.precision == Precision::kMonth);
  const Activity& q3 = activity_with("力争2023年三季度前");
  CHECK(q3.schedule.kind == ReadingKind::kDeadline);
  CHECK(q3.schedule.approximate);
  CHECK(q3.schedule.ambiguous);
  const Activity& fairs = activity_with("2月4日至3月5日，每周六、周日");
  CHECK(fairs.schedule.kind == ReadingKind::kRecurring);
  CHECK(fairs.schedule.rrule.find("BYDAY=SA,SU") != std::string::npos);
}

// The data file's hand-made readings are the gold for the whole seed (main text and both
// tables): the extractor, run on each item's published text (for project rows both
// columns), must find each unpinned activity's phrase with the same reading for at least 98%
// of them. A deadline activity whose phrase is a day ("…最长可延至 2023 年 6 月 30 日")
// agrees with the extractor's deadline by that day.
TEST_CASE("bundled plan: the extractor agrees with the hand-made readings of the whole seed") {
  const Plan& plan = bundled_plan();
  int gold = 0;
  int agreed = 0;
  for (const auto& item : plan.items) {
    std::vector<FoundPhrase> found = extract_phrases(item.text, {plan.year}).phrases;
    if (item.kind == ItemKind::kProject) {
      const auto more = extract_phrases(item.schedule_text, {plan.year}).phrases;
      found.insert(found.end(), more.begin(), more.end());
    }
    for (const auto& activity : item.activities) {
      if (activity.pinned) continue;
      ++gold;
      const std::string when = without_spaces(activity.source_phrase);
      Reading expected = activity.schedule;
      if (activity.category == Category::kDeadline && expected.kind == ReadingKind::kDate &&
          expected.precision == Precision::kDay)
        expected.kind = ReadingKind::kDeadline;
      const bool same = std::any_of(found.begin(), found.end(), [&](const FoundPhrase& f) {
        const std::string phrase = without_spaces(f.phrase);
        const bool where =
            phrase.find(when) != std::string::npos || when.find(phrase) != std::string::npos;
        return where &&
               (same_reading(f.reading, activity.schedule) || same_reading(f.reading, expected));
      });
      if (!same) MESSAGE("differs: " << item.id << " " << activity.source_phrase);
      agreed += same ? 1 : 0;
    }
  }
  MESSAGE("seed agreement: " << agreed << "/" << gold);
  CHECK(gold >= 50);
  CHECK(agreed * 100 >= gold * 98);
}
