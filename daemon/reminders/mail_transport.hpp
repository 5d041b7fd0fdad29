// Where reminder e-mails go: an abstract transport with one blocking send(). Two
// implementations: SpoolTransport (one .eml file per message in a directory, the default)
// and SmtpTransport (libcurl SMTP to a relay). The scheduler maps the result onto the
// outbox: ok → mark_sent, permanent → mark_failed, otherwise mark_retry with backoff.
// An instance is not thread-safe: one sender at a time.
#pragma once

#include <string>
#include <utility>

#include "calendar/reminders/mail_message.hpp"

namespace plancal::daemon {

using calendar::MailMessage;

struct DeliveryResult {
  bool ok = false;
  // Retrying cannot help: the server refused the message or a recipient for good (SMTP
  // 5xx), or the message cannot be spooled at all. Meaningless when ok.
  bool permanent = false;
  std::string error;  // what went wrong, for the outbox's last_error and the log; "" when ok
  // The receiver asked to slow down (a chat robot's rate limit): retried after the backoff
  // delay however many attempts it took, while the reminder is still useful.
  bool rate_limited = false;

  static DeliveryResult success() { return {true, false, "", false}; }
  static DeliveryResult transient(std::string why) { return {false, false, std::move(why), false}; }
  static DeliveryResult permanent_failure(std::string why) {
    return {false, true, std::move(why), false};
  }
  static DeliveryResult slow_down(std::string why) { return {false, false, std::move(why), true}; }
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Delivers `message` to message.recipients with envelope sender message.envelope_from.
  // Blocks until the transport accepted or refused it; never throws.
  virtual DeliveryResult send(const MailMessage& message) = 0;
  // From any thread, at shutdown: a send in progress returns at once (transient, "aborted:
  // the daemon is stopping"), and so does every later one. A message cut off this way is
  // left to the outbox (sent again after the restart). Transports that never block long
  // need not do anything.
  virtual void abort() {}
};

}  // namespace plancal::daemon
