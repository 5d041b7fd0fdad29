#include "daemon/reminders/reminder_scheduler.hpp"

#include <algorithm>
#include <utility>

#include <spdlog/spdlog.h>

#include "calendar/model/time_format.hpp"
#include "calendar/reminders/reminder_channels.hpp"
#include "calendar/reminders/reminder_message.hpp"
#include "calendar/reminders/reminder_planner.hpp"
#include "calendar/reminders/report_message.hpp"
#include "calendar/reminders/report_planner.hpp"
#include "daemon/units/board.hpp"
#include "daemon/units/weekly_report.hpp"

namespace plancal::daemon {

using calendar::OutboxEntry;
using calendar::TimePoint;

namespace {

// The data a reminder's message is made of, or the reason it cannot be found.
struct ReminderData {
  const calendar::Plan* plan = nullptr;
  const calendar::Item* item = nullptr;
  const calendar::StoredActivity* activity = nullptr;
  const calendar::Unit* recipient = nullptr;
  std::string missing;
};

using Skip = std::function<std::optional<Delivery>(const std::string&)>;

// `entry` ready for the transport of its channel: the e-mail `mail` composes, or on a chat
// channel the text `chat` composes, for the recipient's robot of that id. Skipped (`skip`)
// when the robot is gone or the message cannot be composed.
std::optional<Delivery> delivery_for(const OutboxEntry& entry, const calendar::Unit& recipient,
                                     bool late, const std::function<calendar::ComposedChat()>& chat,
                                     const std::function<calendar::ComposedMessage()>& mail,
                                     const Skip& skip) {
  Delivery out{entry.key.to_string(), entry.key.unit_id, entry.attempts, late, {}, std::nullopt};
  if (entry.key.channel.empty()) {
    calendar::ComposedMessage composed = mail();
    if (!composed.message) return skip("cannot compose the message: " + composed.error);
    out.message = std::move(*composed.message);
    return out;
  }
  const calendar::Webhook* webhook = recipient.find_webhook(entry.key.channel);
  if (webhook == nullptr)
    return skip("unit " + recipient.id + " has no chat robot " + entry.key.channel);
  calendar::ComposedChat composed = chat();
  if (!composed.text) return skip("cannot compose the chat message: " + composed.error);
  out.chat = ChatDelivery{*webhook, std::move(*composed.text)};
  return out;
}

ReminderData find_data(const DataSnapshot& snapshot, const OutboxEntry& entry) {
  ReminderData out;
  const PlanData* plan = snapshot.find_plan(entry.plan_id);
  if (plan == nullptr) {
    out.missing = "plan " + entry.plan_id + " is not in the data";
    return out;
  }
  out.plan = &plan->plan;
  out.item = plan->plan.find_item(entry.item_id);
  out.activity = plan->find_activity(entry.key.activity_uid);
  out.recipient = plan->plan.find_unit(entry.key.unit_id);
  if (out.item == nullptr) out.missing = "item " + entry.item_id + " is not in the data";
  if (out.activity == nullptr) out.missing = "activity " + entry.key.activity_uid + " is gone";
  if (out.recipient == nullptr) out.missing = "unit " + entry.key.unit_id + " is not in the plan";
  return out;
}

}  // namespace

ReminderScheduler::ReminderScheduler(ReminderStores stores, const LinkKeys& links,
                                     const calendar::Clock& clock,
                                     const calendar::HolidayCalendar& holidays,
                                     const calendar::ReminderPolicy& policy,
                                     SchedulerOptions options, Backoff backoff)
    : outbox_(stores.outbox),
      acknowledgements_(stores.acknowledgements),
      unit_actions_(stores.unit_actions),
      links_(links),
      clock_(clock),
      holidays_(holidays),
      policy_(policy),
      options_(std::move(options)),
      backoff_(std::move(backoff)) {}

int ReminderScheduler::recover_in_flight() {
  const int recovered = outbox_.recover_in_flight(clock_.now());
  spdlog::info("reminders: outbox recovered: {} reminder(s) left sending by the last run {}",
               recovered, recovered == 0 ? "(none)" : "will be sent again");
  return recovered;
}

int ReminderScheduler::reclaim_expired() {
  const int reclaimed = outbox_.reclaim_expired(clock_.now());
  if (reclaimed > 0)
    spdlog::warn(
        "reminders: {} reminder(s) whose claim lapsed ({} s lease not renewed: the daemon that "
        "claimed them died, or lost its batch to a store error): pending again (one may have "
        "been delivered already)",
        reclaimed, options_.claim_lease.count());
  return reclaimed;
}

int ReminderScheduler::renew(const std::vector<std::string>& keys) {
  const int renewed = outbox_.renew_claims(keys, clock_.now(), options_.claim_lease);
  if (renewed < static_cast<int>(keys.size()))
    spdlog::warn(
        "reminders: {} of {} claim(s) could not be renewed: their lease had lapsed and another "
        "daemon may send them too",
        keys.size() - renewed, keys.size());
  return renewed;
}

calendar::ReplanResult ReminderScheduler::replan(std::shared_ptr<const DataSnapshot> snapshot) {
  set_snapshot(std::move(snapshot));
  return replan();
}

calendar::ReplanResult ReminderScheduler::replan() {
  if (!snapshot_) return {};
  return replan(planning_request(), {outbox_, acknowledgements_, unit_actions_});
}

void ReminderScheduler::set_snapshot(std::shared_ptr<const DataSnapshot> snapshot) {
  snapshot_ = std::move(snapshot);
}

PlanningRequest ReminderScheduler::planning_request() const {
  return {snapshot_, holidays_, clock_.now()};
}

calendar::ReplanResult ReminderScheduler::replan(const PlanningRequest& request,
                                                 ReminderStores stores) const {
  if (!request.snapshot) return {};
  const TimePoint now = request.now;
  std::vector<calendar::PlannedReminder> planned;
  for (const PlanData& plan : request.snapshot->plans) {
    const auto acknowledged = stores.acknowledgements.acknowledged(plan.plan.id);
    calendar::PlanningOptions planning;
    planning.extended_due = stores.unit_actions.approved_extensions(plan.plan.id);
    auto reminders = calendar::plan_reminders(plan.plan, plan.activities, request.holidays, policy_,
                                              acknowledged, now, planning);
    if (options_.weekly_report) {
      auto reports =
          calendar::plan_weekly_reports(plan.plan, request.holidays, *options_.weekly_report, now);
      std::move(reports.begin(), reports.end(), std::back_inserter(reminders));
    }
    reminders = calendar::on_every_channel(plan.plan, std::move(reminders));
    std::move(reminders.begin(), reminders.end(), std::back_inserter(planned));
  }
  const calendar::ReplanResult result = stores.outbox.replan(planned, now);
  stores.outbox.set_last_planned_at(now);
  spdlog::info(
      "reminders: planned {} at {}: {} new, {} moved, {} restored, {} unchanged, {} kept, {} "
      "cancelled",
      planned.size(), calendar::format_iso_instant(now, policy_.utc_offset_minutes),
      result.inserted, result.rescheduled, result.restored, result.unchanged, result.kept,
      result.cancelled);
  return result;
}

bool ReminderScheduler::replan_due() {
  const auto last = outbox_.last_planned_at();
  return !last || policy_.local_date(*last) != policy_.local_date(clock_.now());
}

std::chrono::seconds ReminderScheduler::wait() {
  const auto next = outbox_.next_due();
  if (!next) return options_.max_wait;
  const auto until = std::chrono::duration_cast<std::chrono::seconds>(*next - clock_.now());
  return std::clamp(until, std::chrono::seconds(0), options_.max_wait);
}

std::vector<Delivery> ReminderScheduler::claim() {
  const TimePoint now = clock_.now();
  std::vector<Delivery> out;
  const std::vector<OutboxEntry> claimed =
      outbox_.claim_due(now, options_.batch_size, options_.claim_lease);
  for (const OutboxEntry& entry : claimed) {
    if (auto delivery = prepare(entry, now)) out.push_back(std::move(*delivery));
  }
  if (claimed.size() < size_t(options_.batch_size)) log_late_skips();  // the backlog is drained
  return out;
}

void ReminderScheduler::log_late_skips() {
  for (const auto& [plan_kind, skips] : late_skips_) {
    spdlog::info("reminders: {} reminder(s) of {} ({}) fell due before now: skipped; oldest {}",
                 skips.count, plan_kind.first, plan_kind.second,
                 calendar::format_iso_instant(skips.oldest, policy_.utc_offset_minutes));
  }
  late_skips_.clear();
}

std::optional<Delivery> ReminderScheduler::prepare(const OutboxEntry& entry, TimePoint now) {
  const std::string key = entry.key.to_string();
  auto skip = [&](const std::string& reason) -> std::optional<Delivery> {
    spdlog::warn("reminder {} to {}: skipped: {}", key, entry.key.unit_id, reason);
    if (!outbox_.mark_skipped(key, reason, now)) {
      spdlog::error("reminder {}: could not mark skipped (no longer sending)", key);
    }
    return std::nullopt;
  };
  const DeliveryDecision decision =
      decide_delivery(entry, now, policy_.utc_offset_minutes, options_.timing);
  if (decision.action == DeliveryAction::kSkip) {
    spdlog::debug("reminder {} to {}: skipped: {}", key, entry.key.unit_id, decision.reason);
    LateSkips& skips =
        late_skips_[{entry.plan_id, std::string(calendar::to_string(entry.key.kind))}];
    if (skips.count++ == 0 || entry.send_at < skips.oldest) skips.oldest = entry.send_at;
    if (!outbox_.mark_skipped(key, decision.reason, now))
      spdlog::error("reminder {}: could not mark skipped (no longer sending)", key);
    return std::nullopt;
  }
  if (!snapshot_) return skip("no data loaded");
  if (entry.key.kind == calendar::ReminderKind::kReport)
    return prepare_report(entry, now, decision.action == DeliveryAction::kSendLate, skip);
  const ReminderData data = find_data(*snapshot_, entry);
  if (!data.missing.empty()) return skip(data.missing);

  calendar::ReminderMessageOptions message_options;
  message_options.message_id = entry.message_id;
  message_options.from_address = options_.from_address;
  message_options.from_name = options_.from_name;
  message_options.base_url = options_.base_url;
  message_options.action_url =
      entry.key.escalated_unit.empty()
          ? links_.url_for({entry.plan_id, entry.item_id, entry.key.unit_id})
          : links_.url_for({entry.plan_id, "", ""});
  message_options.now = now;
  message_options.late = decision.action == DeliveryAction::kSendLate;
  if (message_options.late) {
    spdlog::info("reminder {} to {}: late (due {}), sending it marked late", key, entry.key.unit_id,
                 calendar::format_iso_instant(intended_time(entry), policy_.utc_offset_minutes));
  }
  return delivery_for(
      entry, *data.recipient, message_options.late,
      [&] {
        return calendar::compose_reminder_chat(entry.key, *data.plan, *data.item, *data.activity,
                                               *data.recipient, holidays_, message_options);
      },
      [&] {
        return calendar::compose_reminder_message(entry.key, *data.plan, *data.item, *data.activity,
                                                  *data.recipient, holidays_, message_options);
      },
      skip);
}

std::optional<Delivery> ReminderScheduler::prepare_report(
    const OutboxEntry& entry, TimePoint now, bool late,
    const std::function<std::optional<Delivery>(const std::string&)>& skip) {
  const PlanData* plan = snapshot_->find_plan(entry.plan_id);
  if (plan == nullptr) return skip("plan " + entry.plan_id + " is not in the data");
  const calendar::Unit* recipient = plan->plan.find_unit(entry.key.unit_id);
  if (recipient == nullptr) return skip("unit " + entry.key.unit_id + " is not in the plan");
  const BoardView board = build_board(*plan, {unit_actions_, acknowledgements_}, holidays_,
                                      plan->plan.local_date(now), options_.yellow_days);
  const calendar::WeeklyReport report = weekly_report(
      board, unit_actions_.extensions(plan->plan.id), links_.url_for({plan->plan.id, "", ""}));
  calendar::ReminderMessageOptions message_options;
  message_options.message_id = entry.message_id;
  message_options.from_address = options_.from_address;
  message_options.now = now;
  return delivery_for(
      entry, *recipient, late,
      [&] { return calendar::compose_report_chat(entry.key, report, *recipient); },
      [&] {
        return calendar::compose_report_message(entry.key, report, *recipient,
                                                plan->plan.utc_offset_minutes(), message_options);
      },
      skip);
}

void ReminderScheduler::record(const std::string& key, const std::string& unit_id, int attempts,
                               const DeliveryResult& result) {
  const TimePoint now = clock_.now();
  bool marked = false;
  if (result.ok) {
    marked = outbox_.mark_sent(key, now);
    spdlog::info("reminder {} to {}: sent (attempt {})", key, unit_id, attempts);
  } else if (result.permanent) {
    marked = outbox_.mark_failed(key, result.error, now);
    spdlog::error("reminder {} to {}: failed for good after {} attempt(s): {}", key, unit_id,
                  attempts, result.error);
  } else if (result.rate_limited) {
    const std::chrono::seconds delay = backoff_.delay(attempts);
    marked = outbox_.mark_retry(key, result.error, now + delay, now);
    spdlog::warn("reminder {}: attempt {}: {}; waiting {} s", key, attempts, result.error,
                 delay.count());
  } else if (backoff_.exhausted(attempts)) {
    marked = outbox_.mark_failed(key, result.error, now);
    spdlog::error(
        "reminder {} to {}: GIVING UP after {} attempts; last error: {} (the admin command "
        "retry sends it again)",
        key, unit_id, attempts, result.error);
  } else {
    const std::chrono::seconds delay = backoff_.delay(attempts);
    marked = outbox_.mark_retry(key, result.error, now + delay, now);
    spdlog::info("reminder {}: attempt {} failed: {}; retrying in {} s", key, attempts,
                 result.error, delay.count());
  }
  if (!marked)
    spdlog::error("reminder {}: outcome not recorded: the row is no longer sending", key);
}

}  // namespace plancal::daemon
