// What the responsible units say about their items through their personal links (docs/
// units.md): 签收 (receipt), 进展 (a progress note), 办结 (done) and 申请延期 (a request for a
// new due date), and the operators' decisions on those requests. Kept apart from the plan,
// so re-importing a plan keeps them; the caller checks that plan, item and unit exist.
// Backend failures throw StoreError. Not thread-safe: one owner at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/date.hpp"

namespace plancal::calendar {

enum class UnitActionKind { kReceipt, kProgress, kDone, kExtend };

// "receipt", "progress", "done", "extend": the form's and the protocol's names.
std::string_view to_string(UnitActionKind kind);
std::optional<UnitActionKind> parse_unit_action_kind(std::string_view text);

struct UnitAction {
  std::int64_t id = 0;  // increasing: later actions have larger ids
  std::string plan_id;
  std::string item_id;
  std::string unit_id;
  UnitActionKind kind = UnitActionKind::kReceipt;
  std::string note;           // the progress note, the done note, the extension's reason
  std::optional<Date> until;  // kExtend: the date asked for
  TimePoint at{};
  std::string client;  // the client's address, as the HTTP server saw it
  bool operator==(const UnitAction&) const = default;
};

enum class ExtensionState { kPending, kApproved, kRejected };
std::string_view to_string(ExtensionState state);

// An extend action with the operators' decision on it.
struct ExtensionRequest {
  UnitAction request;  // kind kExtend, `until` set
  ExtensionState state = ExtensionState::kPending;
  std::string decision_note;
  std::int64_t decided_by = 0;  // the Unix user (admin socket peer)
  std::optional<TimePoint> decided_at;
  bool operator==(const ExtensionRequest&) const = default;
};

// (item id, unit id) → the approved due date: the planner's ExtendedDues.
using ApprovedExtensions = std::map<std::pair<std::string, std::string>, Date>;

// The approved dates among `requests` (oldest first), the latest approval winning for each
// item and unit: every backend's approved_extensions().
ApprovedExtensions approved_dates(const std::vector<ExtensionRequest>& requests);

class UnitActionStore {
 public:
  virtual ~UnitActionStore() = default;

  // Stores `action` (its id and time are assigned: `now`) and returns its id, unless it
  // repeats what is stored: a receipt when the unit already signed for the item, or the
  // same kind, note and date as the unit's latest action on the item. A repeat returns
  // nullopt and changes nothing, so a form sent twice is harmless. Throws StoreError for
  // an extend action without a date.
  virtual std::optional<std::int64_t> record(const UnitAction& action, TimePoint now) = 0;

  // The plan's actions, oldest first; only those of `item_id` unless it is empty.
  virtual std::vector<UnitAction> list(std::string_view plan_id, std::string_view item_id = {}) = 0;

  // Extension requests, oldest first: of one plan, or of all when `plan_id` is empty.
  virtual std::vector<ExtensionRequest> extensions(std::string_view plan_id = {}) = 0;
  virtual std::optional<ExtensionRequest> extension(std::int64_t id) = 0;

  // Approves or rejects the pending request `id`. False when there is no such request or
  // it was decided already (a decision is final).
  virtual bool decide_extension(std::int64_t id, bool approve, std::string_view note,
                                std::int64_t by_uid, TimePoint now) = 0;

  // The plan's approved dates, the latest approval winning for each item and unit.
  virtual ApprovedExtensions approved_extensions(std::string_view plan_id) = 0;
};

}  // namespace plancal::calendar
