// A plan's 督办 board (/board/<plan>/<token>, or /board/<plan> when board_public): every
// item × unit with its state and light, the 情况通报 table of counts per unit (most red
// lights first), filters by section and unit, and the latest progress notes.
// Server-rendered, no script, no external asset.
#pragma once

#include <string>
#include <string_view>

#include "daemon/units/unit_desk.hpp"

namespace plancal::daemon {

// `self` is the board's URL (base URL and path), which the filter links extend with
// ?section=…&unit=….
std::string render_board_page(const BoardView& view, const BoardFilter& filter,
                              std::string_view self);

}  // namespace plancal::daemon
