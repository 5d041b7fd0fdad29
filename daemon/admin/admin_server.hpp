// The admin socket: a Unix stream socket that plancalctl talks to, one JSON request per
// line and one response line each (daemon/protocol/admin_protocol.hpp, docs/admin-protocol.md).
// Asio stays inside admin_server.cpp; this header only forward-declares io_context.
//
// Access: the socket file is created with mode 0660 and, if configured, chowned to a
// group; every connection's peer credentials (SO_PEERCRED, plus SO_PEERGROUPS) are checked
// against the allowed uids and gids (root and the daemon's own uid are always allowed).
// A refused peer gets one "forbidden" error line and is disconnected; the refusal is logged
// with its uid, gid and pid. A stale socket file (connect() refused) is replaced; if
// another process answers on it, the constructor throws. An inherited listening socket
// (systemd, FileDescriptorName=admin) is used as is and never unlinked.
//
// Limits: a request line over kMaxAdminRequestBytes gets a "too_large" error and the
// connection is closed; a connection idle (no complete request, or a response not read)
// for ServerOptions::idle_timeout gets a "timeout" error line if possible and is closed.
// Runs on the io_context's thread; not thread-safe otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace plancal::daemon {

struct AdminPeer {
  std::int64_t uid = -1;
  std::int64_t gid = -1;
  std::int64_t pid = -1;
};

struct AdminServerOptions {
  std::string socket_path;                  // created unless listen_fd is set
  std::optional<int> listen_fd;             // an inherited listening AF_UNIX socket (owned after)
  std::string group;                        // group name or gid for the socket file; empty: keep
  std::vector<std::string> allowed_users;   // names or decimal uids
  std::vector<std::string> allowed_groups;  // names or decimal gids
  std::chrono::seconds idle_timeout{60};
  std::size_t max_connections = 256;  // more are accepted and closed at once
};

// Answers one request line (without its newline) from `peer` by calling `reply` once with
// one response line (ending in '\n'), at once or later on the io_context's thread; the
// connection reads no further request until then. Must not throw
// (AdminCommands::handle_line_async does not).
using AdminReply = std::function<void(std::string response)>;
using AdminLineHandler =
    std::function<void(std::string_view line, const AdminPeer& peer, AdminReply reply)>;

class AdminServer {
 public:
  // Resolves the allowed users and groups, creates (or adopts) the socket and starts
  // accepting on `io`. Throws std::runtime_error naming the path, the user or the group
  // that is wrong, or saying that another daemon answers on the socket.
  AdminServer(boost::asio::io_context& io, const AdminServerOptions& options,
              AdminLineHandler handler);
  // Closes the socket and removes the socket file it created.
  ~AdminServer();
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  // Where it listens: the configured path, or the inherited socket's bound path.
  const std::string& path() const;

  // Stops accepting and closes idle connections; responses being written finish.
  void stop();

 private:
  class Listener;
  std::shared_ptr<Listener> listener_;
};

}  // namespace plancal::daemon
