#include "calendar/store/outbox.hpp"

#include <doctest/doctest.h>

#include <set>

#include "tests/support/test_store.hpp"

using namespace plancal::calendar;
using plancal::testing::TestStore;

namespace {

TimePoint at(int hour) { return TimePoint{std::chrono::hours{hour + 470'000}}; }

constexpr std::chrono::seconds kLease = std::chrono::hours(1);

PlannedReminder reminder(std::string uid, std::string unit, int send_hour,
                         ReminderKind kind = ReminderKind::kBeforeDeadline, int lead = 7) {
  PlannedReminder r;
  r.key.activity_uid = std::move(uid);
  r.key.occurrence = make_date(2023, 6, 30);
  r.key.unit_id = unit;
  r.key.kind = kind;
  r.key.lead_days = lead;
  r.send_at = at(send_hour);
  r.plan_id = "jinshan-2023";
  r.item_id = "m5";
  r.about_unit = std::move(unit);
  return r;
}

std::string key(const PlannedReminder& r) { return r.key.to_string(); }

OutboxState state_of(Outbox& outbox, const PlannedReminder& r) {
  auto entry = outbox.find(key(r));
  REQUIRE(entry);
  return entry->state;
}

}  // namespace

TEST_CASE("outbox: message ids are fixed by the key and distinct between keys") {
  const PlannedReminder a = reminder("jinshan-2023.m5.1@plancal", "rsj", 10);
  PlannedReminder b = a;
  b.key.lead_days = 1;
  CHECK(reminder_message_id(a.key) == reminder_message_id(a.key));
  CHECK(reminder_message_id(a.key) != reminder_message_id(b.key));
  const std::string id = reminder_message_id(a.key);
  CHECK(id.size() == 32 + std::string(".before_deadline@plancal").size());
  CHECK(id.ends_with(".before_deadline@plancal"));
  CHECK(id.find_first_not_of("0123456789abcdef") == 32);

  std::set<std::string> ids;
  for (int lead = 0; lead < 2000; ++lead) {
    b.key.lead_days = lead;
    ids.insert(reminder_message_id(b.key));
  }
  CHECK(ids.size() == 2000);
}

TEST_CASE("outbox: replan inserts, is idempotent, moves and cancels") {
  TestStore backend;
  auto store = backend.open();
  Outbox& outbox = store->outbox();
  const auto a = reminder("u.a", "rsj", 10);
  const auto b = reminder("u.b", "fgw", 20);
  CHECK(outbox.replan({a, b}, at(0)) == ReplanResult{.inserted = 2});
  CHECK(outbox.replan({a, b}, at(1)) == ReplanResult{.unchanged = 2});

  auto entry = outbox.find(key(a));
  REQUIRE(entry);
  CHECK(entry->key == a.key);
  CHECK(entry->plan_id == "jinshan-2023");
  CHECK(entry->item_id == "m5");
  CHECK(entry->about_unit == "rsj");
  CHECK(entry->state == OutboxState::kPending);
  CHECK(entry->send_at == at(10));
  CHECK(entry->due_at == at(10));
  CHECK(entry->attempts == 0);
  CHECK(entry->message_id == reminder_message_id(a.key));
  CHECK(entry->created == at(0));
  CHECK(entry->updated == at(0));
  CHECK_FALSE(entry->late);

  SUBCASE("a moved activity moves the send time") {
    auto moved = a;
    moved.send_at = at(30);
    CHECK(outbox.replan({moved, b}, at(2)) == ReplanResult{.rescheduled = 1, .unchanged = 1});
    entry = outbox.find(key(a));
    CHECK(entry->send_at == at(30));
    CHECK(entry->updated == at(2));
    CHECK(entry->created == at(0));
    CHECK(outbox.next_due() == at(20));
  }
  SUBCASE("a vanished reminder is cancelled, and restored when planned again") {
    CHECK(outbox.replan({b}, at(2)) == ReplanResult{.unchanged = 1, .cancelled = 1});
    CHECK(state_of(outbox, a) == OutboxState::kCancelled);
    CHECK(outbox.next_due() == at(20));
    CHECK(outbox.replan({b}, at(3)) == ReplanResult{.unchanged = 1});
    CHECK(outbox.replan({a, b}, at(4)) == ReplanResult{.restored = 1, .unchanged = 1});
    CHECK(state_of(outbox, a) == OutboxState::kPending);
  }
  SUBCASE("planned after its send time: late") {
    const auto old = reminder("u.old", "rsj", 1);
    outbox.replan({a, b, old}, at(5));
    CHECK(outbox.find(key(old))->late);
    CHECK_FALSE(outbox.find(key(a))->late);
  }
}

TEST_CASE("outbox: sent and in-flight rows are never touched by planning") {
  TestStore backend;
  auto store = backend.open();
  Outbox& outbox = store->outbox();
  const auto a = reminder("u.a", "rsj", 10);
  const auto b = reminder("u.b", "rsj", 11);
  outbox.replan({a, b}, at(0));
  REQUIRE(outbox.claim_due(at(11), 10, kLease).size() == 2);
  CHECK(outbox.mark_sent(key(a), at(11)));

  CHECK(outbox.replan({}, at(12)) == ReplanResult{});
  auto moved_a = a, moved_b = b;
  moved_a.send_at = moved_b.send_at = at(40);
  CHECK(outbox.replan({moved_a, moved_b}, at(13)) == ReplanResult{.kept = 2});
  const auto sent = outbox.find(key(a));
  CHECK(sent->state == OutboxState::kSent);
  CHECK(sent->sent_at == at(11));
  CHECK(sent->send_at == at(10));
  CHECK(state_of(outbox, b) == OutboxState::kSending);
  CHECK(outbox.counts() == OutboxCounts{.sending = 1, .sent = 1});
  CHECK_FALSE(outbox.next_due());
  CHECK_FALSE(outbox.mark_sent(key(a), at(14)));  // not sending any more
}

TEST_CASE("outbox: claim_due takes due pending rows in order, up to the limit") {
  TestStore backend;
  auto store = backend.open();
  Outbox& outbox = store->outbox();
  const auto a = reminder("u.a", "rsj", 10), b = reminder("u.b", "rsj", 12),
             c = reminder("u.c", "rsj", 11), later = reminder("u.d", "rsj", 50);
  outbox.replan({a, b, c, later}, at(0));
  CHECK(outbox.next_due() == at(10));
  CHECK(outbox.claim_due(at(9), 10, kLease).empty());

  const auto first = outbox.claim_due(at(20), 2, kLease);
  REQUIRE(first.size() == 2);
  CHECK(first[0].key == a.key);
  CHECK(first[1].key == c.key);
  for (const auto& entry : first) {
    CHECK(entry.state == OutboxState::kSending);
    CHECK(entry.attempts == 1);
    CHECK(entry.updated == at(20));
    CHECK(entry.message_id == reminder_message_id(entry.key));
  }
  CHECK(outbox.next_due() == at(12));
  const auto second = outbox.claim_due(at(20), 10, kLease);
  REQUIRE(second.size() == 1);
  CHECK(second[0].key == b.key);
  CHECK(outbox.next_due() == at(50));
  CHECK(outbox.counts() == OutboxCounts{.pending = 1, .sending = 3});
}

TEST_CASE("outbox: a claim whose lease expired goes back to pending; a recent one stays") {
  TestStore backend;
  auto store = backend.open();
  Outbox& outbox = store->outbox();
  const auto a = reminder("u.a", "rsj", 10), b = reminder("u.b", "rsj", 20);
  outbox.replan({a, b}, at(0));
  const auto claimed = outbox.claim_due(at(10), 10, kLease);  // a, until 11
  REQUIRE(claimed.size() == 1);
  CHECK(claimed[0].claimed_by == store->instance_id());
  CHECK(claimed[0].lease_until == at(11));
  REQUIRE(outbox.claim_due(at(25), 10, kLease).size() == 1);  // b, until 26
  CHECK(outbox.reclaim_expired(at(10) + std::chrono::minutes(59)) == 0);
  CHECK(outbox.reclaim_expired(at(11)) == 1);  // a only
  CHECK(state_of(outbox, a) == OutboxState::kPending);
  CHECK(state_of(outbox, b) == OutboxState::kSending);
  CHECK(outbox.find(a.key.to_string())->last_error.find("expired") != std::string::npos);
  CHECK(outbox.find(a.key.to_string())->attempts == 1);  // kept: the backoff counts on
  CHECK(outbox.find(a.key.to_string())->claimed_by.empty());
  CHECK_FALSE(outbox.mark_sent(a.key.to_string(), at(31)));  // no longer sending
}

TEST_CASE("outbox: a renewed claim outlives its first lease") {
  TestStore backend;
  auto store = backend.open();
  Outbox& outbox = store->outbox();
  const auto a = reminder("u.a", "rsj", 10), b = reminder("u.b", "rsj", 10);
  outbox.replan({a, b}, at(0));
  REQUIRE(outbox.claim_due(at(10), 10, kLease).size() == 2);
  CHECK(outbox.renew_claims({key(a), "no/such/key"}, at(10) + std::chrono::minutes(50), kLease) ==
        1);
  CHECK(outbox.reclaim_expired(at(11)) == 1);  // b: not renewed
  CHECK(state_of(outbox, a) == OutboxState::kSending);
  CHECK(outbox.find(key(a))->lease_until == at(11) + std::chrono::minutes(50));
  CHECK(outbox.renew_claims({key(b)}, at(11), kLease) == 0);  // taken back: not ours any more
  CHECK(outbox.mark_sent(key(a), at(11)));
}

TEST_CASE("outbox: instances sharing it claim disjoint rows and record only their own") {
  TestStore backend;
  auto one = backend.open("one");
  auto two = backend.open("two");
  std::vector<PlannedReminder> planned;
  for (int i = 0; i < 5; ++i) planned.push_back(reminder("u." + std::to_string(i), "rsj", 10));
  one->outbox().replan(planned, at(0));
  const auto first = one->outbox().claim_due(at(10), 3, kLease);
  const auto second = two->outbox().claim_due(at(10), 10, kLease);
  REQUIRE(first.size() == 3);
  REQUIRE(second.size() == 2);
  std::set<std::string> keys;
  for (const auto& e : first) keys.insert(e.key.to_string());
  for (const auto& e : second) keys.insert(e.key.to_string());
  CHECK(keys.size() == 5);
  CHECK(second[0].claimed_by == "two");

  const std::string theirs = first[0].key.to_string();
  CHECK_FALSE(two->outbox().mark_sent(theirs, at(10)));  // one's claim
  CHECK_FALSE(two->outbox().mark_failed(theirs, "x", at(10)));
  CHECK_FALSE(two->outbox().mark_skipped(theirs, "x", at(10)));
  CHECK(two->outbox().recover_in_flight(at(10)) == 2);  // its own only: one's lease holds
  CHECK(one->outbox().find(theirs)->state == OutboxState::kSending);
  CHECK(two->outbox().reclaim_expired(at(11)) == 3);     // one died: its lease ran out
  CHECK_FALSE(one->outbox().mark_sent(theirs, at(11)));  // too late: taken back
  CHECK(two->outbox().claim_due(at(11), 10, kLease).size() == 5);
  CHECK(two->outbox().mark_sent(theirs, at(11)));
}

TEST_CASE("outbox: rows left sending by a crash are recovered with their Message-ID") {
  TestStore backend;
  const auto a = reminder("u.a", "rsj", 10), b = reminder("u.b", "rsj", 11);
  std::string message_id;
  {
    auto store = backend.open();
    store->outbox().replan({a, b}, at(0));
    const auto claimed = store->outbox().claim_due(at(10), 10, kLease);
    REQUIRE(claimed.size() == 1);
    message_id = claimed[0].message_id;
  }  // "crash": the store goes away while a is sending
  auto store = backend.open();
  Outbox& outbox = store->outbox();
  CHECK(state_of(outbox, a) == OutboxState::kSending);
  CHECK(outbox.recover_in_flight(at(30)) == 1);
  CHECK(outbox.recover_in_flight(at(30)) == 0);
  CHECK(outbox.next_due() == at(10));
  const auto again = outbox.claim_due(at(31), 1, kLease);
  REQUIRE(again.size() == 1);
  CHECK(again[0].key == a.key);
  CHECK(again[0].message_id == message_id);
  CHECK(again[0].attempts == 2);
}

TEST_CASE("outbox: backoff, failure, retry_failed and skipping") {
  TestStore backend;
  auto store = backend.open();
  Outbox& outbox = store->outbox();
  const auto a = reminder("u.a", "rsj", 10), b = reminder("u.b", "fgw", 11);
  outbox.replan({a, b}, at(0));
  REQUIRE(outbox.claim_due(at(11), 10, kLease).size() == 2);
  CHECK_FALSE(outbox.last_error());

  CHECK(outbox.mark_retry(key(a), "451 try later", at(15), at(12)));
  CHECK_FALSE(outbox.mark_retry(key(a), "again", at(16), at(12)));  // already pending
  auto entry = outbox.find(key(a));
  CHECK(entry->state == OutboxState::kPending);
  CHECK(entry->next_attempt_at == at(15));
  CHECK(entry->due_at == at(15));
  CHECK(entry->last_error == "451 try later");
  CHECK(outbox.next_due() == at(15));
  CHECK(outbox.claim_due(at(14), 10, kLease).empty());
  CHECK(outbox.claim_due(at(15), 10, kLease).size() == 1);

  CHECK(outbox.mark_failed(key(a), "550 no such user", at(16)));
  CHECK(outbox.last_error() == OutboxError{key(a), "550 no such user", at(16)});
  CHECK(outbox.mark_skipped(key(b), "no e-mail address", at(16)));
  CHECK(outbox.counts() == OutboxCounts{.failed = 1, .skipped = 1});
  CHECK(outbox.replan({a, b}, at(17)) == ReplanResult{.unchanged = 1, .kept = 1});

  CHECK(outbox.retry_failed({.unit = "fgw"}, at(18)) == 0);
  CHECK(outbox.retry_failed({.unit = "rsj"}, at(18)) == 1);
  entry = outbox.find(key(a));
  CHECK(entry->state == OutboxState::kPending);
  CHECK(entry->attempts == 0);
  CHECK_FALSE(entry->next_attempt_at);
  CHECK(outbox.next_due() == at(10));
  CHECK(outbox.counts() == OutboxCounts{.pending = 1, .skipped = 1});
  CHECK_FALSE(outbox.mark_skipped(key(b), "again", at(19)));
}

TEST_CASE("outbox: snooze postpones a pending row") {
  TestStore backend;
  auto store = backend.open();
  Outbox& outbox = store->outbox();
  const auto a = reminder("u.a", "rsj", 10), b = reminder("u.b", "rsj", 20);
  outbox.replan({a, b}, at(0));
  CHECK(outbox.snooze(key(a), at(30), at(1)));
  CHECK_FALSE(outbox.snooze("no/such/key", at(30), at(1)));
  CHECK(outbox.next_due() == at(20));
  CHECK(outbox.claim_due(at(25), 10, kLease).size() == 1);  // b only
  const auto claimed = outbox.claim_due(at(30), 10, kLease);
  REQUIRE(claimed.size() == 1);
  CHECK(claimed[0].key == a.key);
  CHECK(claimed[0].snoozed_until == at(30));
  CHECK_FALSE(outbox.snooze(key(a), at(40), at(31)));  // sending
}

TEST_CASE("outbox: list filters by state, unit and time; planning time persists") {
  TestStore backend;
  {
    auto store = backend.open();
    Outbox& outbox = store->outbox();
    outbox.replan({reminder("u.a", "rsj", 10), reminder("u.b", "fgw", 11),
                   reminder("u.c", "rsj", 12), reminder("u.d", "rsj", 13)},
                  at(0));
    outbox.claim_due(at(10), 1, kLease);
    CHECK_FALSE(outbox.last_planned_at());
    outbox.set_last_planned_at(at(5));
  }
  auto store = backend.open();
  Outbox& outbox = store->outbox();
  CHECK(outbox.last_planned_at() == at(5));
  CHECK(outbox.list({}).size() == 4);
  CHECK(outbox.list({.state = OutboxState::kSending}).at(0).key.activity_uid == "u.a");
  const auto rsj = outbox.list({.unit = "rsj", .from = at(11), .to = at(13)});
  REQUIRE(rsj.size() == 1);
  CHECK(rsj[0].key.activity_uid == "u.c");
  const auto first_two = outbox.list({.limit = 2});
  REQUIRE(first_two.size() == 2);
  CHECK(first_two[1].key.activity_uid == "u.b");
}
