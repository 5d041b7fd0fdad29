// plancalctl's side of the admin socket: connects to the running plancald over its Unix
// socket (plain POSIX, no Asio) and exchanges one JSON line per request
// (daemon/protocol/admin_protocol.hpp, docs/admin-protocol.md). Not thread-safe.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace plancal::ctl {

// Cannot connect, the daemon went away, or it answered something that is not a response.
class AdminClientError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AdminClient {
 public:
  // Connects to `socket_path`. Throws AdminClientError (naming the path) on failure.
  explicit AdminClient(const std::string& socket_path,
                       std::chrono::seconds timeout = std::chrono::seconds(120));
  ~AdminClient();
  AdminClient(const AdminClient&) = delete;
  AdminClient& operator=(const AdminClient&) = delete;

  // Sends one request and returns the daemon's response object ({"ok": ..., ...}), whose
  // "id" matches. Throws AdminClientError on I/O failure, timeout or a malformed response.
  nlohmann::json call(std::string_view command, const nlohmann::json& args);

 private:
  std::string read_line();

  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  int next_id_ = 1;
};

}  // namespace plancal::ctl
