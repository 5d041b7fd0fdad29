// The 督办 board of one plan: every item × responsible unit with its state and light
// (calendar/supervision/), the 情况通报 counts per unit, and the latest progress notes —
// for the board page and the weekly report. Store failures throw calendar::StoreError.
#pragma once

#include <string>
#include <vector>

#include "calendar/model/date.hpp"
#include "calendar/model/holiday_calendar.hpp"
#include "calendar/supervision/item_status.hpp"
#include "daemon/data/data_snapshot.hpp"
#include "daemon/units/plan_facts.hpp"

namespace plancal::daemon {

// One item × unit of the board.
struct BoardRow {
  const calendar::Item* item = nullptr;
  const calendar::Unit* unit = nullptr;
  std::string section;
  calendar::ItemStatus status;
};

// 情况通报: one unit's counts on the board.
struct UnitTally {
  const calendar::Unit* unit = nullptr;
  int red = 0, yellow = 0, green = 0, not_received = 0, items = 0;
};

struct BoardView {
  const PlanData* plan = nullptr;
  calendar::Date today{};
  std::vector<BoardRow> rows;         // after the filters, in item order, then unit order
  std::vector<UnitTally> tallies;     // over all rows (unfiltered), most red lights first
  std::vector<std::string> sections;  // every section, for the filter
  std::vector<calendar::UnitAction> latest_progress;  // the newest notes first, at most 10
};

struct BoardFilter {
  std::string section;  // empty: all
  std::string unit;     // a unit id; empty: all
};

// The board of `plan` on `today` (a light is yellow within `yellow_days` working days).
BoardView build_board(const PlanData& plan, const UnitFactStores& stores,
                      const calendar::HolidayCalendar& holidays, calendar::Date today,
                      int yellow_days, const BoardFilter& filter = {});

}  // namespace plancal::daemon
