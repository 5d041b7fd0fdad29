#include "daemon/units/unit_desk.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

namespace plancal::daemon {
namespace {

using calendar::UnitAction;
using calendar::UnitActionKind;

constexpr size_t kMaxNoteBytes = 2000;
constexpr size_t kLatestNotes = 10;

// The facts of every (item, unit) of a plan, read once.
struct PlanFacts {
  std::map<std::pair<std::string, std::string>, std::vector<UnitAction>> actions;
  std::set<std::pair<std::string, std::string>> acknowledged;
  calendar::ApprovedExtensions approved;

  calendar::UnitItemFacts of(const std::string& item, const std::string& unit) const {
    calendar::UnitItemFacts facts;
    if (auto it = actions.find({item, unit}); it != actions.end()) facts.actions = it->second;
    facts.acknowledged = acknowledged.count({item, unit}) > 0;
    if (auto it = approved.find({item, unit}); it != approved.end())
      facts.approved_due = it->second;
    return facts;
  }
};

PlanFacts read_facts(const UnitDeskStores& stores, const std::string& plan_id,
                     std::string_view item_id = {}) {
  PlanFacts facts;
  for (UnitAction& a : stores.unit_actions.list(plan_id, item_id))
    facts.actions[{a.item_id, a.unit_id}].push_back(std::move(a));
  facts.acknowledged = stores.acknowledgements.acknowledged(plan_id);
  facts.approved = stores.unit_actions.approved_extensions(plan_id);
  return facts;
}

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
  view.facts = read_facts(stores_, plan.id, view.item->id).of(view.item->id, view.unit->id);
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
  stores_.audit_log.record(kUnitLinkUid, "unit-" + post.action.substr(0, 16),
                           args.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                           result, clock_.now());
}

std::optional<BoardView> UnitDesk::board(const DataSnapshot& snapshot,
                                         const calendar::LinkPath& link,
                                         const BoardFilter& filter) const {
  const PlanData* data = snapshot.find_plan(link.target.plan_id);
  if (data == nullptr) return std::nullopt;
  if (link.token.empty() ? !data->plan.board_public : !keys_.valid(link)) return std::nullopt;
  const calendar::Plan& plan = data->plan;
  BoardView view;
  view.plan = data;
  view.today = plan.local_date(clock_.now());
  view.sections = plan.sections();
  const PlanFacts facts = read_facts(stores_, plan.id);

  std::map<std::string, UnitTally> tallies;
  for (const calendar::Item& item : plan.items) {
    const std::string section = plan.section_of(item);
    for (const calendar::Unit& unit : plan.units) {
      if (!item.involves(unit.id)) continue;
      BoardRow row{&item, &unit, section,
                   calendar::item_status(plan, item, unit.id, facts.of(item.id, unit.id), holidays_,
                                         view.today, options_.yellow_days)};
      UnitTally& tally = tallies[unit.id];
      tally.unit = &unit;
      ++tally.items;
      tally.red += row.status.light == calendar::Light::kRed;
      tally.yellow += row.status.light == calendar::Light::kYellow;
      tally.green += row.status.light == calendar::Light::kGreen;
      tally.not_received += row.status.state == calendar::ItemState::kNotReceived;
      if ((filter.section.empty() || filter.section == section) &&
          (filter.unit.empty() || filter.unit == unit.id))
        view.rows.push_back(std::move(row));
    }
  }
  for (auto& [id, tally] : tallies) view.tallies.push_back(tally);
  std::stable_sort(view.tallies.begin(), view.tallies.end(),
                   [](const UnitTally& a, const UnitTally& b) {
                     return std::tie(b.red, b.yellow) < std::tie(a.red, a.yellow);
                   });
  for (const auto& [key, actions] : facts.actions)
    for (const UnitAction& a : actions)
      if (a.kind == UnitActionKind::kProgress) view.latest_progress.push_back(a);
  std::sort(view.latest_progress.begin(), view.latest_progress.end(),
            [](const UnitAction& a, const UnitAction& b) { return a.id > b.id; });
  if (view.latest_progress.size() > kLatestNotes) view.latest_progress.resize(kLatestNotes);
  return view;
}

}  // namespace plancal::daemon
