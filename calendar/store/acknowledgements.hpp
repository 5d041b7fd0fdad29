// Acknowledgements: a responsible unit declares an item done or handled (plancalctl ack),
// after which the planner sends that unit nothing more about the item. Stored apart from
// the plan, so re-importing a plan keeps them; the caller checks that the item and unit
// exist. Backend failures throw StoreError. Not thread-safe: one owner at a time.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calendar/model/clock.hpp"

namespace plancal::calendar {

struct Acknowledgement {
  std::string plan_id;
  std::string item_id;
  std::string unit_id;
  std::string note;
  std::int64_t by_uid = 0;  // the Unix user who acknowledged (admin socket peer)
  TimePoint at{};
  bool operator==(const Acknowledgement&) const = default;
};

// The (item id, unit id) pairs of `acks`: every backend's acknowledged().
std::set<std::pair<std::string, std::string>> acknowledged_pairs(std::vector<Acknowledgement> acks);

class AcknowledgementStore {
 public:
  virtual ~AcknowledgementStore() = default;

  // Records that `unit_id` acknowledged the item. Returns true if it was not acknowledged
  // before; acknowledging again replaces note, by_uid and time and returns false.
  virtual bool ack(std::string_view plan_id, std::string_view item_id, std::string_view unit_id,
                   std::string_view note, std::int64_t by_uid, TimePoint now) = 0;

  // Withdraws an acknowledgement. Returns false if there was none.
  virtual bool unack(std::string_view plan_id, std::string_view item_id,
                     std::string_view unit_id) = 0;

  // The plan's acknowledgements by item id, then unit id.
  virtual std::vector<Acknowledgement> list(std::string_view plan_id) = 0;

  // The same as (item id, unit id) pairs: the planner's Acknowledgements.
  virtual std::set<std::pair<std::string, std::string>> acknowledged(std::string_view plan_id) = 0;
};

}  // namespace plancal::calendar
