#include "calendar/store/unit_actions.hpp"

#include "calendar/model/enum_names.hpp"

namespace plancal::calendar {
namespace {

constexpr EnumNames<UnitActionKind, 4> kKindNames{{
    {UnitActionKind::kReceipt, "receipt"},
    {UnitActionKind::kProgress, "progress"},
    {UnitActionKind::kDone, "done"},
    {UnitActionKind::kExtend, "extend"},
}};

constexpr EnumNames<ExtensionState, 3> kStateNames{{
    {ExtensionState::kPending, "pending"},
    {ExtensionState::kApproved, "approved"},
    {ExtensionState::kRejected, "rejected"},
}};

}  // namespace

std::string_view to_string(UnitActionKind kind) { return name_of(kKindNames, kind); }

std::optional<UnitActionKind> parse_unit_action_kind(std::string_view text) {
  UnitActionKind kind{};
  if (!value_of(kKindNames, text, kind)) return std::nullopt;
  return kind;
}

std::string_view to_string(ExtensionState state) { return name_of(kStateNames, state); }

ApprovedExtensions approved_dates(const std::vector<ExtensionRequest>& requests) {
  ApprovedExtensions out;
  for (const ExtensionRequest& e : requests) {
    if (e.state != ExtensionState::kApproved) continue;
    out[{e.request.item_id, e.request.unit_id}] = *e.request.until;  // oldest first: last wins
  }
  return out;
}

}  // namespace plancal::calendar
