#include "daemon/admin/admin_commands.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>

#include <spdlog/spdlog.h>

#include "daemon/admin/admin_command_support.hpp"

namespace plancal::daemon {
namespace {

using nlohmann::json;
using namespace plancal::daemon::admin;

struct CommandSpec {
  CommandHandler handler;
  std::set<std::string> args;  // the argument names it takes
  bool audited;                // changes something (or reveals a secret): audit it
};

const std::map<std::string, CommandSpec>& command_table() {
  static const std::map<std::string, CommandSpec> table{
      {"status", {status_command, {}, false}},
      {"plans", {plans_command, {}, false}},
      {"units", {units_command, {"plan"}, false}},
      {"items", {items_command, {"plan", "unit", "category"}, false}},
      {"upcoming", {upcoming_command, {"plan", "unit", "category", "days"}, false}},
      {"show", {show_command, {"plan", "item"}, false}},
      {"reminders", {reminders_command, {"state", "unit", "from", "to", "limit"}, false}},
      {"audit", {audit_command, {"limit"}, false}},
      {"reload", {nullptr, {}, true}},  // answered by reload_async
      {"ack", {ack_command, {"plan", "item", "unit", "note"}, true}},
      {"unack", {unack_command, {"plan", "item", "unit"}, true}},
      {"snooze", {snooze_command, {"key", "until"}, true}},
      {"pause-mail", {pause_mail_command, {}, true}},
      {"resume-mail", {resume_mail_command, {}, true}},
      {"retry", {retry_command, {"unit", "from", "to"}, true}},
      {"send-test", {nullptr, {"plan", "unit"}, true}},  // answered by send_test_async
      {"feed-token", {feed_token_command, {"action", "plan", "unit"}, true}},
      {"log-level", {log_level_command, {"level"}, true}},
      {"extensions", {extensions_command, {"plan", "state"}, false}},
      {"approve-extension", {approve_extension_command, {"id", "note"}, true}},
      {"reject-extension", {reject_extension_command, {"id", "note"}, true}},
      {"link-secret", {link_secret_command, {"action"}, true}},
      {"work-link", {work_link_command, {"plan", "item", "unit"}, true}},
      {"board-link", {board_link_command, {"plan"}, true}},
  };
  return table;
}

CommandOutcome failure(std::string code, std::string message, json details = nullptr) {
  return {false, nullptr, {std::move(code), std::move(message), std::move(details)}};
}

}  // namespace

AdminCommands::AdminCommands(AdminStores stores, DaemonControl& control, LinkKeys& links,
                             const calendar::Clock& clock, std::string base_url)
    : stores_(stores),
      control_(control),
      links_(links),
      clock_(clock),
      base_url_(std::move(base_url)) {}

std::vector<std::string> AdminCommands::command_names() {
  std::vector<std::string> names;
  for (const auto& [name, spec] : command_table()) names.push_back(name);
  return names;
}

void AdminCommands::run_async(const AdminRequest& request, std::int64_t caller_uid,
                              OutcomeCallback done) noexcept {
  const auto& table = command_table();
  const auto spec = table.find(request.command);
  if (spec == table.end()) {
    return done(failure(admin_error::kUnknownCommand, "unknown command \"" + request.command +
                                                          "\" (see docs/admin-protocol.md)"));
  }
  if (!request.args.is_object()) {
    return done(failure(admin_error::kBadRequest, "\"args\" must be an object"));
  }
  if (spec->second.handler == nullptr) {
    if (request.command == "reload") return reload_async(request, caller_uid, done);
    return send_test_async(request, caller_uid, done);
  }
  CommandOutcome outcome;
  try {
    CommandContext ctx{stores_, control_, links_, clock_, base_url_, caller_uid};
    const CommandArgs args(request.args, spec->second.args);
    outcome = {true, spec->second.handler(ctx, args), {}};
  } catch (const CommandError& e) {
    outcome = failure(e.code(), e.what(), e.details());
  } catch (const calendar::StoreError& e) {
    spdlog::error("admin: {}: store: {}", request.command, e.what());
    outcome = failure(admin_error::kStore, std::string("store: ") + e.what());
  } catch (const std::exception& e) {
    spdlog::error("admin: {}: {}", request.command, e.what());
    outcome = failure(admin_error::kInternal, e.what());
  }
  done(spec->second.audited ? audited(request, caller_uid, std::move(outcome)) : outcome);
}

void AdminCommands::send_test_async(const AdminRequest& request, std::int64_t caller_uid,
                                    OutcomeCallback done) {
  SendTestTarget target;
  try {
    CommandContext ctx{stores_, control_, links_, clock_, base_url_, caller_uid};
    target = resolve_send_test(ctx, CommandArgs(request.args, {"plan", "unit"}));
  } catch (const CommandError& e) {
    return done(audited(request, caller_uid, failure(e.code(), e.what(), e.details())));
  }
  control_.send_test(target.plan_id, target.unit_id,
                     [this, request, caller_uid, target, done](const TestDelivery& delivery) {
                       CommandOutcome outcome;
                       try {
                         outcome = {true, send_test_result(target, delivery), {}};
                       } catch (const CommandError& e) {
                         outcome = failure(e.code(), e.what(), e.details());
                       }
                       done(audited(request, caller_uid, std::move(outcome)));
                     });
}

void AdminCommands::reload_async(const AdminRequest& request, std::int64_t caller_uid,
                                 OutcomeCallback done) {
  try {
    [[maybe_unused]] const CommandArgs none(request.args, {});  // unknown arguments: an error
  } catch (const CommandError& e) {
    return done(audited(request, caller_uid, failure(e.code(), e.what(), e.details())));
  }
  control_.reload_async([this, request, caller_uid, done](const ReloadOutcome& reloaded) {
    CommandOutcome outcome;
    try {
      outcome = {true, reload_result(reloaded), {}};
    } catch (const CommandError& e) {
      outcome = failure(e.code(), e.what(), e.details());
    }
    done(audited(request, caller_uid, std::move(outcome)));
  });
}

CommandOutcome AdminCommands::audited(const AdminRequest& request, std::int64_t caller_uid,
                                      CommandOutcome outcome) noexcept {
  try {
    const std::string args_json = request.args.dump(-1, ' ', false, json::error_handler_t::replace);
    stores_.audit_log.record(caller_uid, request.command, args_json,
                             outcome.ok ? "ok" : outcome.error.message, clock_.now());
    spdlog::info("admin: uid {} {} {}: {}", caller_uid, request.command, args_json,
                 outcome.ok ? "ok" : outcome.error.code);
  } catch (const std::exception& e) {
    // The command ran but left no trace: say so rather than report plain success.
    spdlog::error("admin: {}: cannot write the audit log: {}", request.command, e.what());
    return failure(admin_error::kStore,
                   std::string(outcome.ok ? "done, but " : outcome.error.message + "; and ") +
                       "the audit log could not be written: " + e.what());
  }
  return outcome;
}

void AdminCommands::handle_line_async(std::string_view line, std::int64_t caller_uid,
                                      ReplyCallback reply) noexcept {
  const RequestParse parsed = parse_request(line);
  if (!parsed.ok) return reply(format_error(parsed.id, parsed.error));
  run_async(parsed.request, caller_uid, [id = parsed.request.id, reply](const CommandOutcome& o) {
    reply(o.ok ? format_result(id, o.result) : format_error(id, o.error));
  });
}

CommandOutcome AdminCommands::run(const AdminRequest& request, std::int64_t caller_uid) noexcept {
  auto answer = std::make_shared<std::optional<CommandOutcome>>();
  run_async(request, caller_uid, [answer](CommandOutcome o) { *answer = std::move(o); });
  if (*answer) return std::move(**answer);
  return {true, {{"queued", true}}, {}};
}

std::string AdminCommands::handle_line(std::string_view line, std::int64_t caller_uid) noexcept {
  const RequestParse parsed = parse_request(line);
  if (!parsed.ok) return format_error(parsed.id, parsed.error);
  const CommandOutcome outcome = run(parsed.request, caller_uid);
  return outcome.ok ? format_result(parsed.request.id, outcome.result)
                    : format_error(parsed.request.id, outcome.error);
}

}  // namespace plancal::daemon
