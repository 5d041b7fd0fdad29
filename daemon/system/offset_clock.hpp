// OffsetClock: the daemon's clock under --now. It reads another clock (the real one in
// plancald, a testing::ManualClock in tests) and shifts it so that it read `start` when the
// OffsetClock was made; from then on it advances with the underlying clock. Thread-safe
// if the underlying clock is.
#pragma once

#include "calendar/model/clock.hpp"

namespace plancal::daemon {

class OffsetClock final : public calendar::Clock {
 public:
  // `base` must outlive this clock.
  OffsetClock(calendar::TimePoint start, const calendar::Clock& base)
      : base_(base), offset_(start - base.now()) {}

  calendar::TimePoint now() const override { return base_.now() + offset_; }

 private:
  const calendar::Clock& base_;
  std::chrono::seconds offset_;
};

}  // namespace plancal::daemon
