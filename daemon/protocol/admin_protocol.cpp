#include "daemon/protocol/admin_protocol.hpp"

#include <set>
#include <vector>

#include <algorithm>
#include <cstdlib>

namespace plancal::daemon {
namespace {

using nlohmann::json;

// Deepest nesting of arrays and objects outside strings, stopping early past the limit.
int nesting_depth(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
      if (deepest > kMaxAdminRequestDepth) break;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

RequestParse failure(const char* code, std::string message, json id = nullptr) {
  RequestParse out;
  out.error = {code, std::move(message), nullptr};
  out.id = std::move(id);
  return out;
}

std::string dump_line(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

RequestParse parse_checked(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > kMaxAdminRequestBytes) {
    return failure(admin_error::kTooLarge, "request of " + std::to_string(line.size()) +
                                               " bytes; at most " +
                                               std::to_string(kMaxAdminRequestBytes) + " allowed");
  }
  if (nesting_depth(line) > kMaxAdminRequestDepth) {
    return failure(admin_error::kBadRequest, "request nested deeper than " +
                                                 std::to_string(kMaxAdminRequestDepth) + " levels");
  }
  json value;
  // A key given twice in one object ({"command":"ack","command":"unack"}) is refused: with
  // "last wins" a reviewer of the audit log and the daemon could read different requests.
  std::vector<std::set<std::string>> keys;
  std::string duplicate;
  const json::parser_callback_t note_keys = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) {
      keys.emplace_back();
    } else if (event == json::parse_event_t::object_end && !keys.empty()) {
      keys.pop_back();
    } else if (event == json::parse_event_t::key && !keys.empty() && duplicate.empty() &&
               !keys.back().insert(parsed.get<std::string>()).second) {
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  try {
    value = json::parse(line, note_keys);
  } catch (const json::parse_error& e) {
    return failure(admin_error::kBadJson, std::string("not JSON: ") + e.what());
  }
  if (!duplicate.empty())
    return failure(admin_error::kBadRequest, "key \"" + duplicate + "\" given twice");
  if (!value.is_object()) return failure(admin_error::kBadRequest, "the request is not an object");

  json id = nullptr;
  if (auto it = value.find("id"); it != value.end()) {
    if (!it->is_string() && !it->is_number() && !it->is_null()) {
      return failure(admin_error::kBadRequest, "\"id\" must be a string, a number or null");
    }
    id = *it;
  }
  for (const auto& [key, unused] : value.items()) {
    if (key != "id" && key != "command" && key != "args") {
      return failure(admin_error::kBadRequest, "unknown request field \"" + key + "\"", id);
    }
  }
  const auto command = value.find("command");
  if (command == value.end() || !command->is_string() ||
      command->get_ref<const std::string&>().empty()) {
    return failure(admin_error::kBadRequest, "\"command\" must be a non-empty string", id);
  }
  RequestParse out;
  out.ok = true;
  out.id = id;
  out.request.id = std::move(id);
  out.request.command = command->get<std::string>();
  if (auto args = value.find("args"); args != value.end()) {
    if (!args->is_object()) {
      return failure(admin_error::kBadRequest, "\"args\" must be an object", out.id);
    }
    out.request.args = std::move(*args);
  }
  return out;
}

}  // namespace

RequestParse parse_request(std::string_view line) noexcept {
  try {
    return parse_checked(line);
  } catch (const std::exception& e) {
    return failure(admin_error::kInternal, std::string("cannot read the request: ") + e.what());
  }
}

std::string format_request(const json& id, std::string_view command, const json& args) {
  return dump_line(json{{"id", id}, {"command", command}, {"args", args}});
}

std::string format_result(const json& id, const json& result) noexcept {
  return dump_line(json{{"id", id}, {"ok", true}, {"result", result}});
}

std::string format_error(const json& id, const AdminError& error) noexcept {
  json body{{"code", error.code}, {"message", error.message}};
  if (!error.details.is_null()) body["details"] = error.details;
  return dump_line(json{{"id", id}, {"ok", false}, {"error", std::move(body)}});
}

std::string default_admin_socket_path() {
  const char* runtime = std::getenv("RUNTIME_DIRECTORY");
  if (runtime != nullptr && *runtime != '\0') {
    const std::string_view dirs(runtime);
    return std::string(dirs.substr(0, dirs.find(':'))) + "/admin.sock";
  }
  return "/run/plancal/admin.sock";
}

}  // namespace plancal::daemon
