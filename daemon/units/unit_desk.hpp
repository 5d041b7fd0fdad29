// The units' desk: what a responsible unit sees and does through its personal link
// (docs/units.md), and the 督办 board of a plan. It checks a link against the data being
// served and the link key (a wrong, old or foreign token is the same "no such page" as an
// unknown path), gathers the unit's reports, and takes its posts:
//   receipt   签收: recorded once
//   progress  进展: a note (required)
//   done      办结: an optional note; acknowledges the item for the unit (as plancalctl ack),
//             so its remaining reminders and overdue notices are cancelled by the re-plan
//   extend    申请延期: a requested date (after today) and a reason; operators decide it
// A post repeating the unit's last one changes nothing. Posts are limited per link
// (kPostBurst per kPostWindow), and every accepted or refused post is in the audit log
// with its time and the client's address (by_uid kUnitLinkUid). Store failures throw
// calendar::StoreError: the caller answers 500 and logs it. Event-loop thread only.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "calendar/model/clock.hpp"
#include "calendar/model/holiday_calendar.hpp"
#include "calendar/store/acknowledgements.hpp"
#include "calendar/store/audit_log.hpp"
#include "calendar/store/unit_actions.hpp"
#include "calendar/supervision/item_status.hpp"
#include "daemon/data/data_snapshot.hpp"
#include "daemon/units/board.hpp"
#include "daemon/units/link_keys.hpp"
#include "daemon/units/post_rate_limit.hpp"

namespace plancal::daemon {

// The by_uid of what a unit did through its link, in the audit log and acknowledgements.
inline constexpr std::int64_t kUnitLinkUid = -1;
inline constexpr int kPostBurst = 10;
inline constexpr std::chrono::seconds kPostWindow{60};

struct UnitDeskStores {
  calendar::UnitActionStore& unit_actions;
  calendar::AcknowledgementStore& acknowledgements;
  calendar::AuditLog& audit_log;
};

struct UnitDeskOptions {
  int yellow_days = 3;  // [units] yellow_working_days
};

// One unit's page for one item.
struct WorkView {
  const PlanData* plan = nullptr;
  const calendar::Item* item = nullptr;
  const calendar::Unit* unit = nullptr;
  std::vector<const calendar::Activity*> activities;  // the unit's, in item order
  calendar::UnitItemFacts facts;
  std::vector<calendar::ExtensionRequest> extensions;  // the unit's on the item
  calendar::ItemStatus status;
  calendar::Date today{};
};

// A form as posted: the fields of docs/units.md, and who sent it.
struct UnitPost {
  std::string action;  // receipt, progress, done, extend
  std::string note;
  std::string until;  // YYYY-MM-DD, for extend
  std::string client;
};

struct PostOutcome {
  enum class Kind { kStored, kRepeat, kInvalid, kRateLimited };
  Kind kind = Kind::kStored;
  std::string message;                 // kInvalid: what is wrong, for the unit
  std::chrono::seconds retry_after{};  // kRateLimited
};

class UnitDesk {
 public:
  // `replan` re-plans reminders (after done). All references must outlive the desk.
  UnitDesk(UnitDeskStores stores, const LinkKeys& keys, const calendar::Clock& clock,
           const calendar::HolidayCalendar& holidays, std::function<void()> replan,
           UnitDeskOptions options = {});

  // The page behind a personal link; nullopt when the link is not valid for the data.
  std::optional<WorkView> work(const DataSnapshot& snapshot, const calendar::LinkPath& link) const;

  // Takes a post to a personal link; nullopt when the link is not valid (the caller
  // answers 404 and nothing is stored).
  std::optional<PostOutcome> post(const DataSnapshot& snapshot, const calendar::LinkPath& link,
                                  const UnitPost& post);

  // The board behind a board link, or of a board_public plan when `link.token` is empty;
  // nullopt otherwise.
  std::optional<BoardView> board(const DataSnapshot& snapshot, const calendar::LinkPath& link,
                                 const BoardFilter& filter) const;

 private:
  PostOutcome apply(const WorkView& view, const calendar::LinkPath& link, const UnitPost& post);
  void audit(const WorkView& view, const UnitPost& post, std::string_view result);

  UnitDeskStores stores_;
  const LinkKeys& keys_;
  const calendar::Clock& clock_;
  const calendar::HolidayCalendar& holidays_;
  std::function<void()> replan_;
  UnitDeskOptions options_;
  PostRateLimit rate_limit_{kPostBurst, kPostWindow};
};

}  // namespace plancal::daemon
