#include "calendar/model/activity_fingerprint.hpp"

#include <string_view>

namespace plancal::calendar {
namespace {

constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

class Hasher {
 public:
  void add_byte(unsigned char byte) {
    hash_ ^= byte;
    hash_ *= kFnvPrime;
  }
  void add(std::uint64_t value) {
    for (int shift = 0; shift < 64; shift += 8)
      add_byte(static_cast<unsigned char>(value >> shift));
  }
  void add(std::string_view text) {
    add(static_cast<std::uint64_t>(text.size()));
    for (char c : text) add_byte(static_cast<unsigned char>(c));
  }
  void add(bool flag) { add_byte(flag ? 1 : 0); }
  void add(Date date) {
    add(static_cast<std::uint64_t>(static_cast<std::int64_t>(int(date.year()))));
    add_byte(static_cast<unsigned char>(unsigned(date.month())));
    add_byte(static_cast<unsigned char>(unsigned(date.day())));
  }
  void add(const Reading& reading) {
    add(static_cast<std::uint64_t>(reading.kind));
    add(static_cast<std::uint64_t>(reading.precision));
    add(reading.start);
    add(reading.end);
    add(std::string_view(reading.rrule));
    add(reading.approximate);
    add(reading.ambiguous);
    add(reading.open_end);
    add(std::string_view(reading.phrase));
    add(static_cast<std::uint64_t>(reading.alternatives.size()));
    for (const auto& alternative : reading.alternatives) add(alternative);
    add(static_cast<std::uint64_t>(reading.items.size()));
    for (const auto& item : reading.items) add(item);
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = kFnvOffsetBasis;
};

}  // namespace

std::uint64_t activity_fingerprint(const Activity& activity) {
  Hasher h;
  h.add(std::string_view(activity.title));
  h.add(to_string(activity.category));
  h.add(activity.schedule);
  h.add(std::string_view(activity.location));
  h.add(std::string_view(activity.source_phrase));
  h.add(std::string_view(activity.item_id));
  h.add(activity.pinned);
  h.add(activity.is_public);
  h.add(static_cast<std::uint64_t>(activity.units.size()));
  for (const auto& unit : activity.units) h.add(std::string_view(unit));
  return h.value();
}

}  // namespace plancal::calendar
