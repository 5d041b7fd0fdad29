// The outline of a plan in the PostgreSQL store: the plan row, its units, and its items with
// their responsible units — everything but the activities (pg_activities.hpp). An import
// rewrites the outline only when it differs from plan_outline().
#pragma once

#include <pqxx/transaction_base>

#include <optional>
#include <string_view>

#include "calendar/model/clock.hpp"
#include "calendar/model/plan.hpp"

namespace plancal::calendar {

// The stored outline (items without activities), or nullopt if the plan is unknown.
std::optional<Plan> read_pg_plan_outline(pqxx::transaction_base& tx, std::string_view plan_id);

// Upserts the plan row (a new row gets last_modified = now; an existing one keeps its
// own) and replaces the plan's units and items.
void write_pg_plan_outline(pqxx::transaction_base& tx, const Plan& plan, TimePoint now);

// Sets the plan's last_modified to max(stored, now): it never moves backwards.
void touch_pg_plan(pqxx::transaction_base& tx, std::string_view plan_id, TimePoint now);

}  // namespace plancal::calendar
