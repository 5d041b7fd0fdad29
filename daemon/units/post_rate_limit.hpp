// A limit on the forms one personal link may post: at most `burst` within any `window`
// (a sliding window per token, kept in memory). Beyond it the caller answers 429 with
// Retry-After. Forgets tokens whose window has passed, so it stays small. Not thread-safe.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "calendar/model/clock.hpp"

namespace plancal::daemon {

class PostRateLimit {
 public:
  PostRateLimit(int burst, std::chrono::seconds window) : burst_(burst), window_(window) {}

  // Counts a post of `token` at `now`; nullopt when it is admitted, else how long to wait.
  std::optional<std::chrono::seconds> admit(std::string_view token, calendar::TimePoint now);

 private:
  int burst_;
  std::chrono::seconds window_;
  std::map<std::string, std::deque<calendar::TimePoint>, std::less<>> recent_;
};

}  // namespace plancal::daemon
