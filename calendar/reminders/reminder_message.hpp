// The e-mail (and the chat text) of one reminder: a pure function from the reminder, its plan,
// item, activity and recipient unit (and the time of composing) to a complete RFC 5322 message. The
// message is multipart/mixed: a multipart/alternative with the text in Chinese as
// text/plain and text/html (both UTF-8, base64), then the activity as an iCalendar
// attachment, activity.ics (text/calendar; method=PUBLISH). Headers: From, To (every
// address of the unit), Subject (RFC 2047 encoded-words), Date (in the plan's zone: +0800), the
// given Message-ID, MIME-Version, Auto-Submitted and X-Plancal-Reminder-Key. CRLF line ends
// throughout; body lines within 76 characters, header lines within 78 except
// X-Plancal-Reminder-Key, which is as long as the key (far below 998). Dates are said at the
// precision the plan gives them ("2023年第二季度内"), never as an invented day. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "calendar/model/clock.hpp"
#include "calendar/model/holiday_calendar.hpp"
#include "calendar/model/plan.hpp"
#include "calendar/model/reminder.hpp"
#include "calendar/model/stored_activity.hpp"
#include "calendar/model/time_format.hpp"
#include "calendar/reminders/chat_text.hpp"
#include "calendar/reminders/mail_message.hpp"

namespace plancal::calendar {

struct ReminderMessageOptions {
  std::string message_id;    // OutboxEntry::message_id, without angle brackets
  std::string from_address;  // From and envelope sender: "plancal@example.gov.cn"
  std::string from_name;     // display name of From; empty: the address alone
  std::string base_url;      // the daemon's public URL, for the feed link: "https://cal.example"
  std::string action_url;    // the recipient's personal link (办理：…); empty: no such line
  TimePoint now{};           // the Date header and "N working days remain" count from here, in the
                             // plan's time zone
  bool late = false;         // OutboxEntry::late: says so in both parts (the daemon was down)
};

struct ComposedMessage {
  std::optional<MailMessage> message;  // set on success
  std::string error;                   // why there is no message, otherwise
};

// Why a message for `key` to `recipient` cannot be sent with `options` — the recipient is
// not key.unit_id, has no or an unusable address, the From address, message id or key is
// not header-safe — or "" when it can. Every composer (reminders, reports) checks this.
std::string header_problem(const ReminderKey& key, const Unit& recipient,
                           const ReminderMessageOptions& options);

// The chat-robot form of the same reminder (chat_text.hpp): the subject as title, the body's
// lines with the "办理：" link, no attachment; the recipient needs no e-mail address. Fails
// when recipient.id is not key.unit_id or the activity is not the responsible unit's.
ComposedChat compose_reminder_chat(const ReminderKey& key, const Plan& plan, const Item& item,
                                   const StoredActivity& activity, const Unit& recipient,
                                   const HolidayCalendar& holidays,
                                   const ReminderMessageOptions& options);

// Composes the message for the reminder `key` about `activity` (of `item` of `plan`) to
// `recipient`, the unit key.unit_id. The unit whose work it is: key.escalated_unit for an
// overdue notice to an escalation unit, else the recipient. Fails when the recipient has
// no e-mail address, an address or the message id is not header-safe, recipient.id is
// not key.unit_id, or the activity is not the responsible unit's.
ComposedMessage compose_reminder_message(const ReminderKey& key, const Plan& plan, const Item& item,
                                         const StoredActivity& activity, const Unit& recipient,
                                         const HolidayCalendar& holidays,
                                         const ReminderMessageOptions& options);

}  // namespace plancal::calendar
