// A clock for tests: it reads what it was set to and moves only when told (advance, set),
// so a test steps through time instead of sleeping.
#pragma once

#include <chrono>

#include "calendar/model/clock.hpp"

namespace plancal::testing {

class ManualClock final : public calendar::Clock {
 public:
  explicit ManualClock(calendar::TimePoint start) : now_(start) {}
  calendar::TimePoint now() const override { return now_; }
  void advance(std::chrono::seconds by) { now_ += by; }
  void set(calendar::TimePoint t) { now_ = t; }

 private:
  calendar::TimePoint now_;
};

}  // namespace plancal::testing
