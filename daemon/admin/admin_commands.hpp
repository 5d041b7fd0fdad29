// The admin socket's commands (docs/admin-protocol.md): a pure dispatcher from a parsed
// request and the caller's uid to a result or an error, over the store, the running
// daemon (DaemonControl) and a clock. It knows nothing of sockets, so tests and the fuzzer
// drive it directly. Every command that changes something is written to the audit log
// (who, when, command, arguments, outcome), failures included. Nothing is thrown out of
// run() or handle_line(): bad input, a failing store and a failing DaemonControl all become
// error responses. Not thread-safe: call on the daemon's event-loop thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "calendar/model/clock.hpp"
#include "daemon/admin/admin_stores.hpp"
#include "daemon/data/daemon_control.hpp"
#include "daemon/protocol/admin_protocol.hpp"
#include "daemon/units/link_keys.hpp"

namespace plancal::daemon {

struct CommandOutcome {
  bool ok = false;
  nlohmann::json result = nullptr;  // when ok
  AdminError error;                 // when !ok
};

class AdminCommands {
 public:
  // `base_url` (no trailing '/') starts the private feed URLs that feed-token returns.
  // The references must outlive this object.
  AdminCommands(AdminStores stores, DaemonControl& control, LinkKeys& links,
                const calendar::Clock& clock, std::string base_url);

  using OutcomeCallback = std::function<void(CommandOutcome)>;
  using ReplyCallback = std::function<void(std::string)>;

  // Runs one request as the Unix user `caller_uid`; `done` gets the outcome, at once for
  // every command but send-test, which answers when the message has gone (or failed).
  void run_async(const AdminRequest& request, std::int64_t caller_uid,
                 OutcomeCallback done) noexcept;
  // Parses a request line, runs it and hands the response line (ending in '\n') to `reply`.
  void handle_line_async(std::string_view line, std::int64_t caller_uid,
                         ReplyCallback reply) noexcept;

  // The same, for callers that cannot wait (tests, the fuzzer): when the answer is not
  // there at once (send-test through a real daemon), the outcome says {"queued": true}.
  CommandOutcome run(const AdminRequest& request, std::int64_t caller_uid) noexcept;
  std::string handle_line(std::string_view line, std::int64_t caller_uid) noexcept;

  // Every command name, sorted.
  static std::vector<std::string> command_names();

 private:
  // Writes a command that changes something to the audit log; a failure to do so turns
  // the outcome into an error.
  CommandOutcome audited(const AdminRequest& request, std::int64_t caller_uid,
                         CommandOutcome outcome) noexcept;
  void send_test_async(const AdminRequest& request, std::int64_t caller_uid, OutcomeCallback done);
  void reload_async(const AdminRequest& request, std::int64_t caller_uid, OutcomeCallback done);

  AdminStores stores_;
  DaemonControl& control_;
  LinkKeys& links_;
  const calendar::Clock& clock_;
  std::string base_url_;
};

}  // namespace plancal::daemon
