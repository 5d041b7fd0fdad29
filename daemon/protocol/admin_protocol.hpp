// The admin socket's wire format (docs/admin-protocol.md): one JSON object per line each
// way. A request is {"id": ..., "command": "...", "args": {...}} ("id" and "args" are
// optional; "id" is echoed back); a response is {"id": ..., "ok": true, "result": ...} or
// {"id": ..., "ok": false, "error": {"code": "...", "message": "...", "details": ...}}.
// Pure and shared by plancald and plancalctl. Nothing here throws: malformed input is an
// error value. Thread-safe (no state).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace plancal::daemon {

// The longest request line accepted, without its newline.
inline constexpr std::size_t kMaxAdminRequestBytes = 64 * 1024;
// Requests nested deeper than this (arrays and objects) are refused before parsing.
inline constexpr int kMaxAdminRequestDepth = 16;

// Error codes of the protocol, stable for scripts (docs/admin-protocol.md lists them).
namespace admin_error {
inline constexpr const char* kBadJson = "bad_json";
inline constexpr const char* kBadRequest = "bad_request";
inline constexpr const char* kTooLarge = "too_large";
inline constexpr const char* kUnknownCommand = "unknown_command";
inline constexpr const char* kBadArgument = "bad_argument";
inline constexpr const char* kNotFound = "not_found";
inline constexpr const char* kConflict = "conflict";
inline constexpr const char* kReloadFailed = "reload_failed";
inline constexpr const char* kDeliveryFailed = "delivery_failed";
inline constexpr const char* kNotReady = "not_ready";
inline constexpr const char* kStore = "store";
inline constexpr const char* kInternal = "internal";
inline constexpr const char* kForbidden = "forbidden";
inline constexpr const char* kTimeout = "timeout";
inline constexpr const char* kTooManyClients = "too_many_clients";
}  // namespace admin_error

struct AdminError {
  std::string code;                  // one of admin_error::*
  std::string message;               // for people: what was wrong, naming the argument
  nlohmann::json details = nullptr;  // optional structure (reload: the file errors)
};

struct AdminRequest {
  nlohmann::json id = nullptr;                     // a string, a number or null
  std::string command;                             // "status", "ack", ...
  nlohmann::json args = nlohmann::json::object();  // always an object
};

struct RequestParse {
  bool ok = false;
  AdminRequest request;         // when ok
  AdminError error;             // when !ok
  nlohmann::json id = nullptr;  // the request's id when it could be read, for the error
};

// Parses one request line (without its newline; a trailing '\r' is ignored). Checks the
// size (kMaxAdminRequestBytes), the nesting depth, the JSON syntax (UTF-8 included) and the
// shape: an object with a non-empty string "command", an optional string/number/null "id"
// and an optional object "args", and nothing else.
RequestParse parse_request(std::string_view line) noexcept;

// Builds a request line (with its newline) as plancalctl sends it.
std::string format_request(const nlohmann::json& id, std::string_view command,
                           const nlohmann::json& args);

// Response lines, each ending in '\n'. Invalid UTF-8 in strings is replaced (U+FFFD), so
// these never fail.
std::string format_result(const nlohmann::json& id, const nlohmann::json& result) noexcept;
std::string format_error(const nlohmann::json& id, const AdminError& error) noexcept;

// The admin socket when none is configured: $RUNTIME_DIRECTORY/admin.sock (the first
// directory systemd's RuntimeDirectory= names) or /run/plancal/admin.sock.
std::string default_admin_socket_path();

}  // namespace plancal::daemon
