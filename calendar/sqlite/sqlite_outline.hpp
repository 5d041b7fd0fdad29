// The outline of a plan in the SQLite store: the plan row, its units, and its items with
// their responsible units — everything but the activities, which import versions one by
// one (see sqlite_activities.hpp). An import rewrites the outline only when it differs
// from plan_outline() (calendar/store/plan_import.hpp).
#pragma once

#include <optional>
#include <string_view>

#include "calendar/model/clock.hpp"
#include "calendar/model/plan.hpp"

namespace SQLite {
class Database;
}

namespace plancal::calendar {

// The stored outline (items without activities), or nullopt if the plan is unknown.
std::optional<Plan> read_plan_outline(SQLite::Database& db, std::string_view plan_id);

// Upserts the plan row (a new row gets last_modified = now; an existing one keeps its
// own) and replaces the plan's units and items. Run inside a transaction.
void write_plan_outline(SQLite::Database& db, const Plan& plan, TimePoint now);

// Sets the plan's last_modified to max(stored, now): it never moves backwards.
void touch_plan(SQLite::Database& db, std::string_view plan_id, TimePoint now);

}  // namespace plancal::calendar
