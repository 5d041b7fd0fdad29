#include "daemon/admin/admin_command_support.hpp"

#include <algorithm>

#include "calendar/model/category.hpp"
#include "calendar/model/time_format.hpp"

namespace plancal::daemon::admin {

using calendar::kChinaOffsetMinutes;
using nlohmann::json;

namespace {

// The value as the caller wrote it, shortened for an error message.
std::string shown(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

[[noreturn]] void wrong_type(const std::string& name, const std::string& expected,
                             const json& value) {
  throw CommandError(admin_error::kBadArgument,
                     "\"" + name + "\" must be " + expected + ", not " + shown(value));
}

}  // namespace

CommandArgs::CommandArgs(const json& args, const std::set<std::string>& known) : args_(args) {
  for (const auto& [name, unused] : args_.items()) {
    if (known.count(name) == 0) {
      std::string names;
      for (const auto& k : known) names += (names.empty() ? "" : ", ") + k;
      throw CommandError(admin_error::kBadArgument,
                         "unknown argument \"" + name +
                             "\" (known: " + (names.empty() ? std::string("none") : names) + ")");
    }
  }
}

std::optional<std::string> CommandArgs::text(const std::string& name) const {
  const auto it = args_.find(name);
  if (it == args_.end() || it->is_null()) return std::nullopt;
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    wrong_type(name, "a non-empty string", *it);
  }
  return it->get<std::string>();
}

std::string CommandArgs::required_text(const std::string& name) const {
  auto value = text(name);
  if (!value) throw CommandError(admin_error::kBadArgument, "\"" + name + "\" is required");
  return *value;
}

std::optional<int> CommandArgs::integer(const std::string& name, int min, int max) const {
  const auto it = args_.find(name);
  if (it == args_.end() || it->is_null()) return std::nullopt;
  const std::string expected =
      "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (!it->is_number_integer()) wrong_type(name, expected, *it);
  if (it->is_number_unsigned()) {
    const auto value = it->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(max)) wrong_type(name, expected, *it);
    return static_cast<int>(value);
  }
  const auto value = it->get<std::int64_t>();
  if (value < min || value > max) wrong_type(name, expected, *it);
  return static_cast<int>(value);
}

std::optional<calendar::Date> CommandArgs::date(const std::string& name) const {
  const auto it = args_.find(name);
  if (it == args_.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) {
    if (auto d = calendar::parse_iso_date(it->get_ref<const std::string&>())) return d;
  }
  wrong_type(name, "a date \"YYYY-MM-DD\"", *it);
}

std::optional<calendar::TimePoint> CommandArgs::instant(const std::string& name) const {
  const auto it = args_.find(name);
  if (it == args_.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) {
    if (auto t =
            calendar::parse_iso_instant(it->get_ref<const std::string&>(), kChinaOffsetMinutes)) {
      return t;
    }
  }
  wrong_type(name, "a date or time \"YYYY-MM-DD[THH:MM]\"", *it);
}

std::shared_ptr<const DataSnapshot> CommandContext::snapshot() const {
  auto current = control.snapshot();
  if (!current) throw CommandError(admin_error::kNotReady, "the daemon has no data loaded yet");
  return current;
}

const PlanData& select_plan(const DataSnapshot& snapshot, const CommandArgs& args,
                            const std::function<bool(const calendar::Plan&)>& has,
                            const std::string& what) {
  if (auto id = args.text("plan")) {
    if (const PlanData* data = snapshot.find_plan(*id)) return *data;
    throw CommandError(admin_error::kNotFound, "no plan \"" + *id + "\"");
  }
  std::vector<const PlanData*> matches;
  for (const auto& data : snapshot.plans) {
    if (has(data.plan)) matches.push_back(&data);
  }
  if (matches.size() == 1) return *matches.front();
  if (matches.empty()) throw CommandError(admin_error::kNotFound, "no plan has " + what);
  std::string ids;
  for (const auto* data : matches) ids += (ids.empty() ? "" : ", ") + data->plan.id;
  throw CommandError(admin_error::kBadArgument,
                     "several plans have " + what + ": give \"plan\" (" + ids + ")");
}

const calendar::Item& require_item(const calendar::Plan& plan, const std::string& item_id) {
  const calendar::Item* item = plan.find_item(item_id);
  if (item == nullptr) {
    throw CommandError(admin_error::kNotFound,
                       "plan \"" + plan.id + "\" has no item \"" + item_id + "\"");
  }
  return *item;
}

const calendar::Unit& require_unit(const calendar::Plan& plan, const std::string& unit_id) {
  const calendar::Unit* unit = plan.find_unit(unit_id);
  if (unit == nullptr) {
    throw CommandError(admin_error::kNotFound,
                       "plan \"" + plan.id + "\" has no unit \"" + unit_id + "\"");
  }
  return *unit;
}

json instant_json(calendar::TimePoint t) {
  return calendar::format_iso_instant(t, kChinaOffsetMinutes);
}

json instant_json(const std::optional<calendar::TimePoint>& t) {
  return t ? instant_json(*t) : json(nullptr);
}

calendar::Date local_date(calendar::TimePoint t) {
  return calendar::local_date(t, kChinaOffsetMinutes);
}

calendar::TimePoint local_midnight(calendar::Date d) {
  return calendar::local_midnight(d, kChinaOffsetMinutes);
}

json activity_json(const PlanData& plan, const calendar::StoredActivity& stored) {
  const calendar::Activity& a = stored.activity;
  const auto& units = plan.plan.units_of(a);
  json names = json::array();
  for (const auto& id : units) names.push_back(plan.plan.unit_name(id));
  return {{"plan", stored.plan_id},
          {"item", a.item_id},
          {"key", a.key},
          {"uid", stored.uid},
          {"sequence", stored.sequence},
          {"title", a.title},
          {"category", calendar::to_string(a.category)},
          {"category_name", calendar::display_name(a.category)},
          {"start", calendar::to_iso(a.schedule.start)},
          {"end", calendar::to_iso(a.schedule.end)},
          {"phrase", a.source_phrase},
          {"location", a.location},
          {"public", a.is_public},
          {"units", units},
          {"unit_names", std::move(names)}};
}

json outbox_entry_json(const DataSnapshot& snapshot, const calendar::OutboxEntry& e) {
  const PlanData* data = snapshot.find_plan(e.plan_id);
  const std::string name = data != nullptr ? data->plan.unit_name(e.key.unit_id) : e.key.unit_id;
  return {{"key", e.key.to_string()},
          {"plan", e.plan_id},
          {"item", e.item_id},
          {"unit", e.key.unit_id},
          {"unit_name", name},
          {"about_unit", e.about_unit},
          {"channel", e.key.channel},
          {"kind", calendar::to_string(e.key.kind)},
          {"lead_days", e.key.lead_days},
          {"occurrence", calendar::to_iso(e.key.occurrence)},
          {"send_at", instant_json(e.send_at)},
          {"due_at", instant_json(e.due_at)},
          {"state", calendar::to_string(e.state)},
          {"attempts", e.attempts},
          {"next_attempt_at", instant_json(e.next_attempt_at)},
          {"snoozed_until", instant_json(e.snoozed_until)},
          {"sent_at", instant_json(e.sent_at)},
          {"late", e.late},
          {"last_error", e.last_error},
          {"message_id", e.message_id}};
}

}  // namespace plancal::daemon::admin
