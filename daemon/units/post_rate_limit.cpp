#include "daemon/units/post_rate_limit.hpp"

#include <algorithm>

namespace plancal::daemon {

std::optional<std::chrono::seconds> PostRateLimit::admit(std::string_view token,
                                                         calendar::TimePoint now) {
  for (auto it = recent_.begin(); it != recent_.end();) {
    std::deque<calendar::TimePoint>& times = it->second;
    while (!times.empty() && times.front() + window_ <= now) times.pop_front();
    it = times.empty() ? recent_.erase(it) : std::next(it);
  }
  auto it = recent_.find(token);
  if (it == recent_.end())
    it = recent_.emplace(std::string(token), std::deque<calendar::TimePoint>{}).first;
  std::deque<calendar::TimePoint>& times = it->second;
  if (static_cast<int>(times.size()) >= burst_) {
    const auto wait =
        std::chrono::duration_cast<std::chrono::seconds>(times.front() + window_ - now);
    return std::max(wait, std::chrono::seconds(1));
  }
  times.push_back(now);
  return std::nullopt;
}

}  // namespace plancal::daemon
