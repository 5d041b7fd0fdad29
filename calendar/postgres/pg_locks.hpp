// The advisory locks the PostgreSQL store takes (pg_advisory_xact_lock: held to the end of
// the transaction), so that of several daemons sharing a database only one at a time
// migrates the schema, and only one at a time imports plans or re-plans the outbox; the
// others wait their turn and then find the work done (unchanged).
#pragma once

#include <cstdint>

namespace plancal::calendar {

// Arbitrary, fixed keys ("plancal" in ASCII, then a number).
inline constexpr std::int64_t kMigrationLock = 0x706c616e63616c01;
inline constexpr std::int64_t kPlanningLock = 0x706c616e63616c02;

}  // namespace plancal::calendar
