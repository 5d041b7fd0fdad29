// Where plancal's notion of "now" comes from. Everything that needs the time takes a
// Clock (or a time point) so tests and rehearsals can set it; nothing reads the system
// clock directly. The daemon's --now clock is daemon::OffsetClock; tests move a
// testing::ManualClock (tests/support/manual_clock.hpp).
#pragma once

#include <chrono>

namespace plancal::calendar {

using TimePoint = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

// The real time.
class SystemClock final : public Clock {
 public:
  TimePoint now() const override;
};

}  // namespace plancal::calendar
