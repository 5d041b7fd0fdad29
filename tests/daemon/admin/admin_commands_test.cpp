#include "daemon/admin/admin_commands.hpp"
#include "calendar/backends/open_store.hpp"

#include <doctest/doctest.h>

#include "calendar/model/uid.hpp"
#include "tests/support/daemon_fixture.hpp"
#include "tests/support/fake_daemon_control.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using namespace plancal;
using namespace plancal::daemon;
using namespace plancal::daemon::testing;

namespace {

constexpr std::int64_t kCaller = 1000;

struct Admin {
  plancal::testing::TempDir dir;
  std::unique_ptr<calendar::Store> store = calendar::open_store({dir.file("plancal.db")});
  plancal::testing::ManualClock clock{instant(2023, 5, 1) + std::chrono::hours(1)};  // 09:00 +08:00
  FakeDaemonControl control;
  LinkKeys links{dir.file("link-secret"), "http://cal.example"};
  AdminCommands commands{AdminStores::of(*store), control, links, clock, "http://cal.example"};
  calendar::Plan plan = test_plan();

  Admin() {
    store->plans().import_plan(plan, clock.now());
    control.current = make_snapshot(plan, store->plans().activities(plan.id),
                                    store->plans().data_version(), clock.now());
  }

  CommandOutcome run(const std::string& command, json args = json::object()) {
    return commands.run({1, command, std::move(args)}, kCaller);
  }
  json ok(const std::string& command, json args = json::object()) {
    const CommandOutcome outcome = run(command, std::move(args));
    INFO(command << ": " << outcome.error.code << " " << outcome.error.message);
    REQUIRE(outcome.ok);
    return outcome.result;
  }
  AdminError error(const std::string& command, json args = json::object()) {
    const CommandOutcome outcome = run(command, std::move(args));
    REQUIRE_FALSE(outcome.ok);
    CHECK_FALSE(outcome.error.message.empty());
    return outcome.error;
  }

  // One pending reminder for rsj about the deadline a1.3, due on 2023-06-20 09:00.
  std::string add_reminder(calendar::TimePoint send_at) {
    calendar::PlannedReminder r;
    r.key = {calendar::activity_uid(plan.id, "a1.3"),
             calendar::make_date(2023, 6, 30),
             "rsj",
             calendar::ReminderKind::kBeforeDeadline,
             5,
             ""};
    r.send_at = send_at;
    r.plan_id = plan.id;
    r.item_id = "a1";
    r.about_unit = "rsj";
    store->outbox().replan({r}, clock.now());
    return r.key.to_string();
  }
};

}  // namespace

TEST_CASE("admin commands: status combines the daemon and the outbox") {
  Admin a;
  a.add_reminder(instant(2023, 6, 20));
  const json status = a.ok("status");
  CHECK(status["version"] == "9.9.9");
  CHECK(status["reminders"]["pending"] == 1);
  CHECK(status["mail_paused"] == false);
  CHECK(status["last_delivery_error"].is_null());
  CHECK(status["uptime_seconds"].get<std::int64_t>() > 0);
}

TEST_CASE("admin commands: plans, units, items with filters") {
  Admin a;
  CHECK(a.ok("plans")[0]["id"] == "test-2023");
  const json units = a.ok("units", {{"plan", "test-2023"}});
  REQUIRE(units.size() == 1);
  CHECK(units[0]["name"] == "区人社局");
  CHECK(a.ok("items", {{"unit", "rsj"}, {"category", "deadline"}}).size() == 1);
  CHECK(a.ok("items", {{"category", "forum"}}).empty());
  CHECK(a.error("items", {{"unit", "nobody"}}).code == "not_found");
  CHECK(a.error("items", {{"category", "party"}}).code == "bad_argument");
  CHECK(a.error("units", {{"plan", "other"}}).code == "not_found");
}

TEST_CASE("admin commands: upcoming takes days, unit and category") {
  Admin a;
  const json next = a.ok("upcoming", {{"days", 10}});
  CHECK(next["from"] == "2023-05-01");
  CHECK(next["to"] == "2023-05-10");
  CHECK(next["activities"].size() == 2);
  CHECK(a.ok("upcoming", {{"days", 10}, {"category", "job_fair"}})["activities"].size() == 1);
  CHECK(a.ok("upcoming", {{"days", 90}})["activities"].size() == 3);
  CHECK(a.error("upcoming", {{"days", "10"}}).code == "bad_argument");
  CHECK(a.error("upcoming", {{"days", 0}}).code == "bad_argument");
  CHECK(a.error("upcoming", {{"days", 1.5}}).code == "bad_argument");
}

TEST_CASE("admin commands: show an item with activities, acknowledgements, reminders") {
  Admin a;
  a.add_reminder(instant(2023, 6, 20));
  a.ok("ack", {{"item", "a1"}, {"unit", "rsj"}, {"note", "已完成"}});
  const json shown = a.ok("show", {{"item", "a1"}});
  CHECK(shown["item"]["units"][0]["name"] == "区人社局");
  CHECK(shown["activities"].size() == 3);
  CHECK(shown["acknowledgements"][0]["note"] == "已完成");
  CHECK(shown["acknowledgements"][0]["by_uid"] == kCaller);
  CHECK(shown["reminders"].size() == 1);
  CHECK(a.error("show", {{"item", "zz"}}).code == "not_found");
  CHECK(a.error("show").code == "bad_argument");
}

TEST_CASE("admin commands: requests that do not fit are errors, not exceptions") {
  Admin a;
  CHECK(a.error("fly").code == "unknown_command");
  CHECK(a.error("status", {{"verbose", true}}).code == "bad_argument");
  CHECK(a.error("ack", {{"item", 5}, {"unit", "rsj"}}).code == "bad_argument");
  CHECK(a.error("ack", {{"item", ""}, {"unit", "rsj"}}).code == "bad_argument");
  CHECK(a.error("reminders", {{"from", "May 1"}}).code == "bad_argument");
  CHECK(a.error("reminders", {{"state", "lost"}}).code == "bad_argument");
  CHECK(a.error("audit", {{"limit", -1}}).code == "bad_argument");
  CHECK(a.commands.run({nullptr, "status", json::array()}, kCaller).error.code == "bad_request");
}

TEST_CASE("admin commands: ack and unack are audited and re-plan") {
  Admin a;
  const json acked = a.ok("ack", {{"item", "a1"}, {"unit", "rsj"}});
  CHECK(acked["new"] == true);
  CHECK(a.control.replans == 1);
  CHECK(a.store->acknowledgements().acknowledged("test-2023").size() == 1);
  a.ok("unack", {{"item", "a1"}, {"unit", "rsj"}, {"plan", "test-2023"}});
  CHECK(a.control.replans == 2);
  CHECK(a.error("unack", {{"item", "a1"}, {"unit", "rsj"}}).code == "not_found");
  CHECK(a.error("ack", {{"item", "a1"}, {"unit", "fgw"}}).code == "not_found");
  CHECK(a.control.replans == 2);

  const auto audit = a.store->audit_log().recent(10);
  REQUIRE(audit.size() == 4);
  CHECK(audit[3].command == "ack");
  CHECK(audit[3].by_uid == kCaller);
  CHECK(audit[3].result == "ok");
  CHECK(json::parse(audit[3].arguments_json) == json{{"item", "a1"}, {"unit", "rsj"}});
  CHECK(audit[1].result.find("has not acknowledged") != std::string::npos);
  CHECK(a.ok("audit", {{"limit", 2}}).size() == 2);
}

TEST_CASE("admin commands: a failed reload reports file:line and keeps the data") {
  Admin a;
  a.control.next_reload = {false, 1, {{"plans/x.toml", 12, 3, "2月30日", "no such day"}}};
  const AdminError error = a.error("reload");
  CHECK(error.code == "reload_failed");
  CHECK(error.message.find("plans/x.toml:12:3") != std::string::npos);
  CHECK(error.details[0]["line"] == 12);
  a.control.next_reload = {true, 2, {}};
  CHECK(a.ok("reload")["data_version"] == 2);
  CHECK(a.store->audit_log().recent(10).size() == 2);
}

TEST_CASE("admin commands: snooze and retry reminders") {
  Admin a;
  const std::string key = a.add_reminder(instant(2023, 6, 20));
  const json snoozed = a.ok("snooze", {{"key", key}, {"until", "2023-06-25T09:00"}});
  CHECK(snoozed["snoozed_until"] == "2023-06-25T09:00:00+08:00");
  CHECK(a.store->outbox().find(key)->snoozed_until.has_value());
  CHECK(a.error("snooze", {{"key", "nope"}, {"until", "2023-06-25"}}).code == "not_found");
  CHECK(a.error("snooze", {{"key", key}, {"until", "2020-01-01"}}).code == "bad_argument");
  CHECK(a.error("snooze", {{"key", key}, {"until", 5}}).code == "bad_argument");

  // Make it fail, then retry it.
  a.clock.set(instant(2023, 6, 26));
  auto& outbox = a.store->outbox();
  REQUIRE(outbox.claim_due(a.clock.now(), 10, std::chrono::minutes(5)).size() == 1);
  REQUIRE(outbox.mark_failed(key, "550 no such user", a.clock.now()));
  CHECK(a.error("snooze", {{"key", key}, {"until", "2023-07-01"}}).code == "conflict");
  CHECK(a.ok("reminders", {{"state", "failed"}})[0]["last_error"] == "550 no such user");
  CHECK(a.ok("status")["last_delivery_error"]["error"] == "550 no such user");
  const int replans = a.control.replans;
  CHECK(a.ok("retry", {{"unit", "rsj"}})["retried"] == 1);
  CHECK(a.control.replans == replans + 1);
  CHECK(outbox.find(key)->state == calendar::OutboxState::kPending);
}

TEST_CASE("admin commands: mail, test message, log level") {
  Admin a;
  a.ok("pause-mail");
  CHECK(a.control.mail_paused);
  CHECK(a.ok("status")["mail_paused"] == true);
  a.ok("resume-mail");
  CHECK_FALSE(a.control.mail_paused);
  CHECK(a.ok("send-test", {{"unit", "rsj"}})["message_id"] == "test.1@plancal");
  CHECK(a.control.tests_sent.back() ==
        std::make_pair(std::string("test-2023"), std::string("rsj")));
  a.control.next_test = {false, "", "connection refused"};
  const AdminError failed = a.error("send-test", {{"unit", "rsj"}});
  CHECK(failed.code == "delivery_failed");
  CHECK(failed.message.find("connection refused") != std::string::npos);
  CHECK(a.ok("log-level", {{"level", "debug"}})["level"] == "debug");
  CHECK(a.error("log-level", {{"level", "loud"}}).code == "bad_argument");
  CHECK(a.store->audit_log().recent(10).size() == 6);
}

TEST_CASE("admin commands: send-test answers when the message has gone, not before") {
  Admin a;
  a.control.defer_test_replies = true;
  std::vector<std::string> replies;
  a.commands.handle_line_async(R"({"id":7,"command":"send-test","args":{"unit":"rsj"}})", kCaller,
                               [&replies](std::string line) { replies.push_back(line); });
  CHECK(replies.empty());
  CHECK(a.store->audit_log().recent(10).empty());
  REQUIRE(a.control.pending_test_replies.size() == 1);
  a.control.pending_test_replies.front()({true, "sent.1@plancal", ""});
  REQUIRE(replies.size() == 1);
  const json reply = json::parse(replies.front());
  CHECK(reply["id"] == 7);
  CHECK(reply["result"]["message_id"] == "sent.1@plancal");
  CHECK(a.store->audit_log().recent(10).size() == 1);
  // A bad argument is answered at once.
  a.commands.handle_line_async(R"({"command":"send-test","args":{"unit":"nobody"}})", kCaller,
                               [&replies](std::string line) { replies.push_back(line); });
  REQUIRE(replies.size() == 2);
  CHECK(json::parse(replies.back())["error"]["code"] == "not_found");
}

TEST_CASE("admin commands: feed-token show and rotate give the private feed URL") {
  Admin a;
  const json shown = a.ok("feed-token", {{"action", "show"}, {"unit", "rsj"}});
  const std::string url = shown["url"];
  CHECK(url.rfind("http://cal.example/feeds/", 0) == 0);
  CHECK(url.find("?token=" + *a.store->feed_tokens().find("rsj")) != std::string::npos);
  CHECK(a.ok("feed-token", {{"action", "show"}, {"unit", "rsj"}})["url"] == url);
  const json rotated = a.ok("feed-token", {{"action", "rotate"}, {"unit", "rsj"}});
  CHECK(rotated["url"] != url);
  CHECK(a.error("feed-token", {{"action", "burn"}, {"unit", "rsj"}}).code == "bad_argument");
  CHECK(a.error("feed-token", {{"action", "show"}, {"unit", "x"}}).code == "not_found");
  // The audit log names the unit, never the token.
  for (const auto& entry : a.store->audit_log().recent(10)) {
    CHECK(entry.arguments_json.find(*a.store->feed_tokens().find("rsj")) == std::string::npos);
  }
}

TEST_CASE("admin commands: nothing to show before the data is loaded") {
  Admin a;
  a.control.current = nullptr;
  CHECK(a.error("plans").code == "not_ready");
  CHECK(a.ok("status")["version"] == "9.9.9");
}

TEST_CASE("admin commands: handle_line answers every line with one response line") {
  Admin a;
  const json ok = json::parse(a.commands.handle_line(R"({"id":"q","command":"plans"})", kCaller));
  CHECK(ok["id"] == "q");
  CHECK(ok["ok"] == true);
  const json bad = json::parse(a.commands.handle_line("{nope", kCaller));
  CHECK(bad["error"]["code"] == "bad_json");
  CHECK(AdminCommands::command_names().size() == 24);
}

TEST_CASE(
    "extensions: listed, approved once (reloads: feeds and plan), rejected; show lists them") {
  Admin admin;
  calendar::UnitAction request;
  request.plan_id = "test-2023";
  request.item_id = "a1";
  request.unit_id = "rsj";
  request.kind = calendar::UnitActionKind::kExtend;
  request.note = "场地未定";
  request.until = calendar::make_date(2023, 7, 14);
  request.client = "192.0.2.1";
  const auto id = admin.store->unit_actions().record(request, admin.clock.now());
  REQUIRE(id);
  request.until = calendar::make_date(2023, 8, 1);
  const auto second = admin.store->unit_actions().record(request, admin.clock.now());
  REQUIRE(second);

  const json pending = admin.ok("extensions");
  REQUIRE(pending.size() == 2);
  CHECK(pending[0]["until"] == "2023-07-14");
  CHECK(pending[0]["state"] == "pending");
  CHECK(pending[0]["note"] == "场地未定");

  const json approved = admin.ok("approve-extension", {{"id", *id}, {"note", "同意"}});
  CHECK(approved["state"] == "approved");
  CHECK(approved["decided_by"] == kCaller);
  CHECK(approved["feeds_updated"] == true);
  CHECK(admin.control.reloads == 1);  // a reload re-plans too
  CHECK(admin.control.replans == 0);
  CHECK(admin.error("approve-extension", {{"id", *id}}).code == "conflict");
  CHECK(admin.error("reject-extension", {{"id", 999}}).code == "not_found");
  CHECK(admin.error("approve-extension").code == "bad_argument");
  CHECK(admin.ok("reject-extension", {{"id", *second}})["state"] == "rejected");
  CHECK(admin.control.reloads == 1);  // a rejection changes no date
  CHECK(admin.ok("extensions").empty());
  CHECK(admin.ok("extensions", {{"state", "all"}}).size() == 2);
  CHECK(admin.error("extensions", {{"state", "maybe"}}).code == "bad_argument");
  CHECK(admin.store->unit_actions().approved_extensions("test-2023").at({"a1", "rsj"}) ==
        calendar::make_date(2023, 7, 14));

  const json shown = admin.ok("show", {{"item", "a1"}});
  REQUIRE(shown["unit_actions"].size() == 2);
  CHECK(shown["unit_actions"][0]["action"] == "extend");
  CHECK(shown["unit_actions"][0]["client"] == "192.0.2.1");
  CHECK(shown["extensions"][0]["state"] == "approved");
}

TEST_CASE("links: work-link and board-link are audited; link-secret rotate changes them") {
  Admin admin;
  const json work = admin.ok("work-link", {{"item", "a1"}, {"unit", "rsj"}});
  const std::string url = work["url"];
  CHECK(url.starts_with("http://cal.example/work/test-2023/a1/rsj/"));
  CHECK(admin.error("work-link", {{"item", "a1"}, {"unit", "nobody"}}).code == "not_found");
  const json board = admin.ok("board-link", {{"plan", "test-2023"}});
  CHECK(std::string(board["url"]).starts_with("http://cal.example/board/test-2023/"));
  CHECK(board["public_url"].is_null());
  const json rotated = admin.ok("link-secret", {{"action", "rotate"}});
  CHECK(rotated["version"] == 2);
  CHECK(admin.ok("work-link", {{"item", "a1"}, {"unit", "rsj"}})["url"] != url);
  CHECK(admin.error("link-secret", {{"action", "show"}}).code == "bad_argument");
  const auto audit = admin.store->audit_log().recent(10);
  CHECK(std::count_if(audit.begin(), audit.end(),
                      [](const auto& e) { return e.command == "link-secret"; }) == 2);
}
