#include "daemon/units/unit_desk.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "daemon/units/plan_facts.hpp"

namespace plancal::daemon {
namespace {

using calendar::UnitAction;
using calendar::UnitActionKind;

constexpr size_t kMaxNoteBytes = 2000;

// Well-formed UTF-8 without control characters other than line breaks and tabs.
bool valid_utf8_text(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    if (c < 0x80) {
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= text.size() && extra > 0) return false;
    for (size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

std::string trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

PostOutcome invalid(std::string message) {
  return {PostOutcome::Kind::kInvalid, std::move(message), {}};
}

}  // namespace

UnitDesk::UnitDesk(UnitDeskStores stores, const LinkKeys& keys, const calendar::Clock& clock,
                   const calendar::HolidayCalendar& holidays, std::function<void()> replan,
                   UnitDeskOptions options)
    : stores_(stores),
      keys_(keys),
      clock_(clock),
      holidays_(holidays),
      replan_(std::move(replan)),
      options_(options) {}

std::optional<WorkView> UnitDesk::work(const DataSnapshot& snapshot,
                                       const calendar::LinkPath& link) const {
  const calendar::LinkTarget& target = link.target;
  if (target.unit_id.empty() || !keys_.valid(link)) return std::nullopt;
  WorkView view;
  view.plan = snapshot.find_plan(target.plan_id);
  if (view.plan == nullptr) return std::nullopt;
  const calendar::Plan& plan = view.plan->plan;
  view.item = plan.find_item(target.item_id);
  view.unit = plan.find_unit(target.unit_id);
  if (view.item == nullptr || view.unit == nullptr || !view.item->involves(target.unit_id))
    return std::nullopt;
  for (const calendar::Activity& a : view.item->activities)
    if (plan.is_responsible(a, target.unit_id)) view.activities.push_back(&a);
  view.facts =
      read_plan_facts({stores_.unit_actions, stores_.acknowledgements}, plan.id, view.item->id)
          .of(view.item->id, view.unit->id);
  for (calendar::ExtensionRequest& e : stores_.unit_actions.extensions(plan.id))
    if (e.request.item_id == view.item->id && e.request.unit_id == view.unit->id)
      view.extensions.push_back(std::move(e));
  view.today = plan.local_date(clock_.now());
  view.status = calendar::item_status(plan, *view.item, view.unit->id, view.facts, holidays_,
                                      view.today, options_.yellow_days);
  return view;
}

std::optional<PostOutcome> UnitDesk::post(const DataSnapshot& snapshot,
                                          const calendar::LinkPath& link, const UnitPost& post) {
  const std::optional<WorkView> view = work(snapshot, link);
  if (!view) return std::nullopt;
  if (auto wait = rate_limit_.admit(link.token, clock_.now())) {
    audit(*view, post, "refused: too many posts");
    return PostOutcome{PostOutcome::Kind::kRateLimited, "too many posts; try again later", *wait};
  }
  PostOutcome outcome = apply(*view, link, post);
  audit(*view, post,
        outcome.kind == PostOutcome::Kind::kStored   ? "ok"
        : outcome.kind == PostOutcome::Kind::kRepeat ? "ok: a repeat, nothing changed"
                                                     : "refused: " + outcome.message);
  return outcome;
}

PostOutcome UnitDesk::apply(const WorkView& view, const calendar::LinkPath& link,
                            const UnitPost& post) {
  const auto kind = calendar::parse_unit_action_kind(post.action);
  if (!kind) return invalid("action must be receipt, progress, done or extend");
  if (post.note.size() > kMaxNoteBytes || !valid_utf8_text(post.note))
    return invalid("the note must be UTF-8 text of at most " + std::to_string(kMaxNoteBytes) +
                   " bytes");
  UnitAction action;
  action.plan_id = link.target.plan_id;
  action.item_id = link.target.item_id;
  action.unit_id = link.target.unit_id;
  action.kind = *kind;
  action.note = trimmed(post.note);
  action.client = post.client;
  if (*kind == UnitActionKind::kProgress && action.note.empty())
    return invalid("a progress report needs a note");
  if (*kind == UnitActionKind::kExtend) {
    action.until = calendar::parse_iso_date(post.until);
    if (!action.until) return invalid("an extension needs the date asked for, as YYYY-MM-DD");
    if (*action.until <= view.today) return invalid("the date asked for must be after today");
    if (action.note.empty()) return invalid("an extension needs a reason");
  }
  const auto stored = stores_.unit_actions.record(action, clock_.now());
  if (*kind == UnitActionKind::kDone) {
    stores_.acknowledgements.ack(action.plan_id, action.item_id, action.unit_id,
                                 action.note.empty() ? "办结" : "办结：" + action.note,
                                 kUnitLinkUid, clock_.now());
    replan_();
  }
  return {stored ? PostOutcome::Kind::kStored : PostOutcome::Kind::kRepeat, {}, {}};
}

void UnitDesk::audit(const WorkView& view, const UnitPost& post, std::string_view result) {
  nlohmann::json args{{"plan", view.plan->plan.id}, {"item", view.item->id},
                      {"unit", view.unit->id},      {"action", post.action},
                      {"note", post.note},          {"client", post.client}};
  if (!post.until.empty()) args["until"] = post.until;
  // The command is one of the four (or "unit-unknown"); what was sent is in the arguments.
  const bool known = calendar::parse_unit_action_kind(post.action).has_value();
  stores_.audit_log.record(kUnitLinkUid, "unit-" + (known ? post.action : std::string("unknown")),
                           args.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                           result, clock_.now());
}

std::optional<BoardView> UnitDesk::board(const DataSnapshot& snapshot,
                                         const calendar::LinkPath& link,
                                         const BoardFilter& filter) const {
  const PlanData* data = snapshot.find_plan(link.target.plan_id);
  if (data == nullptr) return std::nullopt;
  if (link.token.empty() ? !data->plan.board_public : !keys_.valid(link)) return std::nullopt;
  return build_board(*data, {stores_.unit_actions, stores_.acknowledgements}, holidays_,
                     data->plan.local_date(clock_.now()), options_.yellow_days, filter);
}

}  // namespace plancal::daemon
