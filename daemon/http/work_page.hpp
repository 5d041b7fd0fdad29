// A unit's page behind its personal link (/work/<plan>/<item>/<unit>/<token>): the item's
// text, the unit's activities with their dates at the plan's precision, its state and due
// date, what it reported so far and the operators' decisions, and one form (POST to the
// same URL) with the actions 签收, 进展, 办结 and 申请延期. Server-rendered, no script.
#pragma once

#include <string>
#include <string_view>

#include "daemon/units/unit_desk.hpp"

namespace plancal::daemon {

// `form_action` is the form's target, the page itself: its last path segment (the token),
// so the page works behind a proxy that adds a path prefix. `notice`: a line shown above
// the form (empty: none).
std::string render_work_page(const WorkView& view, std::string_view form_action,
                             std::string_view notice);

}  // namespace plancal::daemon
