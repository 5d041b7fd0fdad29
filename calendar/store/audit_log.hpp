// The audit log of administrative commands (acknowledge, retry, snooze, rotate a token,
// ...): who ran what with which arguments and what came of it. Append-only. Backend
// failures throw StoreError. Not thread-safe: one owner at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/clock.hpp"

namespace plancal::calendar {

struct AuditEntry {
  std::int64_t id = 0;  // increasing: later entries have larger ids
  TimePoint at{};
  std::int64_t by_uid = 0;  // the Unix user (admin socket peer)
  std::string command;
  std::string arguments_json;  // a JSON value
  std::string result;          // "ok" or the error reported to the user
  bool operator==(const AuditEntry&) const = default;
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;

  // Appends an entry. Throws StoreError if arguments_json is not valid JSON.
  virtual void record(std::int64_t by_uid, std::string_view command,
                      std::string_view arguments_json, std::string_view result, TimePoint now) = 0;
  // The latest `limit` entries, newest first.
  virtual std::vector<AuditEntry> recent(int limit) = 0;
};

}  // namespace plancal::calendar
