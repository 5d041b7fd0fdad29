// The plancalctl commands that ask the running daemon over its admin socket: each maps its
// command line onto one request (docs/admin-protocol.md), prints the result as a table
// (daemon_output.cpp) or, with --json, as JSON, and exits 0; an error response is printed
// to stderr and exits 1, a daemon that cannot be reached exits 3.
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "daemon/protocol/admin_protocol.hpp"
#include "plancalctl/admin_client.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"
#include "plancalctl/daemon_output.hpp"

namespace plancal::ctl {
namespace {

using nlohmann::json;

constexpr int kExitError = 1;
constexpr int kExitUnreachable = 3;

struct DaemonCommand {
  std::vector<std::string> positionals;         // argument names, in order, all required
  std::map<std::string, std::string> text;      // --option → argument name (a string)
  std::map<std::string, std::string> integers;  // --option → argument name (an integer)
  ResultPrinter print;
  std::string request = {};  // the protocol command when it is not the same as the name
  std::set<std::string> integer_positionals = {};  // positionals sent as JSON integers
};

const std::map<std::string, DaemonCommand>& daemon_table() {
  static const std::map<std::string, DaemonCommand> table{
      {"status", {{}, {}, {}, print_status}},
      {"plans", {{}, {}, {}, print_plans}},
      {"units", {{}, {{"--plan", "plan"}}, {}, print_units}},
      {"items",
       {{}, {{"--plan", "plan"}, {"--unit", "unit"}, {"--category", "category"}}, {}, print_items}},
      {"upcoming",
       {{},
        {{"--plan", "plan"}, {"--unit", "unit"}, {"--category", "category"}},
        {{"--days", "days"}},
        print_upcoming}},
      {"show", {{"item"}, {{"--plan", "plan"}}, {}, print_show}},
      {"reload", {{}, {}, {}, print_reload}},
      {"outbox",
       {{},
        {{"--state", "state"}, {"--unit", "unit"}, {"--from", "from"}, {"--to", "to"}},
        {{"--limit", "limit"}},
        print_reminders,
        "reminders"}},
      {"ack", {{"item", "unit"}, {{"--plan", "plan"}, {"--note", "note"}}, {}, print_ack}},
      {"unack", {{"item", "unit"}, {{"--plan", "plan"}}, {}, print_ack}},
      {"snooze", {{"key", "until"}, {}, {}, print_snooze}},
      {"pause-mail", {{}, {}, {}, print_mail_paused}},
      {"resume-mail", {{}, {}, {}, print_mail_paused}},
      {"retry", {{}, {{"--unit", "unit"}, {"--from", "from"}, {"--to", "to"}}, {}, print_retry}},
      {"send-test", {{"unit"}, {{"--plan", "plan"}}, {}, print_send_test}},
      {"feed-token", {{"action", "unit"}, {{"--plan", "plan"}}, {}, print_feed_token}},
      {"log-level", {{"level"}, {}, {}, print_log_level}},
      {"audit", {{}, {}, {{"--limit", "limit"}}, print_audit}},
      {"extensions", {{}, {{"--plan", "plan"}, {"--state", "state"}}, {}, print_extensions}},
      {"approve-extension", {{"id"}, {{"--note", "note"}}, {}, print_extension, "", {"id"}}},
      {"reject-extension", {{"id"}, {{"--note", "note"}}, {}, print_extension, "", {"id"}}},
      {"link-secret", {{"action"}, {}, {}, print_link_secret}},
      {"work-link", {{"item", "unit"}, {{"--plan", "plan"}}, {}, print_link}},
      {"board-link", {{"plan"}, {}, {}, print_link}},
  };
  return table;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string usage_of(const std::string& name, const DaemonCommand& command) {
  std::string usage = name;
  for (const auto& p : command.positionals) usage += " " + upper(p);
  for (const auto& [option, arg] : command.text) usage += " [" + option + " " + upper(arg) + "]";
  for (const auto& [option, arg] : command.integers) usage += " [" + option + " N]";
  return usage + " [--socket PATH] [--json]";
}

}  // namespace

std::string daemon_command_usage(const std::string& name) {
  const auto entry = daemon_table().find(name);
  return entry == daemon_table().end() ? name : usage_of(name, entry->second);
}

std::vector<std::string> daemon_command_names() {
  std::vector<std::string> names;
  for (const auto& [name, command] : daemon_table()) names.push_back(name);
  return names;
}

int daemon_command(const std::string& name, const Argv& argv, Io io) {
  const auto entry = daemon_table().find(name);
  if (entry == daemon_table().end()) throw UsageError("not a daemon command: " + name);
  const DaemonCommand& command = entry->second;
  OptionSpec spec{{"--socket"}, {"--json"}};
  for (const auto& [option, arg] : command.text) spec.with_value.insert(option);
  for (const auto& [option, arg] : command.integers) spec.with_value.insert(option);
  const Args args(argv, spec);
  if (args.positionals().size() != command.positionals.size()) {
    throw UsageError("usage: plancalctl " + usage_of(name, command));
  }
  json request = json::object();
  for (size_t i = 0; i < command.positionals.size(); ++i) {
    const std::string& name = command.positionals[i];
    const std::string& value = args.positionals()[i];
    if (!command.integer_positionals.count(name)) {
      request[name] = value;
      continue;
    }
    long long number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc() || end != value.data() + value.size())
      throw UsageError(upper(name) + " must be a number, not '" + value + "'");
    request[name] = number;
  }
  for (const auto& [option, arg] : command.text) {
    if (auto value = args.value(option)) request[arg] = *value;
  }
  for (const auto& [option, arg] : command.integers) {
    if (auto value = args.integer(option)) request[arg] = *value;
  }

  const std::string socket = args.value("--socket").value_or(daemon::default_admin_socket_path());
  json response;
  try {
    AdminClient client(socket);
    response = client.call(command.request.empty() ? name : command.request, request);
  } catch (const AdminClientError& e) {
    io.err << "plancalctl " << name << ": " << e.what() << "\n";
    return kExitUnreachable;
  }
  const bool json_output = args.flag("--json");
  if (!response["ok"].get<bool>()) {
    const json error = response.value("error", json::object());
    if (json_output) io.out << error.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    io.err << "plancalctl " << name << ": " << error.value("message", "(no message)") << " ["
           << error.value("code", "?") << "]\n";
    return kExitError;
  }
  const json& result = response["result"];
  if (json_output) {
    io.out << result.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    command.print(result, io.out);
  }
  return 0;
}

}  // namespace plancal::ctl
