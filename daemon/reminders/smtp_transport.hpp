// A mail transport that submits messages to an SMTP relay through libcurl. One libcurl
// easy handle lives as long as the transport, so consecutive sends reuse the open
// connection (one EHLO, then MAIL/RCPT/DATA per message) until the server or a timeout
// closes it; the next send then reconnects by itself. smtp:// upgrades with STARTTLS as
// `starttls` says (when offered, always, or never); smtps:// is TLS from the start.
// Results: accepted → ok; an SMTP 5xx reply (to MAIL, any RCPT or DATA) → permanent;
// anything else (no connection, timeout, 4xx, TLS failure) → transient, with libcurl's
// error text and the last reply code. The password is never logged. A transport that
// cannot send at all (not an smtp:// or smtps:// URL, libcurl refuses its settings) is not
// constructed: the constructor throws SetupError.
// Timeouts: connecting, each server reply, and the whole send ([mail] connect_timeout,
// response_timeout, send_timeout). abort() (at shutdown) cuts a transfer off within about a
// second. Not thread-safe: one sender at a time; abort() may come from any thread. libcurl
// is initialised once per process.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "daemon/reminders/mail_transport.hpp"
#include "daemon/system/daemon_options.hpp"

namespace plancal::daemon {

struct SmtpOptions {
  std::string url;                     // "smtp://relay.example.gov.cn:25" or "smtps://…:465"
  StartTls starttls = StartTls::kTry;  // smtp:// only: kRequired fails unless STARTTLS works
  std::string username;                // empty: no AUTH
  std::string password;
  std::chrono::seconds connect_timeout{10};   // TCP and TLS set-up
  std::chrono::seconds response_timeout{30};  // each reply of the server
  std::chrono::seconds timeout{60};           // the whole of one send, connecting included
};

class SmtpTransport final : public MailTransport {
 public:
  explicit SmtpTransport(SmtpOptions options);
  ~SmtpTransport() override;
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;

  DeliveryResult send(const MailMessage& message) override;
  void abort() override;

  // New connections opened so far (1 for any number of sends over one connection).
  long connections_opened() const { return connections_opened_; }

 private:
  struct Handle;
  SmtpOptions options_;
  std::string log_url_;  // options_.url without user information, for the log
  std::unique_ptr<Handle> handle_;
  long connections_opened_ = 0;
  std::atomic<bool> aborted_{false};  // abort(), from the loop thread
};

}  // namespace plancal::daemon
