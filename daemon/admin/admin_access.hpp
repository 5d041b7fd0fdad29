// Who may use the admin socket, and the file-system side of creating it: resolving the
// configured users and groups to ids, checking a connected peer's credentials
// (SO_PEERCRED, SO_PEERGROUPS), and clearing a stale socket file left by a crash. Plain
// POSIX, no Asio, so the checks are testable on a socketpair. Thread-safe (no state).
#pragma once

#include <sys/types.h>

#include <set>
#include <string>
#include <vector>

#include "daemon/admin/admin_server.hpp"

namespace plancal::daemon {

struct PeerAccess {
  std::set<uid_t> uids;  // always holds 0 and the daemon's own uid
  std::set<gid_t> gids;
};

// Resolves user and group names (or decimal ids). Throws std::runtime_error naming an
// unknown user or group.
PeerAccess resolve_access(const std::vector<std::string>& users,
                          const std::vector<std::string>& groups);
gid_t resolve_group(const std::string& group);

struct PeerCheck {
  bool allowed = false;
  AdminPeer peer;      // uid, gid and pid of the connected process (-1 if unknown)
  std::string reason;  // why it was refused
};

// Checks the peer of the connected Unix socket `fd`: allowed if its uid is in access.uids,
// or its primary gid or one of its supplementary groups is in access.gids.
PeerCheck check_peer(int fd, const PeerAccess& access);

// Prepares `path` for bind(): nothing to do if it does not exist; a socket nobody answers
// on (ECONNREFUSED) is removed. Throws std::runtime_error if a process answers on it (a
// daemon is running) or it is not a socket.
void remove_stale_socket(const std::string& path);

}  // namespace plancal::daemon
