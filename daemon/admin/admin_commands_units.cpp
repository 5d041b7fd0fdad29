// The admin commands of the units' loop: extensions (list the requests), approve-extension
// and reject-extension (decide one; an approval reloads the data, so the feeds mention it,
// and re-plans reminders), link-secret rotate
// (every personal and board link stops working), work-link and board-link (a link for an
// operator to hand over; audited, since a link is a secret).
#include <climits>

#include "daemon/admin/admin_command_support.hpp"

namespace plancal::daemon::admin {

using nlohmann::json;

namespace {

json decide(CommandContext& ctx, const CommandArgs& args, bool approve) {
  const std::optional<int> given = args.integer("id", 1, INT_MAX);
  if (!given) throw CommandError(admin_error::kBadArgument, "\"id\" is required");
  const int id = *given;
  const auto request = ctx.stores.unit_actions.extension(id);
  if (!request) {
    throw CommandError(admin_error::kNotFound,
                       "no extension request " + std::to_string(id) + " (see extensions)");
  }
  if (request->state != calendar::ExtensionState::kPending) {
    throw CommandError(admin_error::kConflict,
                       "extension request " + std::to_string(id) + " was " +
                           std::string(calendar::to_string(request->state)) + " already");
  }
  if (!ctx.stores.unit_actions.decide_extension(id, approve, args.text("note").value_or(""),
                                                ctx.uid, ctx.clock.now())) {
    throw CommandError(admin_error::kConflict,
                       "extension request " + std::to_string(id) + " was decided meanwhile");
  }
  json out = extension_json(*ctx.snapshot(), *ctx.stores.unit_actions.extension(id));
  if (approve) {
    // The feeds mention the approved date: they are rebuilt with the data (which re-plans
    // reminders too). A data directory broken meanwhile keeps the old feeds; say so.
    const ReloadOutcome reloaded = ctx.control.reload();
    if (!reloaded.ok) ctx.control.replan();
    out["feeds_updated"] = reloaded.ok;
  }
  return out;
}

}  // namespace

json unit_action_json(const calendar::Plan& plan, const calendar::UnitAction& a) {
  json out{{"id", a.id},
           {"item", a.item_id},
           {"unit", a.unit_id},
           {"unit_name", plan.unit_name(a.unit_id)},
           {"action", calendar::to_string(a.kind)},
           {"note", a.note},
           {"at", instant_json(a.at)},
           {"client", a.client}};
  out["until"] = a.until ? json(calendar::to_iso(*a.until)) : json(nullptr);
  return out;
}

json extension_json(const DataSnapshot& snapshot, const calendar::ExtensionRequest& e) {
  const PlanData* data = snapshot.find_plan(e.request.plan_id);
  json out = data != nullptr ? unit_action_json(data->plan, e.request)
                             : json{{"item", e.request.item_id}, {"unit", e.request.unit_id}};
  out["plan"] = e.request.plan_id;
  out["state"] = calendar::to_string(e.state);
  out["decision_note"] = e.decision_note;
  out["decided_by"] = e.decided_at ? json(e.decided_by) : json(nullptr);
  out["decided_at"] = instant_json(e.decided_at);
  return out;
}

json extensions_command(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  const std::string plan = args.text("plan").value_or("");
  const std::string state = args.text("state").value_or("pending");
  if (state != "pending" && state != "approved" && state != "rejected" && state != "all") {
    throw CommandError(
        admin_error::kBadArgument,
        "\"state\" must be pending, approved, rejected or all, not \"" + state + "\"");
  }
  if (!plan.empty() && snapshot->find_plan(plan) == nullptr)
    throw CommandError(admin_error::kNotFound, "no plan \"" + plan + "\"");
  json out = json::array();
  for (const auto& e : ctx.stores.unit_actions.extensions(plan))
    if (state == "all" || calendar::to_string(e.state) == state)
      out.push_back(extension_json(*snapshot, e));
  return out;
}

json approve_extension_command(CommandContext& ctx, const CommandArgs& args) {
  return decide(ctx, args, true);
}

json reject_extension_command(CommandContext& ctx, const CommandArgs& args) {
  return decide(ctx, args, false);
}

json link_secret_command(CommandContext& ctx, const CommandArgs& args) {
  const std::string action = args.required_text("action");
  if (action != "rotate") {
    throw CommandError(admin_error::kBadArgument,
                       "\"action\" must be \"rotate\", not \"" + action + "\"");
  }
  try {
    return {{"version", ctx.links.rotate()}, {"file", ctx.links.path()}};
  } catch (const calendar::LinkKeyError& e) {
    throw CommandError(
        admin_error::kInternal,
        std::string("link secret not rotated (the old links still work): ") + e.what());
  }
}

json work_link_command(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  const std::string item_id = args.required_text("item");
  const std::string unit_id = args.required_text("unit");
  const PlanData& data = select_plan(
      *snapshot, args, [&](const calendar::Plan& p) { return p.find_item(item_id) != nullptr; },
      "an item \"" + item_id + "\"");
  const calendar::Item& item = require_item(data.plan, item_id);
  require_unit(data.plan, unit_id);
  if (!item.involves(unit_id)) {
    throw CommandError(admin_error::kBadArgument,
                       "unit \"" + unit_id + "\" is not responsible for item \"" + item_id + "\"");
  }
  return {{"plan", data.plan.id},
          {"item", item_id},
          {"unit", unit_id},
          {"url", ctx.links.url_for({data.plan.id, item_id, unit_id})},
          {"key_version", ctx.links.version()}};
}

json board_link_command(CommandContext& ctx, const CommandArgs& args) {
  const auto snapshot = ctx.snapshot();
  const PlanData& data = select_plan(
      *snapshot, args, [](const calendar::Plan&) { return true; }, "a plan");
  json out{{"plan", data.plan.id},
           {"url", ctx.links.url_for({data.plan.id, "", ""})},
           {"key_version", ctx.links.version()}};
  out["public_url"] =
      data.plan.board_public
          ? json(ctx.base_url + std::string(calendar::kBoardLinkPrefix) + data.plan.id)
          : json(nullptr);
  return out;
}

}  // namespace plancal::daemon::admin
