// Internal to the admin commands (admin_commands*.cpp): the context a command runs in, its
// checked arguments, the error it reports, and lookups and JSON shapes shared by the query
// and change commands. Handlers throw CommandError; AdminCommands::run turns it (and any
// other exception) into an error response, so nothing escapes the dispatcher.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "calendar/model/date.hpp"
#include "daemon/admin/admin_stores.hpp"
#include "daemon/data/daemon_control.hpp"
#include "daemon/data/data_snapshot.hpp"
#include "daemon/protocol/admin_protocol.hpp"
#include "daemon/units/link_keys.hpp"

namespace plancal::daemon::admin {

class CommandError : public std::runtime_error {
 public:
  CommandError(std::string code, const std::string& message, nlohmann::json details = nullptr)
      : std::runtime_error(message), code_(std::move(code)), details_(std::move(details)) {}
  const std::string& code() const { return code_; }
  const nlohmann::json& details() const { return details_; }

 private:
  std::string code_;
  nlohmann::json details_;
};

// A command's "args" object, checked against the names the command declares. Every getter
// throws CommandError(bad_argument) naming the argument when the value has the wrong type.
class CommandArgs {
 public:
  // Throws CommandError(bad_argument) on an argument not in `known`.
  CommandArgs(const nlohmann::json& args, const std::set<std::string>& known);

  std::optional<std::string> text(const std::string& name) const;  // a non-empty string
  std::string required_text(const std::string& name) const;
  std::optional<int> integer(const std::string& name, int min, int max) const;
  std::optional<calendar::Date> date(const std::string& name) const;  // "YYYY-MM-DD"
  // "YYYY-MM-DD[THH:MM[:SS]][offset]"; without an offset China time (+08:00).
  std::optional<calendar::TimePoint> instant(const std::string& name) const;

 private:
  const nlohmann::json& args_;
};

struct CommandContext {
  AdminStores& stores;
  DaemonControl& control;
  LinkKeys& links;
  const calendar::Clock& clock;
  const std::string& base_url;
  std::int64_t uid;  // the caller

  // The data being served; CommandError(not_ready) before the first load.
  std::shared_ptr<const DataSnapshot> snapshot() const;
};

using CommandHandler = nlohmann::json (*)(CommandContext&, const CommandArgs&);

// The plan named by args "plan", else the only plan for which `has` holds (`what` names
// the thing looked for in the error). CommandError(not_found / bad_argument).
const PlanData& select_plan(const DataSnapshot& snapshot, const CommandArgs& args,
                            const std::function<bool(const calendar::Plan&)>& has,
                            const std::string& what);
const calendar::Item& require_item(const calendar::Plan& plan, const std::string& item_id);
const calendar::Unit& require_unit(const calendar::Plan& plan, const std::string& unit_id);

// Shapes (docs/admin-protocol.md). Instants in China time, "YYYY-MM-DDTHH:MM:SS+08:00".
nlohmann::json instant_json(calendar::TimePoint t);
nlohmann::json instant_json(const std::optional<calendar::TimePoint>& t);  // null if unset
// Dates in arguments ("from", "to") and "today" are China time, like the instants.
calendar::Date local_date(calendar::TimePoint t);
calendar::TimePoint local_midnight(calendar::Date d);
nlohmann::json activity_json(const PlanData& plan, const calendar::StoredActivity& stored);
nlohmann::json outbox_entry_json(const DataSnapshot& snapshot, const calendar::OutboxEntry& e);

// Query commands (admin_commands_query.cpp): read only.
nlohmann::json status_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json plans_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json units_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json items_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json upcoming_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json show_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json reminders_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json audit_command(CommandContext& ctx, const CommandArgs& args);

// Change commands (admin_commands_change.cpp): audited by the dispatcher.
// reload answers when the reload is done (DaemonControl::reload_async runs it off the
// loop): reload_result shapes its outcome (throws CommandError(reload_failed) with the
// errors when it failed).
nlohmann::json reload_result(const ReloadOutcome& outcome);
nlohmann::json ack_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json unack_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json snooze_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json pause_mail_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json resume_mail_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json retry_command(CommandContext& ctx, const CommandArgs& args);
// send-test answers when the message has gone (DaemonControl::send_test is asynchronous):
// resolve_send_test checks the arguments (throws CommandError), send_test_result shapes
// the outcome (throws CommandError(delivery_failed) when it was not sent).
struct SendTestTarget {
  std::string plan_id;
  std::string unit_id;
  std::string unit_name;
  std::vector<std::string> recipients;
};
SendTestTarget resolve_send_test(CommandContext& ctx, const CommandArgs& args);
nlohmann::json send_test_result(const SendTestTarget& target, const TestDelivery& delivery);
nlohmann::json feed_token_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json log_level_command(CommandContext& ctx, const CommandArgs& args);

// The units' loop (admin_commands_units.cpp): extension requests and their decisions, the
// link key, personal and board links. The shapes of a unit action and an extension request
// are shared with show.
nlohmann::json unit_action_json(const calendar::Plan& plan, const calendar::UnitAction& a);
nlohmann::json extension_json(const DataSnapshot& snapshot, const calendar::ExtensionRequest& e);
nlohmann::json extensions_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json approve_extension_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json reject_extension_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json link_secret_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json work_link_command(CommandContext& ctx, const CommandArgs& args);
nlohmann::json board_link_command(CommandContext& ctx, const CommandArgs& args);

}  // namespace plancal::daemon::admin
