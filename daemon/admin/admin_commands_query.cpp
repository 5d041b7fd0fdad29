// The read-only admin commands: status, plans, units, items, upcoming, show, reminders,
// audit. Shapes: docs/admin-protocol.md.
#include <algorithm>
#include <chrono>
#include <set>

#include "calendar/model/category.hpp"
#include "daemon/admin/admin_command_support.hpp"

namespace plancal::daemon::admin {

using nlohmann::json;

namespace {

constexpr int kDefaultUpcomingDays = 30;
constexpr int kMaxDays = 3660;
constexpr int kDefaultReminderLimit = 200;
constexpr int kMaxReminderLimit = 10000;
constexpr int kDefaultAuditLimit = 50;
constexpr int kMaxAuditLimit = 1000;

std::optional<calendar::Category> category_arg(const CommandArgs& args) {
  auto text = args.text("category");
  if (!text) return std::nullopt;
  auto category = calendar::parse_category(*text);
  if (!category) {
    throw CommandError(admin_error::kBadArgument,
                       "\"category\" must be one of job_fair, event, forum, milestone, "
                       "policy_window, deadline, not \"" +
                           *text + "\"");
  }
  return category;
}

// The plans named by "plan", or all of them.
std::vector<const PlanData*> plans_arg(const DataSnapshot& snapshot, const CommandArgs& args) {
  const auto id = args.text("plan");
  std::vector<const PlanData*> out;
  for (const auto& data : snapshot.plans) {
    if (!id || data.plan.id == *id) out.push_back(&data);
  }
  if (id && out.empty()) throw CommandError(admin_error::kNotFound, "no plan \"" + *id + "\"");
  return out;
}

void check_unit_known(const std::vector<const PlanData*>& plans,
                      const std::optional<std::string>& unit) {
  if (!unit) return;
  for (const auto* data : plans) {
    if (data->plan.find_unit(*unit) != nullptr) return;
  }
  throw CommandError(admin_error::kNotFound, "no unit \"" + *unit + "\"");
}

bool activity_matches(const PlanData& data, const calendar::StoredActivity& stored,
                      const std::optional<std::string>& unit,
                      const std::optional<calendar::Category>& category) {
  if (category && stored.activity.category != *category) return false;
  if (!unit) return true;
  return data.plan.is_responsible(stored.activity, *unit);
}

json instances_json(const std::vector<calendar::InstanceInfo>& instances) {
  json out = json::array();
  for (const auto& i : instances)
    out.push_back({{"id", i.id},
                   {"host", i.host},
                   {"pid", i.pid},
                   {"started_at", instant_json(i.started)},
                   {"seen_at", instant_json(i.seen)}});
  return out;
}

}  // namespace

json status_command(CommandContext& ctx, const CommandArgs&) {
  const DaemonStatus status = ctx.control.status();
  const auto snapshot = ctx.control.snapshot();  // null before the first load: status still answers
  const calendar::OutboxCounts counts = ctx.stores.outbox.counts();
  const auto last_error = ctx.stores.outbox.last_error();
  const auto uptime = std::max<std::int64_t>(0, (ctx.clock.now() - status.started_at).count());
  return {
      {"version", status.version},
      {"started_at", instant_json(status.started_at)},
      {"uptime_seconds", uptime},
      {"data_version", status.data_version},
      {"plans", status.plans},
      {"activities", status.activities},
      {"feeds", status.feeds},
      {"mail_paused", status.mail_paused},
      {"years_without_holidays", snapshot ? snapshot->years_without_holidays : std::vector<int>{}},
      {"mail_transport", status.mail_transport},
      {"next_delivery", instant_json(status.next_delivery)},
      {"store", {{"backend", status.store_backend}, {"location", status.store_location}}},
      {"instance", status.instance_id},
      {"instances", instances_json(status.instances)},
      {"reminders",
       {{"pending", counts.pending},
        {"sending", counts.sending},
        {"sent", counts.sent},
        {"failed", counts.failed},
        {"cancelled", counts.cancelled},
        {"skipped", counts.skipped}}},
      {"last_delivery_error", last_error ? json{{"key", last_error->key},
                                                {"error", last_error->error},
                                                {"at", instant_json(last_error->at)}}
                                         : json(nullptr)}};
}

json plans_command(CommandContext& ctx, const CommandArgs&) {
  json out = json::array();
  for (const auto& data : ctx.snapshot()->plans) {
    const calendar::Plan& p = data.plan;
    out.push_back({{"id", p.id},
                   {"title", p.title},
                   {"issuer", p.issuer},
                   {"document_number", p.document_number},
                   {"effective_from", calendar::to_iso(p.effective_from)},
                   {"effective_until", calendar::to_iso(p.effective_until)},
                   {"units", p.units.size()},
                   {"items", p.items.size()},
                   {"activities", data.activities.size()},
                   {"feeds", data.feeds.size()}});
  }
  return out;
}

json units_command(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  json out = json::array();
  for (const auto* data : plans_arg(*snapshot, args)) {
    for (const calendar::Unit& unit : data->plan.units) {
      const auto items =
          std::count_if(data->plan.items.begin(), data->plan.items.end(),
                        [&](const calendar::Item& item) { return item.involves(unit.id); });
      json robots = json::array();  // their URLs hold the robots' keys: never shown
      for (const calendar::Webhook& webhook : unit.webhooks)
        robots.push_back({{"id", webhook.id},
                          {"kind", calendar::to_string(webhook.kind)},
                          {"signed", !webhook.secret.empty()}});
      out.push_back({{"plan", data->plan.id},
                     {"id", unit.id},
                     {"name", unit.name},
                     {"full_name", unit.full_name},
                     {"emails", unit.emails},
                     {"webhooks", robots},
                     {"phones", unit.phones},
                     {"escalation_unit", unit.escalation_unit},
                     {"items", items}});
    }
  }
  return out;
}

json items_command(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  const auto plans = plans_arg(*snapshot, args);
  const auto unit = args.text("unit");
  const auto category = category_arg(args);
  check_unit_known(plans, unit);
  json out = json::array();
  for (const auto* data : plans) {
    for (const calendar::Item& item : data->plan.items) {
      if (unit && !item.involves(*unit)) continue;
      if (category &&
          std::none_of(item.activities.begin(), item.activities.end(),
                       [&](const calendar::Activity& a) { return a.category == *category; })) {
        continue;
      }
      json names = json::array();
      for (const auto& id : item.units) names.push_back(data->plan.unit_name(id));
      out.push_back({{"plan", data->plan.id},
                     {"id", item.id},
                     {"kind", calendar::to_string(item.kind)},
                     {"section", item.section},
                     {"number", item.number},
                     {"title", item.title},
                     {"summary", item.summary()},
                     {"units", item.units},
                     {"unit_names", names},
                     {"activities", item.activities.size()}});
    }
  }
  return out;
}

json upcoming_command(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  const auto plans = plans_arg(*snapshot, args);
  const auto unit = args.text("unit");
  const auto category = category_arg(args);
  const int days = args.integer("days", 1, kMaxDays).value_or(kDefaultUpcomingDays);
  check_unit_known(plans, unit);
  const calendar::Date today = local_date(ctx.clock.now());
  const calendar::Date until = calendar::add_days(today, days - 1);
  std::vector<std::pair<const PlanData*, const calendar::StoredActivity*>> rows;
  for (const auto* data : plans) {
    for (const auto& stored : data->activities) {
      const auto& schedule = stored.activity.schedule;
      if (schedule.end < today || schedule.start > until) continue;
      if (activity_matches(*data, stored, unit, category)) rows.emplace_back(data, &stored);
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second->activity.schedule.start < b.second->activity.schedule.start;
  });
  json activities = json::array();
  for (const auto& [data, stored] : rows) activities.push_back(activity_json(*data, *stored));
  return {{"from", calendar::to_iso(today)},
          {"to", calendar::to_iso(until)},
          {"activities", std::move(activities)}};
}

json show_command(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  const std::string item_id = args.required_text("item");
  const PlanData& data = select_plan(
      *snapshot, args, [&](const calendar::Plan& p) { return p.find_item(item_id) != nullptr; },
      "an item \"" + item_id + "\"");
  const calendar::Item& item = require_item(data.plan, item_id);

  json units = json::array();
  std::set<std::string> unit_ids(item.units.begin(), item.units.end());
  for (const auto& activity : item.activities)
    unit_ids.insert(activity.units.begin(), activity.units.end());
  for (const auto& id : item.units)
    units.push_back({{"id", id}, {"name", data.plan.unit_name(id)}});
  json activities = json::array();
  for (const auto& stored : data.activities) {
    if (stored.activity.item_id == item.id) activities.push_back(activity_json(data, stored));
  }
  json acks = json::array();
  for (const auto& ack : ctx.stores.acknowledgements.list(data.plan.id)) {
    if (ack.item_id != item.id) continue;
    acks.push_back({{"unit", ack.unit_id},
                    {"unit_name", data.plan.unit_name(ack.unit_id)},
                    {"note", ack.note},
                    {"by_uid", ack.by_uid},
                    {"at", instant_json(ack.at)}});
  }
  json unit_actions = json::array();
  for (const auto& action : ctx.stores.unit_actions.list(data.plan.id, item.id))
    unit_actions.push_back(unit_action_json(data.plan, action));
  json extensions = json::array();
  for (const auto& e : ctx.stores.unit_actions.extensions(data.plan.id))
    if (e.request.item_id == item.id) extensions.push_back(extension_json(*snapshot, e));
  json reminders = json::array();
  for (const auto& unit : unit_ids) {
    for (const auto& entry : ctx.stores.outbox.list({.unit = unit})) {
      if (entry.plan_id == data.plan.id && entry.item_id == item.id) {
        reminders.push_back(outbox_entry_json(*snapshot, entry));
      }
    }
  }
  return {{"plan", data.plan.id},
          {"item",
           {{"id", item.id},
            {"kind", calendar::to_string(item.kind)},
            {"section", item.section},
            {"number", item.number},
            {"title", item.title},
            {"text", item.text},
            {"schedule_text", item.schedule_text},
            {"units", std::move(units)},
            {"phones", item.phones}}},
          {"activities", std::move(activities)},
          {"acknowledgements", std::move(acks)},
          {"unit_actions", std::move(unit_actions)},
          {"extensions", std::move(extensions)},
          {"reminders", std::move(reminders)}};
}

json reminders_command(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  calendar::OutboxFilter filter;
  if (auto state = args.text("state")) {
    calendar::OutboxState parsed{};
    if (!calendar::parse_outbox_state(*state, parsed)) {
      throw CommandError(admin_error::kBadArgument,
                         "\"state\" must be one of pending, sending, sent, failed, cancelled, "
                         "skipped, not \"" +
                             *state + "\"");
    }
    filter.state = parsed;
  }
  filter.unit = args.text("unit").value_or("");
  if (auto from = args.date("from")) filter.from = local_midnight(*from);
  if (auto to = args.date("to")) filter.to = local_midnight(calendar::add_days(*to, 1));
  filter.limit = args.integer("limit", 1, kMaxReminderLimit).value_or(kDefaultReminderLimit);
  json out = json::array();
  for (const auto& entry : ctx.stores.outbox.list(filter)) {
    out.push_back(outbox_entry_json(*snapshot, entry));
  }
  return out;
}

json audit_command(CommandContext& ctx, const CommandArgs& args) {
  const int limit = args.integer("limit", 1, kMaxAuditLimit).value_or(kDefaultAuditLimit);
  json out = json::array();
  for (const auto& entry : ctx.stores.audit_log.recent(limit)) {
    // The store only keeps valid JSON; should that ever fail, show the text as written.
    json recorded = json::parse(entry.arguments_json, nullptr, false);
    if (recorded.is_discarded()) recorded = entry.arguments_json;
    out.push_back({{"id", entry.id},
                   {"at", instant_json(entry.at)},
                   {"uid", entry.by_uid},
                   {"command", entry.command},
                   {"args", std::move(recorded)},
                   {"result", entry.result}});
  }
  return out;
}

}  // namespace plancal::daemon::admin
