#include "calendar/outbox.hpp"

#include <array>

#include "calendar/sha256.hpp"

namespace plancal::calendar {
namespace {

constexpr std::array<OutboxState, 6> kStates = {OutboxState::kPending,   OutboxState::kSending,
                                                OutboxState::kSent,      OutboxState::kFailed,
                                                OutboxState::kCancelled, OutboxState::kSkipped};

}  // namespace

std::string_view to_string(OutboxState state) {
  switch (state) {
    case OutboxState::kPending:
      return "pending";
    case OutboxState::kSending:
      return "sending";
    case OutboxState::kSent:
      return "sent";
    case OutboxState::kFailed:
      return "failed";
    case OutboxState::kCancelled:
      return "cancelled";
    case OutboxState::kSkipped:
      return "skipped";
  }
  return "?";
}

bool parse_outbox_state(std::string_view text, OutboxState& out) {
  for (OutboxState state : kStates)
    if (to_string(state) == text) {
      out = state;
      return true;
    }
  return false;
}

std::string reminder_message_id(const ReminderKey& key) {
  return sha256_hex(key.to_string(), 16) + "." + std::string(to_string(key.kind)) + "@plancal";
}

}  // namespace plancal::calendar
