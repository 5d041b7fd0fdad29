#include "calendar/store/outbox.hpp"

#include "calendar/crypto/sha256.hpp"
#include "calendar/model/enum_names.hpp"

namespace plancal::calendar {
namespace {

constexpr EnumNames<OutboxState, 6> kStateNames{{
    {OutboxState::kPending, "pending"},
    {OutboxState::kSending, "sending"},
    {OutboxState::kSent, "sent"},
    {OutboxState::kFailed, "failed"},
    {OutboxState::kCancelled, "cancelled"},
    {OutboxState::kSkipped, "skipped"},
}};

}  // namespace

std::string_view to_string(OutboxState state) { return name_of(kStateNames, state); }

bool parse_outbox_state(std::string_view text, OutboxState& out) {
  return value_of(kStateNames, text, out);
}

std::int64_t& OutboxCounts::of(OutboxState state) {
  switch (state) {
    case OutboxState::kPending:
      return pending;
    case OutboxState::kSending:
      return sending;
    case OutboxState::kSent:
      return sent;
    case OutboxState::kFailed:
      return failed;
    case OutboxState::kCancelled:
      return cancelled;
    case OutboxState::kSkipped:
      break;
  }
  return skipped;
}

std::string reminder_message_id(const ReminderKey& key) {
  return sha256_hex(key.to_string(), 16) + "." + std::string(to_string(key.kind)) + "@plancal";
}

}  // namespace plancal::calendar
