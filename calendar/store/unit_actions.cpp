#include "calendar/store/unit_actions.hpp"

#include <array>

namespace plancal::calendar {
namespace {

constexpr std::array<std::pair<UnitActionKind, std::string_view>, 4> kKindNames{{
    {UnitActionKind::kReceipt, "receipt"},
    {UnitActionKind::kProgress, "progress"},
    {UnitActionKind::kDone, "done"},
    {UnitActionKind::kExtend, "extend"},
}};

}  // namespace

std::string_view to_string(UnitActionKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "?";
}

std::optional<UnitActionKind> parse_unit_action_kind(std::string_view text) {
  for (const auto& [kind, name] : kKindNames)
    if (name == text) return kind;
  return std::nullopt;
}

std::string_view to_string(ExtensionState state) {
  switch (state) {
    case ExtensionState::kPending:
      return "pending";
    case ExtensionState::kApproved:
      return "approved";
    case ExtensionState::kRejected:
      return "rejected";
  }
  return "?";
}

}  // namespace plancal::calendar
