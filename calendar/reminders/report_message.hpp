// The e-mail of a plan's weekly 情况通报 (report_planner.hpp) to its escalation unit: the red
// and yellow items by unit, the receipts still missing and the extensions waiting for a
// decision, as text/plain and text/html (UTF-8, base64) in a multipart/alternative, with
// the board's private link ("督办：<URL>"). The caller gathers the content (the daemon, from
// the board); this only writes it. Headers as in reminder_message.hpp. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "calendar/model/date.hpp"
#include "calendar/model/reminder.hpp"
#include "calendar/model/unit.hpp"
#include "calendar/reminders/reminder_message.hpp"

namespace plancal::calendar {

struct WeeklyReport {
  std::string plan_title;
  std::string document_number;
  Date today{};
  struct UnitLights {
    std::string unit_name;
    std::vector<std::string> red;  // "9. 缓缴社会保险费补缴截止（期限 2023-12-31）"
    std::vector<std::string> yellow;  // likewise
  };
  std::vector<UnitLights> units;              // units with a red or yellow light, most red first
  std::vector<std::string> missing_receipts;  // "区经委：3. …"
  std::vector<std::string> pending_extensions;  // "区医保局 · 9. …：申请延期至 2024-01-31（理由）"
  std::string board_url;
};

// The chat-robot form (chat_text.hpp): the board link first, then the same sections as a
// markdown list. Fails only when recipient.id is not key.unit_id.
ComposedChat compose_report_chat(const ReminderKey& key, const WeeklyReport& report,
                                 const Unit& recipient);

// Fails (no message) when header_problem() names one (reminder_message.hpp).
ComposedMessage compose_report_message(const ReminderKey& key, const WeeklyReport& report,
                                       const Unit& recipient, int utc_offset_minutes,
                                       const ReminderMessageOptions& options);

}  // namespace plancal::calendar
