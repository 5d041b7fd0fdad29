#include "daemon/reminders/reminder_scheduler.hpp"
#include "calendar/backends/open_store.hpp"

#include <doctest/doctest.h>

#include <functional>

#include <algorithm>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "calendar/plan_file/holiday_file.hpp"
#include "tests/support/daemon_fixture.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace plancal;
using namespace plancal::daemon;
using calendar::OutboxState;
using calendar::ReminderKind;
using calendar::TimePoint;
using std::chrono::seconds;

// Records every message and answers with scripted results (ok when the script is empty).
class FakeTransport final : public MailTransport {
 public:
  DeliveryResult send(const MailMessage& message) override {
    sent.push_back(message);
    if (script.empty()) return DeliveryResult::success();
    DeliveryResult next = script.front();
    script.pop_front();
    return next;
  }
  std::deque<DeliveryResult> script;
  std::vector<MailMessage> sent;
};

// A store, the fixture plan (rsj with an address) and a scheduler over a ManualClock.
struct Harness {
  using Tune = std::function<void(calendar::Plan&, SchedulerOptions&)>;
  explicit Harness(TimePoint start, bool with_address = true, const Tune& tune = {})
      : clock(start) {
    calendar::Plan plan = daemon::testing::test_plan();
    if (with_address) plan.units[0].emails = {"rsj@example.org"};
    SchedulerOptions options;
    if (tune) tune(plan, options);
    snapshot = daemon::testing::make_snapshot(plan, daemon::testing::stored(plan, start), 1, start);
    holidays =
        calendar::load_holiday_folder(std::filesystem::path(PLANCAL_DEFAULT_DATA_DIR) / "holidays")
            .calendar;
    options.from_address = "plancal@example.org";
    options.backoff.max_attempts = 3;
    store = calendar::open_store({tmp.file("plancal.db")});
    links = std::make_unique<LinkKeys>(tmp.file("link-secret"), "http://cal.example");
    scheduler = std::make_unique<ReminderScheduler>(
        ReminderStores{store->outbox(), store->acknowledgements(), store->unit_actions()}, *links,
        clock, holidays, policy, options, Backoff(options.backoff, [] { return 0.5; }));
    scheduler->replan(snapshot);
  }

  // Claims, sends through the fake transport and records; returns the deliveries.
  std::vector<Delivery> run_once() {
    std::vector<Delivery> batch = scheduler->claim();
    for (const Delivery& d : batch)
      scheduler->record(d.key, d.unit_id, d.attempts, transport.send(d.message));
    return batch;
  }

  std::vector<calendar::OutboxEntry> rows(std::optional<OutboxState> state = std::nullopt) {
    calendar::OutboxFilter filter;
    filter.state = state;
    return store->outbox().list(filter);
  }

  calendar::OutboxEntry row(const std::string& key) { return *store->outbox().find(key); }

  // The first pending row of `kind` (by send time).
  calendar::OutboxEntry first(ReminderKind kind) {
    for (const auto& entry : rows(OutboxState::kPending))
      if (entry.key.kind == kind) return entry;
    FAIL("no pending row of that kind");
    return {};
  }

  plancal::testing::TempDir tmp;
  plancal::testing::ManualClock clock;
  std::shared_ptr<const DataSnapshot> snapshot;
  calendar::HolidayCalendar holidays;
  calendar::ReminderPolicy policy;
  std::unique_ptr<calendar::Store> store;
  std::unique_ptr<LinkKeys> links;
  std::unique_ptr<ReminderScheduler> scheduler;
  FakeTransport transport;
};

const TimePoint kApril = daemon::testing::instant(2023, 4, 1);

}  // namespace

TEST_CASE("the timer waits for the earliest due reminder, at most max_wait") {
  Harness h(kApril);
  const auto pending = h.rows(OutboxState::kPending);
  REQUIRE_FALSE(pending.empty());
  CHECK(h.scheduler->wait() == seconds(60));  // weeks away: capped
  h.clock.set(pending.front().send_at - seconds(10));
  CHECK(h.scheduler->wait() == seconds(10));
  h.clock.set(pending.front().send_at + seconds(10));
  CHECK(h.scheduler->wait() == seconds(0));
  CHECK(h.store->outbox().last_planned_at() == kApril);
}

TEST_CASE("due reminders are sent to the unit with their fixed Message-ID, then marked sent") {
  Harness h(kApril);
  const calendar::OutboxEntry entry = h.rows(OutboxState::kPending).front();
  h.clock.set(entry.send_at);
  const auto batch = h.run_once();
  REQUIRE_FALSE(batch.empty());
  CHECK(batch.front().key == entry.key.to_string());
  CHECK_FALSE(batch.front().late);
  CHECK(batch.front().attempts == 1);
  REQUIRE(h.transport.sent.size() == batch.size());
  CHECK(h.transport.sent.front().message_id == entry.message_id);
  CHECK(h.transport.sent.front().recipients == std::vector<std::string>{"rsj@example.org"});
  CHECK(h.transport.sent.front().envelope_from == "plancal@example.org");
  CHECK(h.row(batch.front().key).state == OutboxState::kSent);
  CHECK(h.run_once().empty());  // nothing due twice
}

TEST_CASE("transient failures back off, then fail after max_attempts") {
  Harness h(kApril);
  const calendar::OutboxEntry entry = h.rows(OutboxState::kPending).front();
  const std::string key = entry.key.to_string();
  h.clock.set(entry.send_at);
  h.transport.script = {DeliveryResult::transient("SMTP reply 0: connection refused"),
                        DeliveryResult::transient("SMTP reply 451"),
                        DeliveryResult::transient("SMTP reply 451 again")};
  h.run_once();
  CHECK(h.row(key).state == OutboxState::kPending);
  CHECK(h.row(key).next_attempt_at == entry.send_at + seconds(30));
  CHECK(h.scheduler->wait() == seconds(30));
  h.clock.advance(seconds(30));
  h.run_once();
  CHECK(h.row(key).next_attempt_at == entry.send_at + seconds(30 + 60));
  h.clock.advance(seconds(60));
  h.run_once();
  const auto failed = h.row(key);
  CHECK(failed.state == OutboxState::kFailed);
  CHECK(failed.attempts == 3);
  CHECK(failed.last_error == "SMTP reply 451 again");
  CHECK(h.transport.sent.size() == 3);
}

TEST_CASE("a permanent failure fails at once") {
  Harness h(kApril);
  const calendar::OutboxEntry entry = h.rows(OutboxState::kPending).front();
  h.clock.set(entry.send_at);
  h.transport.script = {DeliveryResult::permanent_failure("SMTP reply 550")};
  h.run_once();
  CHECK(h.row(entry.key.to_string()).state == OutboxState::kFailed);
  CHECK(h.row(entry.key.to_string()).attempts == 1);
}

TEST_CASE("a reminder found late is sent marked late while the activity has not started") {
  Harness h(kApril);
  const calendar::OutboxEntry entry = h.first(ReminderKind::kBeforeStart);
  h.clock.set(entry.send_at + std::chrono::hours(2));  // the daemon was down 2 h
  const auto batch = h.run_once();
  const auto it = std::find_if(batch.begin(), batch.end(),
                               [&](const Delivery& d) { return d.key == entry.key.to_string(); });
  REQUIRE(it != batch.end());
  CHECK(it->late);
  CHECK(h.row(it->key).state == OutboxState::kSent);
}

TEST_CASE("a reminder found after its activity started is skipped with the reason") {
  Harness h(kApril);
  const calendar::OutboxEntry entry = h.first(ReminderKind::kBeforeStart);
  // The local day after the occurrence began: the activity has started.
  h.clock.set(TimePoint{std::chrono::sys_days{calendar::add_days(entry.key.occurrence, 1)}});
  const auto batch = h.run_once();
  for (const Delivery& d : batch) CHECK(d.key != entry.key.to_string());
  const auto skipped = h.row(entry.key.to_string());
  CHECK(skipped.state == OutboxState::kSkipped);
  CHECK(skipped.last_error.find("too late: the activity started") != std::string::npos);
}

TEST_CASE("a reminder to a unit without an address is skipped, not retried") {
  Harness h(kApril, /*with_address=*/false);
  const calendar::OutboxEntry entry = h.rows(OutboxState::kPending).front();
  h.clock.set(entry.send_at);
  CHECK(h.run_once().empty());
  const auto skipped = h.row(entry.key.to_string());
  CHECK(skipped.state == OutboxState::kSkipped);
  CHECK(skipped.last_error.find("cannot compose") != std::string::npos);
  CHECK(h.transport.sent.empty());
}

TEST_CASE("recovery puts rows left sending back; planning is due again on a new local day") {
  Harness h(kApril);
  const calendar::OutboxEntry entry = h.rows(OutboxState::kPending).front();
  h.clock.set(entry.send_at);
  const auto claimed = h.scheduler->claim();  // the crash: never recorded
  REQUIRE_FALSE(claimed.empty());
  CHECK(h.row(claimed.front().key).state == OutboxState::kSending);
  CHECK(h.scheduler->recover_in_flight() == static_cast<int>(claimed.size()));
  const auto again = h.run_once();
  REQUIRE(again.size() == claimed.size());
  CHECK(again.front().attempts == 2);
  CHECK(h.transport.sent.front().message_id == claimed.front().message.message_id);
  CHECK(h.scheduler->replan_due());  // planned on 04-01, now later
  h.scheduler->replan();
  CHECK_FALSE(h.scheduler->replan_due());
}

TEST_CASE("the weekly report is planned per week, sent once, and never again after a restart") {
  // Wednesday 2023-05-03: this week's report is due Friday 05-05 16:00.
  Harness h(daemon::testing::instant(2023, 5, 3), true,
            [](calendar::Plan& plan, SchedulerOptions& options) {
              plan.escalation_unit = "rsj";
              options.weekly_report = calendar::WeeklyReportTime{};
            });
  const std::string key = "test-2023.report@plancal/2023-05-01/rsj/report/0";
  REQUIRE(h.store->outbox().find(key));
  CHECK(h.store->outbox().find("test-2023.report@plancal/2023-05-08/rsj/report/0"));
  h.clock.set(h.row(key).send_at);
  std::vector<Delivery> batch = h.run_once();
  const auto report =
      std::find_if(batch.begin(), batch.end(), [&](const Delivery& d) { return d.key == key; });
  REQUIRE(report != batch.end());
  CHECK(report->message.recipients == std::vector<std::string>{"rsj@example.org"});
  CHECK(report->message.bytes.find("X-Plancal-Reminder-Key: " + key + "\r\n") != std::string::npos);
  CHECK(h.row(key).state == OutboxState::kSent);
  // A restart in the same week plans the same key again: it stays sent.
  h.scheduler->recover_in_flight();
  h.scheduler->replan(h.snapshot);
  CHECK(h.row(key).state == OutboxState::kSent);
  h.clock.advance(seconds(3600));
  for (const Delivery& d : h.run_once()) CHECK(d.key != key);
}

TEST_CASE("an approved extension moves the unit's planned deadline in the outbox") {
  Harness h(kApril);
  const auto deadline_rows = [&](const std::string& occurrence) {
    int n = 0;
    for (const auto& e : h.rows(OutboxState::kPending))
      n += e.key.kind == ReminderKind::kBeforeDeadline &&
           calendar::to_iso(e.key.occurrence) == occurrence;
    return n;
  };
  REQUIRE(deadline_rows("2023-06-30") > 0);
  calendar::UnitAction request;
  request.plan_id = "test-2023";
  request.item_id = "a1";
  request.unit_id = "rsj";
  request.kind = calendar::UnitActionKind::kExtend;
  request.note = "x";
  request.until = calendar::make_date(2023, 7, 14);
  const auto id = h.store->unit_actions().record(request, kApril);
  REQUIRE(id);
  REQUIRE(h.store->unit_actions().decide_extension(*id, true, "", 1000, kApril));
  h.scheduler->replan();
  CHECK(deadline_rows("2023-06-30") == 0);
  CHECK(deadline_rows("2023-07-14") > 0);
}

TEST_CASE("a batch lost to a store error is reclaimed once its claim's lease expired") {
  Harness h(kApril);
  const calendar::OutboxEntry entry = h.rows(OutboxState::kPending).front();
  h.clock.set(entry.send_at);
  const auto lost = h.scheduler->claim();  // claimed, then the batch is lost: never sent
  REQUIRE_FALSE(lost.empty());
  h.clock.advance(seconds(60));
  CHECK(h.scheduler->reclaim_expired() == 0);  // within the lease: could still be sending
  CHECK(h.row(lost.front().key).state == OutboxState::kSending);
  h.clock.advance(h.scheduler->options().claim_lease);
  CHECK(h.scheduler->reclaim_expired() == static_cast<int>(lost.size()));
  const auto again = h.run_once();
  REQUIRE(again.size() == lost.size());
  CHECK(again.front().attempts == 2);
  CHECK(h.transport.sent.front().message_id == lost.front().message.message_id);
  CHECK(h.row(lost.front().key).state == OutboxState::kSent);
}

TEST_CASE("claims renewed while sending outlive the lease; a lapsed one is taken back") {
  Harness h(kApril);
  const auto pending = h.rows(OutboxState::kPending);
  REQUIRE(pending.size() >= 2);
  const seconds lease = h.scheduler->options().claim_lease;
  // Two rows claimed under the scheduler's lease, as one batch would be.
  h.clock.set(pending[1].send_at);
  const auto batch = h.store->outbox().claim_due(h.clock.now(), 2, lease);
  REQUIRE(batch.size() == 2);
  const std::string first = batch[0].key.to_string(), second = batch[1].key.to_string();
  h.clock.advance(lease / 2);
  CHECK(h.scheduler->renew({first}) == 1);  // still sending the first
  h.clock.advance(lease / 2);
  CHECK(h.scheduler->reclaim_expired() == 1);  // the second lapsed
  CHECK(h.row(first).state == OutboxState::kSending);
  CHECK(h.row(second).state == OutboxState::kPending);
  CHECK(h.scheduler->renew({first, second}) == 1);  // the second is no longer ours
}

TEST_CASE("a unit's chat robot is a channel of its own: the chat form, and the e-mail too") {
  Harness h(kApril, true, [](calendar::Plan& plan, SchedulerOptions&) {
    plan.units[0].webhooks = {{"group", calendar::RobotKind::kWecom, "https://robot.example/", ""}};
  });
  const calendar::OutboxEntry entry = h.rows(OutboxState::kPending).front();
  h.clock.set(entry.send_at);
  const auto batch = h.scheduler->claim();
  const Delivery* mail = nullptr;
  const Delivery* chat = nullptr;
  for (const Delivery& d : batch) {
    if (d.key == entry.key.to_string()) mail = &d;
    calendar::ReminderKey chat_key = entry.key;
    chat_key.channel = "group";
    if (d.key == chat_key.to_string()) chat = &d;
  }
  REQUIRE(mail != nullptr);
  REQUIRE(chat != nullptr);
  CHECK_FALSE(mail->chat);
  CHECK_FALSE(mail->message.bytes.empty());
  REQUIRE(chat->chat);
  CHECK(chat->message.bytes.empty());
  CHECK(chat->chat->webhook.url == "https://robot.example/");
  CHECK(chat->chat->text.markdown.find("办理：[http://cal.example/work/test-2023/") !=
        std::string::npos);
}
