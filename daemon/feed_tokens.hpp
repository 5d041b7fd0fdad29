// The secrets that guard each unit's private work feed (/feeds/<id>.ics?token=...).
// FeedTokens is the interface the router asks; RandomFeedTokens is the in-memory
// implementation used until the admin socket lands: each unit gets 32 random bytes (64 hex
// digits) from /dev/urandom (via std::random_device), drawn once per process,
// never derived from anything guessable. Tokens are not persisted, so they change at every
// restart; persistence, listing and rotation come with the admin socket (plancalctl).
// Not thread-safe: ensure() and token_for() run on the daemon's one thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace plancal::daemon {

class FeedTokens {
 public:
  virtual ~FeedTokens() = default;
  // The unit's current token; nullopt when the unit has none (its feed is then unreachable).
  virtual std::optional<std::string> token_for(std::string_view unit_id) const = 0;
};

class RandomFeedTokens final : public FeedTokens {
 public:
  static constexpr size_t kTokenBytes = 32;

  // Gives `unit_id` a fresh random token unless it has one. Throws std::runtime_error if
  // the random source fails.
  void ensure(std::string_view unit_id);
  std::optional<std::string> token_for(std::string_view unit_id) const override;

 private:
  std::map<std::string, std::string, std::less<>> tokens_;
};

// Compares in time that depends only on the lengths, not on where the texts differ.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace plancal::daemon
