// The admin commands that change something: reload, ack, unack, snooze, pause-mail,
// resume-mail, retry, send-test, feed-token, log-level. The dispatcher audits each one;
// those that change what is planned (ack, unack, snooze, retry) re-plan reminders.
#include "daemon/admin/admin_command_support.hpp"

namespace plancal::daemon::admin {

using nlohmann::json;

namespace {

const PlanData& plan_with_item(const DataSnapshot& snapshot, const CommandArgs& args,
                               const std::string& item_id) {
  return select_plan(
      snapshot, args, [&](const calendar::Plan& p) { return p.find_item(item_id) != nullptr; },
      "an item \"" + item_id + "\"");
}

const PlanData& plan_with_unit(const DataSnapshot& snapshot, const CommandArgs& args,
                               const std::string& unit_id) {
  return select_plan(
      snapshot, args, [&](const calendar::Plan& p) { return p.find_unit(unit_id) != nullptr; },
      "a unit \"" + unit_id + "\"");
}

// The item and unit of ack/unack, checked against the plan.
struct ItemUnit {
  const PlanData& data;
  std::string item;
  std::string unit;
};

ItemUnit item_and_unit(const DataSnapshot& snapshot, const CommandArgs& args) {
  const std::string item_id = args.required_text("item");
  const std::string unit_id = args.required_text("unit");
  const PlanData& data = plan_with_item(snapshot, args, item_id);
  const calendar::Item& item = require_item(data.plan, item_id);
  require_unit(data.plan, unit_id);
  if (!item.involves(unit_id)) {
    throw CommandError(admin_error::kBadArgument,
                       "unit \"" + unit_id + "\" is not responsible for item \"" + item_id + "\"");
  }
  return {data, item_id, unit_id};
}

}  // namespace

json reload_result(const ReloadOutcome& outcome) {
  if (outcome.ok) return {{"data_version", outcome.data_version}};
  json details = json::array();
  std::string message = "data not reloaded: " + std::to_string(outcome.errors.size()) +
                        " error(s); still serving data version " +
                        std::to_string(outcome.data_version);
  for (const auto& e : outcome.errors) {
    details.push_back({{"file", e.file},
                       {"line", e.line},
                       {"column", e.column},
                       {"value", e.value},
                       {"message", e.message},
                       {"text", e.to_string()}});
    message += "\n" + e.to_string();
  }
  throw CommandError(admin_error::kReloadFailed, message, std::move(details));
}

json ack_command(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  const ItemUnit target = item_and_unit(*snapshot, args);
  const bool added =
      ctx.stores.acknowledgements.ack(target.data.plan.id, target.item, target.unit,
                                      args.text("note").value_or(""), ctx.uid, ctx.clock.now());
  ctx.control.replan();
  return {
      {"plan", target.data.plan.id}, {"item", target.item}, {"unit", target.unit}, {"new", added}};
}

json unack_command(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  const ItemUnit target = item_and_unit(*snapshot, args);
  if (!ctx.stores.acknowledgements.unack(target.data.plan.id, target.item, target.unit)) {
    throw CommandError(
        admin_error::kNotFound,
        "unit \"" + target.unit + "\" has not acknowledged item \"" + target.item + "\"");
  }
  ctx.control.replan();
  return {{"plan", target.data.plan.id}, {"item", target.item}, {"unit", target.unit}};
}

json snooze_command(CommandContext& ctx, const CommandArgs& args) {
  const std::string key = args.required_text("key");
  const auto until = args.instant("until");
  if (!until) throw CommandError(admin_error::kBadArgument, "\"until\" is required");
  const calendar::TimePoint now = ctx.clock.now();
  if (*until <= now) {
    throw CommandError(admin_error::kBadArgument, "\"until\" is not in the future");
  }
  auto& outbox = ctx.stores.outbox;
  const auto entry = outbox.find(key);
  if (!entry) throw CommandError(admin_error::kNotFound, "no reminder \"" + key + "\"");
  if (!outbox.snooze(key, *until, now)) {
    throw CommandError(admin_error::kConflict, "reminder \"" + key + "\" is " +
                                                   std::string(calendar::to_string(entry->state)) +
                                                   "; only a pending reminder can be snoozed");
  }
  ctx.control.replan();
  return {{"key", key}, {"snoozed_until", instant_json(*until)}};
}

json pause_mail_command(CommandContext& ctx, const CommandArgs&) {
  ctx.control.set_mail_paused(true);
  return {{"mail_paused", true}};
}

json resume_mail_command(CommandContext& ctx, const CommandArgs&) {
  ctx.control.set_mail_paused(false);
  return {{"mail_paused", false}};
}

json retry_command(CommandContext& ctx, const CommandArgs& args) {
  calendar::OutboxFilter filter;
  filter.unit = args.text("unit").value_or("");
  if (auto from = args.date("from")) filter.from = local_midnight(*from);
  if (auto to = args.date("to")) filter.to = local_midnight(calendar::add_days(*to, 1));
  const int retried = ctx.stores.outbox.retry_failed(filter, ctx.clock.now());
  ctx.control.replan();
  return {{"retried", retried}};
}

SendTestTarget resolve_send_test(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  const std::string unit_id = args.required_text("unit");
  const PlanData& data = plan_with_unit(*snapshot, args, unit_id);
  const calendar::Unit& unit = require_unit(data.plan, unit_id);
  return {data.plan.id, unit_id, unit.name, unit.emails};
}

json send_test_result(const SendTestTarget& target, const TestDelivery& delivery) {
  if (!delivery.ok) {
    throw CommandError(admin_error::kDeliveryFailed, "test message to " + target.unit_name + " (" +
                                                         target.unit_id +
                                                         ") not sent: " + delivery.error);
  }
  return {{"plan", target.plan_id},
          {"unit", target.unit_id},
          {"recipients", target.recipients},
          {"message_id", delivery.message_id}};
}

json feed_token_command(CommandContext& ctx, const CommandArgs& args) {
  const std::string action = args.required_text("action");
  if (action != "show" && action != "rotate") {
    throw CommandError(admin_error::kBadArgument,
                       "\"action\" must be \"show\" or \"rotate\", not \"" + action + "\"");
  }
  const auto snapshot = ctx.snapshot();
  const std::string unit_id = args.required_text("unit");
  const PlanData& data = plan_with_unit(*snapshot, args, unit_id);
  require_unit(data.plan, unit_id);
  const calendar::FeedSpec* feed =
      calendar::find_feed(data.feeds, calendar::FeedScope::kUnitWork, unit_id);
  if (feed == nullptr) {
    throw CommandError(admin_error::kNotFound, "unit \"" + unit_id + "\" has no private feed");
  }
  auto& tokens = ctx.stores.feed_tokens;
  const calendar::TimePoint now = ctx.clock.now();
  const std::string token =
      action == "rotate" ? tokens.rotate(unit_id, now) : tokens.token(unit_id, now);
  calendar::TimePoint created = now;
  for (const auto& entry : tokens.list()) {
    if (entry.unit_id == unit_id) created = entry.created;
  }
  return {{"plan", data.plan.id},
          {"unit", unit_id},
          {"feed", feed->id},
          {"url", calendar::feed_url(ctx.base_url, *feed) + "?token=" + token},
          {"created", instant_json(created)},
          {"rotated", action == "rotate"}};
}

json log_level_command(CommandContext& ctx, const CommandArgs& args) {
  const std::string level = args.required_text("level");
  if (!ctx.control.set_log_level(level)) {
    throw CommandError(admin_error::kBadArgument,
                       "\"level\" must be one of trace, debug, info, warn, error, critical, off, "
                       "not \"" +
                           level + "\"");
  }
  return {{"level", level}};
}

}  // namespace plancal::daemon::admin
