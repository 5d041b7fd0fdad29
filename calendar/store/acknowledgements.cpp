#include "calendar/store/acknowledgements.hpp"

namespace plancal::calendar {

std::set<std::pair<std::string, std::string>> acknowledged_pairs(
    std::vector<Acknowledgement> acks) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (Acknowledgement& ack : acks) pairs.emplace(std::move(ack.item_id), std::move(ack.unit_id));
  return pairs;
}

}  // namespace plancal::calendar
