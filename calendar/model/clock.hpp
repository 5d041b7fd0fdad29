// Where plancal's notion of "now" comes from. Everything that needs the time takes a
// Clock (or a time point) so tests and rehearsals can set it; nothing reads the system
// clock directly.
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

// A clock that starts at a given instant and advances with real time (the daemon's
// --now), or stays put until moved (tests).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
  TimePoint now() const override { return now_; }
  void advance(std::chrono::seconds by) { now_ += by; }
  void set(TimePoint t) { now_ = t; }

 private:
  TimePoint now_;
};

}  // namespace plancal::calendar
