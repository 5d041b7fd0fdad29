#include "calendar/model/clock.hpp"

namespace plancal::calendar {

TimePoint SystemClock::now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace plancal::calendar
