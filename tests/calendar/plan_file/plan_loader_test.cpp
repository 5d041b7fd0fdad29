#include "calendar/plan_file/plan_loader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "calendar/model/diagnostic_sink.hpp"
#include "calendar/plan_file/toml_limits.hpp"
#include "tests/support/bundled_holidays.hpp"

using namespace plancal::calendar;
namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(PLANCAL_SOURCE_DIR) / "tests" / "fixtures" / "plans";

LoadResult load_fixture(const std::string& name) { return load_plan_file(kFixtures / name); }

// The one diagnostic of a broken fixture, checked to come from that file.
Diagnostic only_error(const LoadResult& result, const std::string& name) {
  CHECK_FALSE(result.plan.has_value());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].file == (kFixtures / name).string());
  return result.errors[0];
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// A fresh directory under the system temp directory, removed at scope exit.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::temp_directory_path() / ("plancal-loader-test-" + name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("load: a plan whose readings are all pinned maps every field") {
  const LoadResult result = load_fixture("pinned_only.toml");
  REQUIRE(result.errors.empty());
  REQUIRE(result.plan.has_value());
  const Plan& plan = *result.plan;
  CHECK(plan.id == "pinned-only");
  CHECK(plan.year == 2023);
  CHECK(plan.timezone == "Asia/Shanghai");
  CHECK(to_iso(plan.effective_until) == "2023-12-31");
  REQUIRE(plan.units.size() == 1);
  CHECK(plan.units[0].escalation_unit == "fgw");  // defaults to plan.escalation_unit
  REQUIRE(plan.items.size() == 1);
  REQUIRE(plan.items[0].activities.size() == 1);
  const Activity& activity = plan.items[0].activities[0];
  CHECK(activity.key == "a1.1");
  CHECK(activity.item_id == "a1");
  CHECK(activity.pinned);
  CHECK(activity.source_phrase == "5月");
  CHECK(activity.schedule.phrase == "5月");
  CHECK(activity.schedule.precision == Precision::kMonth);
  CHECK(to_iso(activity.schedule.end) == "2023-05-31");
  CHECK(activity.units == std::vector<std::string>{"fgw"});
  CHECK(activity.is_public);
}

TEST_CASE("load: minimal.toml, with parsed phrases and pins") {
  const LoadResult result = load_fixture("minimal.toml");
  for (const auto& e : result.errors) MESSAGE(e.to_string());
  REQUIRE(result.plan.has_value());
  const Plan& plan = *result.plan;
  CHECK(plan.units.size() == 2);
  REQUIRE(plan.items.size() == 3);
  CHECK(plan.activity_count() == 4);
  const Item& policy = plan.items[1];
  REQUIRE(policy.policy.has_value());
  CHECK(policy.policy->channel == "线上办理");
  CHECK(policy.policy->instant == std::optional<bool>(true));
  const Activity& deadline = plan.items[0].activities[0];
  CHECK(deadline.schedule.kind == ReadingKind::kDeadline);
  CHECK(deadline.is_public);  // an activity of a public plan is public, deadlines too
  CHECK(deadline.units == std::vector<std::string>{"rsj", "fgw"});
  const Activity& window = plan.items[1].activities[0];
  CHECK(window.key == "p1.1");
  CHECK_FALSE(window.pinned);
  CHECK(to_iso(window.schedule.start) == "2023-05-01");
  CHECK(to_iso(window.schedule.end) == "2023-05-31");
  const Activity& second_fair = plan.items[2].activities[1];
  CHECK(second_fair.key == "a1.2");
  CHECK(second_fair.units == std::vector<std::string>{"fgw"});
  CHECK_FALSE(second_fair.is_public);
  CHECK(to_iso(second_fair.schedule.start) == "2023-02-02");
}

// pinned_only.toml with its reading (line 29) replaced.
LoadResult load_with_reading(const std::string& reading) {
  std::ifstream in(kFixtures / "pinned_only.toml");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const size_t start = text.find("reading = ");
  text.replace(start, text.find('\n', start) - start, "reading = " + reading);
  return load_plan_text(text, "pinned.toml");
}

TEST_CASE("load: pinned readings of every shape") {
  LoadResult result = load_with_reading(
      R"({ kind = "recurring", start = 2023-05-06, end = 2023-05-28, precision = "day", )"
      R"(rrule = "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230528", approximate = true })");
  REQUIRE(result.plan.has_value());
  Reading reading = result.plan->items[0].activities[0].schedule;
  CHECK(reading.kind == ReadingKind::kRecurring);
  CHECK(reading.rrule == "FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20230528");
  CHECK(reading.approximate);

  result = load_with_reading(
      R"({ kind = "list", start = 2023-05-01, end = 2023-05-31, precision = "day", items = [)"
      R"({ kind = "date", start = 2023-05-06, end = 2023-05-06, precision = "day" }, )"
      R"({ kind = "date", start = 2023-05-20, end = 2023-05-20, precision = "day" }] })");
  REQUIRE(result.plan.has_value());
  reading = result.plan->items[0].activities[0].schedule;
  REQUIRE(reading.items.size() == 2);
  CHECK(to_iso(reading.items[1].start) == "2023-05-20");

  result = load_with_reading(
      R"({ kind = "open_start", start = 2023-05-01, end = 2023-12-31, precision = "month" })");
  REQUIRE(result.plan.has_value());
  CHECK(result.plan->items[0].activities[0].schedule.open_end);
}

TEST_CASE("load: a pinned reading is checked") {
  // All messages, each of which must be on the reading's line.
  const auto error_of = [](const std::string& reading) {
    const LoadResult result = load_with_reading(reading);
    CHECK_FALSE(result.plan.has_value());
    CHECK_FALSE(result.errors.empty());
    std::string messages;
    for (const Diagnostic& e : result.errors) {
      CHECK(e.line == 29);
      messages += e.message + "\n";
    }
    return messages;
  };
  CHECK(contains(error_of(R"({ kind = "week", start = 2023-05-01, end = 2023-05-01, )"
                          R"(precision = "day" })"),
                 "unknown reading kind"));
  CHECK(contains(error_of(R"({ kind = "deadline", start = 2023-05-01, end = 2023-05-31, )"
                          R"(precision = "day" })"),
                 "start = end"));
  CHECK(contains(error_of(R"({ kind = "recurring", start = 2023-05-01, end = 2023-05-31, )"
                          R"(precision = "day" })"),
                 "needs an rrule"));
  CHECK(contains(error_of(R"({ kind = "date", start = 2023-05-01, end = 2023-05-31, )"
                          R"(precision = "month", rrule = "FREQ=DAILY" })"),
                 "only a recurring reading"));
  CHECK(contains(error_of(R"({ kind = "list", start = 2023-05-01, end = 2023-05-31, )"
                          R"(precision = "day", items = [{ kind = "date", start = 2023-06-01, )"
                          R"(end = 2023-06-01, precision = "day" }] })"),
                 "outside the list"));
  CHECK(contains(error_of(R"({ kind = "date", start = "2023-05-01", end = 2023-05-31, )"
                          R"(precision = "month" })"),
                 "must be a date"));
  const std::string typo =
      error_of(R"({ kind = "date", start = 2023-05-01, end = 2023-05-31, precison = "month" })");
  CHECK(contains(typo, "missing required key 'precision'"));
  CHECK(contains(typo, "'a1.1' (did you mean 'precision'?)"));
}

TEST_CASE("load: each broken fixture names file:line and the offending value") {
  struct Case {
    std::string file;
    int line;
    std::string value;
    std::string message_part;
  };
  const Case cases[] = {
      {"unknown_unit.toml", 23, "rsj", "unknown unit"},
      {"unknown_escalation_unit.toml", 11, "xyz", "unknown unit in [plan] escalation_unit"},
      {"bad_date_in_phrase.toml", 28, "2月30日", "schedule phrase not understood"},
      {"empty_when.toml", 28, "", "empty schedule phrase"},
      {"when_not_in_text.toml", 28, "6月", "does not occur in the item's text"},
      {"unknown_key_typo.toml", 29, "loction", "did you mean 'location'?"},
      {"duplicate_item_id.toml", 33, "a1", "duplicate item id (first defined at line 18)"},
      {"bad_category.toml", 27, "festival", "unknown category"},
      {"pin_without_reason.toml", 29, "", "needs a pin_reason"},
      {"reading_ends_before_start.toml", 29, "2023-05-01", "ends before it starts"},
      {"bad_item_id.toml", 18, "A1", "a-z, 0-9"},
      {"year_as_string.toml", 10, "2023", "'year' in [plan] must be an integer, not a string"},
      {"invalid_syntax.toml", 4, "", "invalid TOML"},
      {"unknown_timezone.toml", 11, "Europe/Berlin", "zones of China Standard Time only"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const Diagnostic error = only_error(load_fixture(c.file), c.file);
    CAPTURE(error.to_string());
    CHECK(error.line == c.line);
    CHECK(error.value == c.value);
    CHECK(contains(error.message, c.message_part));
  }
}

TEST_CASE("load: columns point at the offending element") {
  const Diagnostic error = only_error(load_fixture("unknown_unit.toml"), "unknown_unit.toml");
  CHECK(error.column == 17);  // units = ["fgw", "rsj"]
  CHECK(error.to_string() == (kFixtures / "unknown_unit.toml").string() +
                                 ":23:17: 'rsj': unknown unit in [[items]] 'a1' units: no "
                                 "[[units]] entry has this id");
}

TEST_CASE("load: every error is reported, in file order, and no plan") {
  const std::string text = R"([plan]
id = "Bad Id"
title = 5
year = 2023
escalation_unit = "nobody"
colour = "blue"
)";
  const LoadResult result = load_plan_text(text, "inline.toml");
  CHECK_FALSE(result.plan.has_value());
  // Missing issuer, document_number and the three dates (line 1), the id (2), title (3),
  // the unknown unit (5) and the unknown key (6).
  REQUIRE(result.errors.size() == 9);
  CHECK(result.errors[0].line == 1);
  CHECK(result.errors[5].line == 2);
  CHECK(result.errors[6].line == 3);
  CHECK(result.errors[7].line == 5);
  CHECK(result.errors[7].value == "nobody");
  CHECK(result.errors[8].line == 6);
  CHECK(result.errors[8].value == "colour");
  for (const Diagnostic& e : result.errors) CHECK(e.file == "inline.toml");
}

TEST_CASE("load: hostile input gives errors, not crashes or stalls") {
  const auto fails = [](const std::string& text) {
    const LoadResult result = load_plan_text(text, "hostile.toml");
    CHECK_FALSE(result.plan.has_value());
    CHECK_FALSE(result.errors.empty());
    CHECK(result.errors.size() <= kMaxDiagnostics + 1);
    return result.errors.empty() ? Diagnostic{} : result.errors.front();
  };
  CHECK(contains(fails("").message, "missing required key 'plan'"));
  fails(std::string("\x00\xff\xfe[[\x80garbage\x01", 14));
  CHECK(contains(fails("text = \"" + std::string(10 << 20, 'x') + "\"\n").message, "too large"));
  CHECK(contains(fails("text = \"" + std::string(1 << 20, 'x') + "\"\n").message,
                 "line is too long"));
  std::string deep_header = "[a";
  for (int i = 0; i < 100000; ++i) deep_header += ".a";
  CHECK(contains(fails(deep_header + "]\n").message, "nested too deeply"));
  std::string deep_inline = "x = ";
  for (int i = 0; i < 2000; ++i) deep_inline += "[";
  fails(deep_inline + "\n");
  std::string huge_array = "[plan]\nescalation_unit = \"x\"\n[[items]]\nunits = [";
  for (int i = 0; i < 200000; ++i) huge_array += "\"u\",\n";
  fails(huge_array + "]\n");
  CHECK(contains(fails(std::string(kMaxPlanFileBytes + 1, '#')).message, "too large"));
}

TEST_CASE("load: dots inside strings and comments do not count as key nesting") {
  std::string text = R"(# ...................................................
[plan]
id = "p"
title = "..................................................."
issuer = '''.......................................................'''
document_number = """...
......................................................"""
published = 2023-02-13
effective_from = 2023-02-13
effective_until = 2023-12-31
year = 2023
escalation_unit = "fgw"
[[units]]
id = "fgw"
name = "x"
)";
  const LoadResult result = load_plan_text(text, "dots.toml");
  for (const auto& e : result.errors) MESSAGE(e.to_string());
  CHECK(result.plan.has_value());
}

TEST_CASE("load: a missing file is an error naming it") {
  const LoadResult result = load_plan_file(kFixtures / "no-such-plan.toml");
  CHECK_FALSE(result.plan.has_value());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].file == (kFixtures / "no-such-plan.toml").string());
}

TEST_CASE("load: plans directory, sorted by file name, plan ids unique across files") {
  std::ifstream in(kFixtures / "pinned_only.toml");
  const std::string pinned((std::istreambuf_iterator<char>(in)), {});
  std::string other = pinned;
  other.replace(other.find("pinned-only"), 11, "another-one");

  TempDir dir("dir");
  write_file(dir.path() / "plans" / "b.toml", pinned);
  write_file(dir.path() / "plans" / "a.toml", other);
  write_file(dir.path() / "plans" / "notes.txt", "not a plan");
  DataSetLoad loaded = load_plans_dir(dir.path());
  CHECK(loaded.errors.empty());
  REQUIRE(loaded.plans.size() == 2);
  CHECK(loaded.plans[0].id == "another-one");
  CHECK(loaded.plans[1].id == "pinned-only");

  write_file(dir.path() / "plans" / "c.toml", pinned);
  loaded = load_plans_dir(dir.path());
  REQUIRE(loaded.errors.size() == 1);
  const Diagnostic& error = loaded.errors[0];
  CHECK(error.file == (dir.path() / "plans" / "c.toml").string());
  CHECK(error.line == 3);
  CHECK(error.value == "pinned-only");
  CHECK(contains(error.message, (dir.path() / "plans" / "b.toml").string() + ":3"));
  CHECK(loaded.plans.size() == 2);

  write_file(dir.path() / "plans" / "d.toml", "[plan\n");
  loaded = load_plans_dir(dir.path());
  CHECK(loaded.errors.size() == 2);  // the duplicate and d.toml's syntax error
}

TEST_CASE("load: a missing plans directory is an error") {
  TempDir dir("missing");
  const DataSetLoad loaded = load_plans_dir(dir.path());
  CHECK(loaded.plans.empty());
  REQUIRE(loaded.errors.size() == 1);
  CHECK(contains(loaded.errors[0].message, "no such directory"));
}

TEST_CASE("load: <festival>期间 reads as the statutory holiday of the holiday files") {
  std::ifstream in(std::string(PLANCAL_SOURCE_DIR) + "/tests/fixtures/plans/lunar_timed.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string from = "中秋节举办赏月诗会。";
  const std::string to = "国庆节期间举办赏月诗会。";
  text.replace(text.find(from), from.size(), to);
  text.replace(text.find("when = \"中秋节\""), std::string("when = \"中秋节\"").size(),
               "when = \"国庆节期间\"");
  const LoadResult with =
      load_plan_text(text, "festival.toml", &plancal::testing::bundled_holidays());
  REQUIRE(with.errors.empty());
  const Reading& holiday = with.plan->items[1].activities[2].schedule;
  CHECK(holiday.kind == ReadingKind::kSpan);
  CHECK(to_iso(holiday.start) == "2024-10-01");
  CHECK(to_iso(holiday.end) == "2024-10-07");
  const LoadResult without = load_plan_text(text, "festival.toml");
  REQUIRE(without.errors.empty());
  CHECK(without.plan->items[1].activities[2].schedule.approximate);
}

TEST_CASE("load: a plan that is not public keeps its activities out of public feeds") {
  std::ifstream in(kFixtures / "pinned_only.toml");
  const std::string original((std::istreambuf_iterator<char>(in)), {});
  std::string text = original;
  const size_t header = text.find("[plan]\n");
  REQUIRE(header != std::string::npos);
  text.insert(header + 7, "public = false\n");
  LoadResult result = load_plan_text(text, "internal.toml");
  for (const auto& e : result.errors) MESSAGE(e.to_string());
  REQUIRE(result.plan.has_value());
  CHECK_FALSE(result.plan->is_public);
  CHECK_FALSE(result.plan->items[0].activities[0].is_public);
  // an activity may still say it is public
  const size_t when = text.find("when = ");
  text.insert(when, "public = true\n");
  result = load_plan_text(text, "internal.toml");
  REQUIRE(result.plan.has_value());
  CHECK(result.plan->items[0].activities[0].is_public);
  // and the default plan is public
  CHECK(load_plan_text(original, "public.toml").plan->is_public);
}

namespace {

// pinned_only.toml with `webhooks` (TOML text) added to its unit fgw.
LoadResult load_with_webhooks(const std::string& webhooks) {
  std::ifstream in(kFixtures / "pinned_only.toml");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const std::string unit = "name = \"区发改委\"\n";
  text.insert(text.find(unit) + unit.size(), webhooks);
  return load_plan_text(text, "webhooks.toml");
}

}  // namespace

TEST_CASE("load: a unit's chat robots, as inline tables or [[units.webhooks]]") {
  const LoadResult result = load_with_webhooks(
      "webhooks = [\n"
      "  { id = \"group\", kind = \"wecom\", url = \"https://qyapi.weixin.qq.com/cgi-bin/webhook/"
      "send?key=k\" },\n"
      "  { id = \"ding\", kind = \"dingtalk\", url = \"https://oapi.dingtalk.com/robot/"
      "send?access_token=t\", secret = \"SECx\" },\n"
      "]\n");
  REQUIRE(result.errors.empty());
  const Unit& unit = *result.plan->find_unit("fgw");
  REQUIRE(unit.webhooks.size() == 2);
  CHECK(unit.webhooks[0] == Webhook{"group", RobotKind::kWecom,
                                    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", ""});
  CHECK(unit.webhooks[1].kind == RobotKind::kDingtalk);
  CHECK(unit.webhooks[1].secret == "SECx");
  CHECK(unit.find_webhook("ding") == &unit.webhooks[1]);
  CHECK(unit.find_webhook("nope") == nullptr);
}

TEST_CASE("load: a bad chat robot is named with its line and the value at fault") {
  auto error_of = [](const std::string& webhooks) {
    const LoadResult result = load_with_webhooks(webhooks);
    CHECK_FALSE(result.plan.has_value());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].file == "webhooks.toml");
    CHECK(result.errors[0].line == 16);
    return result.errors[0];
  };
  Diagnostic e = error_of("webhooks = [{ id = \"g\", kind = \"slack\", url = \"https://x\" }]\n");
  CHECK(e.value == "slack");
  CHECK(contains(e.message, "wecom, dingtalk or feishu"));
  e = error_of("webhooks = [{ id = \"g\", kind = \"feishu\", url = \"ftp://x\" }]\n");
  CHECK(e.value == "ftp://x");
  e = error_of(
      "webhooks = [{ id = \"g\", kind = \"wecom\", url = \"https://x\", secret = \"s\" }]\n");
  CHECK(contains(e.message, "WeCom robot has no signing secret"));
  e = error_of(
      "webhooks = [{ id = \"g\", kind = \"wecom\", url = \"https://x\" }, "
      "{ id = \"g\", kind = \"feishu\", url = \"https://y\" }]\n");
  CHECK(e.value == "g");
  CHECK(contains(e.message, "used twice"));
  e = error_of("webhooks = [{ id = \"g\", kind = \"wecom\" }]\n");
  CHECK(contains(e.message, "url"));
}
