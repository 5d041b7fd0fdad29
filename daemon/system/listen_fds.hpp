// Socket activation: the listening sockets systemd passes to plancald (sd_listen_fds(3)),
// picked by their FileDescriptorName=: "http" (a TCP listener, plancal.socket) and
// "admin" (a Unix stream listener, plancal-admin.socket). A lone unnamed socket (e.g.
// from `systemd-socket-activate` without --fdname) is taken by its type. Without
// LISTEN_FDS for this process nothing is inherited and the daemon listens itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace plancal::daemon {

struct InheritedSockets {
  std::optional<int> http;   // a listening AF_INET/AF_INET6 SOCK_STREAM socket
  std::optional<int> admin;  // a listening AF_UNIX SOCK_STREAM socket
  // One line per socket that could not be used: an unknown name, a wrong socket type,
  // a name given twice. The daemon should refuse to start on any.
  std::vector<std::string> errors;
};

// Takes the sockets passed by systemd and unsets LISTEN_PID, LISTEN_FDS and
// LISTEN_FDNAMES so that they are not passed on. Call once, early in main().
InheritedSockets take_listen_fds();

}  // namespace plancal::daemon
