// The content of a plan's weekly 情况通报 (calendar/reminders/report_message.hpp) from its
// board: the red and yellow items of each unit (units with most red lights first), the
// items a unit has not signed for, and the extension requests waiting for a decision.
#pragma once

#include <string>
#include <vector>

#include "calendar/reminders/report_message.hpp"
#include "calendar/store/unit_actions.hpp"
#include "daemon/units/board.hpp"

namespace plancal::daemon {

// `extensions`: the plan's requests (only pending ones are reported); `board_url` the
// board's private link for the recipient.
calendar::WeeklyReport weekly_report(const BoardView& board,
                                     const std::vector<calendar::ExtensionRequest>& extensions,
                                     std::string board_url);

}  // namespace plancal::daemon
