#include "calendar/plan_file/plan_toml.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "calendar/model/local_time.hpp"
#include "calendar/phrase/schedule_parser.hpp"
#include "calendar/plan_file/plan_validator.hpp"
#include "calendar/plan_file/toml_fields.hpp"
#include "calendar/plan_file/toml_reading.hpp"

namespace plancal::calendar {
namespace {

constexpr size_t kMaxTimezoneBytes = 64;

// "a@b": enough to catch a name or phone number in the emails list.
bool looks_like_email(std::string_view email) {
  const size_t at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string_view::npos;
}

bool occurs_in(std::string_view needle, std::string_view haystack) {
  // memmem (POSIX 2024, glibc's two-way search) is linear; std::string_view::find is not,
  // and up to kMaxActivitiesPerItem phrases are looked up in texts of kMaxStringBytes.
  return memmem(haystack.data(), haystack.size(), needle.data(), needle.size()) != nullptr;
}

std::string quoted(std::string_view id) { return "'" + std::string(id) + "'"; }

class PlanMapper {
 public:
  PlanMapper(DiagnosticSink& sink, const HolidayCalendar* holidays)
      : sink_(sink), holidays_(holidays) {}

  std::optional<Plan> map(const toml::table& root, SourcePosition* id_position);

 private:
  void read_header(const toml::table& table, Plan& plan, SourcePosition* id_position);
  std::optional<Unit> read_unit(const toml::table& table, size_t index);
  std::optional<Webhook> read_webhook(const toml::table& table, const std::string& of);
  std::optional<Item> read_item(const toml::table& table, size_t index);
  std::optional<PolicyDetails> read_policy(const toml::table& table, const std::string& of);
  std::optional<Activity> read_activity(const toml::table& table, const Item& item, size_t n);
  // Reads `key` as unit ids that `what` refers to.
  std::optional<std::vector<std::string>> unit_ids(TableReader& reader, std::string_view key,
                                                   Presence presence, const std::string& what);

  DiagnosticSink& sink_;
  const HolidayCalendar* holidays_;
  ReferenceChecker references_;
  int year_ = 0;                // 0 until a valid plan year is read
  bool plan_is_public_ = true;  // [plan] public: the default of its activities
};

std::optional<Plan> PlanMapper::map(const toml::table& root, SourcePosition* id_position) {
  const size_t errors_before = sink_.count();
  TableReader reader(root, "the file", sink_);
  Plan plan;
  if (const toml::table* header = reader.table("plan", Presence::kRequired))
    read_header(*header, plan, id_position);
  if (const toml::array* units = reader.tables("units", Presence::kOptional)) {
    for (size_t i = 0; i < units->size(); ++i)
      if (auto unit = read_unit(*(*units)[i].as_table(), i)) plan.units.push_back(*unit);
  }
  if (const toml::array* items = reader.tables("items", Presence::kOptional)) {
    for (size_t i = 0; i < items->size(); ++i)
      if (auto item = read_item(*(*items)[i].as_table(), i)) plan.items.push_back(*item);
  }
  reader.report_unknown_keys();
  for (Unit& unit : plan.units)
    if (unit.escalation_unit.empty()) unit.escalation_unit = plan.escalation_unit;
  references_.check(sink_);
  if (sink_.count() != errors_before) return std::nullopt;
  return plan;
}

void PlanMapper::read_header(const toml::table& table, Plan& plan, SourcePosition* id_position) {
  TableReader reader(table, "[plan]", sink_);
  if (auto id = reader.id("id", Presence::kRequired)) {
    plan.id = id->text;
    if (id_position != nullptr) *id_position = id->where;
  }
  plan.title = reader.string("title", Presence::kRequired).value_or("");
  plan.issuer = reader.string("issuer", Presence::kRequired).value_or("");
  plan.document_number = reader.string("document_number", Presence::kRequired).value_or("");
  plan.published = reader.date("published", Presence::kRequired).value_or(Date{});
  const auto from = reader.date("effective_from", Presence::kRequired);
  const auto until = reader.date("effective_until", Presence::kRequired);
  if (from && until && *from > *until)
    sink_.add(reader.where("effective_until"), to_iso(*until),
              "effective_until is before effective_from (" + to_iso(*from) + ")");
  plan.effective_from = from.value_or(Date{});
  plan.effective_until = until.value_or(Date{});
  if (auto timezone = reader.string("timezone", Presence::kOptional)) {
    if (!is_timezone_name(*timezone))
      sink_.add(reader.where("timezone"), *timezone,
                "not a time zone name such as \"Asia/Shanghai\"");
    else if (!zone_offset_minutes(*timezone))
      sink_.add(reader.where("timezone"), *timezone,
                "plancal knows the zones of China Standard Time only (Asia/Shanghai, "
                "Asia/Chongqing, Asia/Harbin, Asia/Hong_Kong, Asia/Macau, Asia/Taipei, PRC)");
    else
      plan.timezone = *timezone;
  }
  if (auto year = reader.integer("year", Presence::kRequired)) {
    if (*year < kMinPlanYear || *year > kMaxPlanYear)
      sink_.add(reader.where("year"), std::to_string(*year),
                "year must be between " + std::to_string(kMinPlanYear) + " and " +
                    std::to_string(kMaxPlanYear));
    else
      year_ = plan.year = static_cast<int>(*year);
  }
  plan.is_public = plan_is_public_ = reader.boolean("public", Presence::kOptional).value_or(true);
  plan.board_public = reader.boolean("board_public", Presence::kOptional).value_or(false);
  if (auto unit = reader.id("escalation_unit", Presence::kRequired)) {
    plan.escalation_unit = unit->text;
    references_.refer_to_unit(unit->text, unit->where, "[plan] escalation_unit");
  }
  reader.report_unknown_keys();
}

std::optional<std::vector<std::string>> PlanMapper::unit_ids(TableReader& reader,
                                                             std::string_view key,
                                                             Presence presence,
                                                             const std::string& what) {
  auto ids = reader.ids(key, presence);
  if (!ids) return std::nullopt;
  std::vector<std::string> out;
  for (const LocatedString& id : *ids) {
    references_.refer_to_unit(id.text, id.where, what);
    out.push_back(id.text);
  }
  return out;
}

std::optional<Unit> PlanMapper::read_unit(const toml::table& table, size_t index) {
  const size_t errors_before = sink_.count();
  TableReader reader(table, "[[units]] #" + std::to_string(index + 1), sink_);
  Unit unit;
  if (auto id = reader.id("id", Presence::kRequired)) {
    unit.id = id->text;
    references_.declare_unit(id->text, id->where);
  }
  unit.name = reader.string("name", Presence::kRequired).value_or("");
  unit.full_name = reader.string("full_name", Presence::kOptional).value_or("");
  unit.aliases =
      reader.strings("aliases", Presence::kOptional).value_or(std::vector<std::string>{});
  unit.phones = reader.strings("phones", Presence::kOptional).value_or(std::vector<std::string>{});
  unit.emails = reader.strings("emails", Presence::kOptional).value_or(std::vector<std::string>{});
  for (const std::string& email : unit.emails)
    if (!looks_like_email(email)) sink_.add(reader.where("emails"), email, "not an email address");
  if (auto escalation = reader.id("escalation", Presence::kOptional)) {
    unit.escalation_unit = escalation->text;
    references_.refer_to_unit(escalation->text, escalation->where,
                              "escalation of unit " + quoted(unit.id));
  }
  if (const toml::array* webhooks = reader.tables("webhooks", Presence::kOptional)) {
    const std::string of = "[[units]] " + quoted(unit.id) + " webhook";
    for (const toml::node& node : *webhooks) {
      std::optional<Webhook> webhook = read_webhook(*node.as_table(), of);
      if (!webhook) continue;
      if (unit.find_webhook(webhook->id) != nullptr)
        sink_.add(position_of(node.source()), webhook->id, of + " id is used twice");
      else
        unit.webhooks.push_back(std::move(*webhook));
    }
  }
  reader.report_unknown_keys();
  if (sink_.count() != errors_before) return std::nullopt;
  return unit;
}

std::optional<Webhook> PlanMapper::read_webhook(const toml::table& table, const std::string& of) {
  const size_t errors_before = sink_.count();
  TableReader reader(table, of, sink_);
  Webhook webhook;
  if (auto id = reader.id("id", Presence::kRequired)) webhook.id = id->text;
  if (auto kind = reader.string("kind", Presence::kRequired);
      kind && !parse_robot_kind(*kind, webhook.kind))
    sink_.add(reader.where("kind"), *kind, of + " kind must be wecom, dingtalk or feishu");
  webhook.url = reader.string("url", Presence::kRequired).value_or("");
  if (!webhook.url.empty() && webhook.url.rfind("https://", 0) != 0 &&
      webhook.url.rfind("http://", 0) != 0)
    sink_.add(reader.where("url"), webhook.url, of + " url must start with https:// or http://");
  webhook.secret = reader.string("secret", Presence::kOptional).value_or("");
  if (!webhook.secret.empty() && webhook.kind == RobotKind::kWecom)
    sink_.add(reader.where("secret"), "", of + ": a WeCom robot has no signing secret");
  reader.report_unknown_keys();
  if (sink_.count() != errors_before) return std::nullopt;
  return webhook;
}

std::optional<Item> PlanMapper::read_item(const toml::table& table, size_t index) {
  const size_t errors_before = sink_.count();
  Item item;
  const std::string number = "[[items]] #" + std::to_string(index + 1);
  TableReader reader(table, number, sink_);
  if (auto id = reader.id("id", Presence::kRequired)) {
    item.id = id->text;
    references_.declare_item(id->text, id->where);
  }
  const std::string name = item.id.empty() ? number : "[[items]] " + quoted(item.id);
  if (auto kind = reader.string("kind", Presence::kRequired);
      kind && !parse_item_kind(*kind, item.kind))
    sink_.add(reader.where("kind"), *kind,
              "unknown item kind; expected measure, policy or project");
  item.section = reader.string("section", Presence::kRequired).value_or("");
  item.number = reader.string("number", Presence::kRequired).value_or("");
  item.title = reader.string("title", Presence::kOptional).value_or("");
  item.text = reader.string("text", Presence::kRequired).value_or("");
  item.schedule_text = reader.string("schedule_text", Presence::kOptional).value_or("");
  item.phones = reader.strings("phones", Presence::kOptional).value_or(std::vector<std::string>{});
  if (auto units = unit_ids(reader, "units", Presence::kRequired, name + " units")) {
    item.units = *units;
    if (units->empty()) sink_.add(reader.where("units"), "", name + " needs at least one unit");
  }
  if (const toml::table* policy = reader.table("policy", Presence::kOptional)) {
    if (item.kind != ItemKind::kPolicy)
      sink_.add(reader.where("policy"), to_string(item.kind),
                "only a policy item has an [items.policy] table");
    else
      item.policy = read_policy(*policy, name);
  }
  if (const toml::array* activities = reader.tables("activities", Presence::kOptional)) {
    if (activities->size() > kMaxActivitiesPerItem)
      sink_.add(reader.where("activities"), "",
                name + " has more than " + std::to_string(kMaxActivitiesPerItem) + " activities");
    else
      for (size_t n = 0; n < activities->size(); ++n)
        if (auto activity = read_activity(*(*activities)[n].as_table(), item, n + 1))
          item.activities.push_back(*activity);
  }
  reader.report_unknown_keys();
  if (sink_.count() != errors_before) return std::nullopt;
  return item;
}

std::optional<PolicyDetails> PlanMapper::read_policy(const toml::table& table,
                                                     const std::string& of) {
  TableReader reader(table, "[items.policy] of " + of, sink_);
  PolicyDetails policy;
  policy.status = reader.string("status", Presence::kRequired).value_or("");
  policy.is_new = reader.boolean("new", Presence::kRequired).value_or(false);
  policy.channel = reader.string("channel", Presence::kRequired).value_or("");
  policy.instant = reader.boolean("instant", Presence::kOptional);
  policy.instant_note = reader.string("instant_note", Presence::kOptional).value_or("");
  reader.report_unknown_keys();
  return policy;
}

std::optional<Activity> PlanMapper::read_activity(const toml::table& table, const Item& item,
                                                  size_t n) {
  const size_t errors_before = sink_.count();
  Activity activity;
  activity.key = item.id + "." + std::to_string(n);
  activity.item_id = item.id;
  const std::string name = "[[items.activities]] " + quoted(activity.key);
  TableReader reader(table, name, sink_);
  activity.title = reader.string("title", Presence::kRequired).value_or("");
  if (auto category = reader.string("category", Presence::kRequired)) {
    if (auto parsed = parse_category(*category))
      activity.category = *parsed;
    else
      sink_.add(reader.where("category"), *category,
                "unknown category; expected job_fair, event, forum, milestone, policy_window "
                "or deadline");
  }
  activity.location = reader.string("location", Presence::kOptional).value_or("");
  activity.is_public = reader.boolean("public", Presence::kOptional).value_or(plan_is_public_);
  activity.units =
      unit_ids(reader, "units", Presence::kOptional, name + " units").value_or(item.units);

  const std::optional<std::string> when = reader.string("when", Presence::kRequired);
  bool phrase_ok = false;
  if (when) {
    activity.source_phrase = *when;
    const SourcePosition at = reader.where("when");
    if (when->find_first_not_of(" \t\r\n") == std::string::npos)
      sink_.add(at, *when, "empty schedule phrase");
    else if (when->size() > kMaxPhraseBytes)
      sink_.add(
          at, *when,
          "schedule phrase is too long (at most " + std::to_string(kMaxPhraseBytes) + " bytes)");
    else if (!occurs_in(*when, item.text) && !occurs_in(*when, item.schedule_text))
      sink_.add(at, *when, "schedule phrase does not occur in the item's text or schedule_text");
    else
      phrase_ok = true;
  }

  const toml::table* pinned = reader.table("reading", Presence::kOptional);
  const std::optional<std::string> pin_reason = reader.string("pin_reason", Presence::kOptional);
  if (pinned != nullptr) {
    activity.pinned = true;
    if (!pin_reason || pin_reason->empty())
      sink_.add(reader.where("reading"), "", "a pinned reading needs a pin_reason");
    if (auto reading = reading_from_toml(*pinned, when.value_or(""), "reading of " + name, sink_))
      activity.schedule = *reading;
  } else if (pin_reason) {
    sink_.add(reader.where("pin_reason"), *pin_reason, "pin_reason without a pinned reading");
  } else if (phrase_ok && year_ != 0) {
    PhraseResult parsed = parse_schedule_phrase(*when, ParseContext{year_, holidays_});
    if (parsed.reading)
      activity.schedule = std::move(*parsed.reading);
    else
      sink_.add(reader.where("when"), *when,
                "schedule phrase not understood: " + parsed.error +
                    " (reword it as the plan writes it, or pin a reading with pin_reason)");
  }
  reader.report_unknown_keys();
  if (sink_.count() != errors_before) return std::nullopt;
  return activity;
}

}  // namespace

bool is_timezone_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxTimezoneBytes || name.front() == '/' ||
      name.back() == '/' || name.find("//") != std::string_view::npos)
    return false;
  const bool letter_first =
      (name.front() >= 'A' && name.front() <= 'Z') || (name.front() >= 'a' && name.front() <= 'z');
  return letter_first && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '/' || c == '_' || c == '-' || c == '+';
         });
}

std::optional<Plan> plan_from_toml(const toml::table& root, DiagnosticSink& sink,
                                   SourcePosition* id_position, const HolidayCalendar* holidays) {
  return PlanMapper(sink, holidays).map(root, id_position);
}

}  // namespace plancal::calendar
