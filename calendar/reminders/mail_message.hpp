// An e-mail ready for delivery: the complete RFC 5322 message (headers and MIME body, CRLF
// line ends) and its SMTP envelope. Produced by compose_reminder_message, consumed by the
// daemon's mail transports (spool, SMTP). A plain value; no I/O.
#pragma once

#include <string>
#include <vector>

namespace plancal::calendar {

struct MailMessage {
  std::string message_id;               // the Message-ID header without the angle brackets
  std::string envelope_from;            // SMTP MAIL FROM
  std::vector<std::string> recipients;  // SMTP RCPT TO, one per address
  std::string bytes;                    // the whole message as sent (DATA)
  bool operator==(const MailMessage&) const = default;
};

}  // namespace plancal::calendar
