#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include "calendar/backends/open_store.hpp"
#include "daemon/reminders/reminder_service.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include <boost/asio/io_context.hpp>

#include "tests/support/daemon_fixture.hpp"
#include "tests/support/failing_outbox.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/temp_dir.hpp"

using namespace plancal;
using namespace plancal::daemon;
using namespace std::chrono_literals;

namespace {

size_t files_in(const std::string& dir) {
  if (!std::filesystem::exists(dir)) return 0;
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

// A store with the fixture plan (rsj with an address) on 2023-04-01, a spool, a link key
// and an io_context: everything a ReminderService needs but its outbox.
struct World {
  plancal::testing::TempDir tmp;
  calendar::Plan plan = with_address(daemon::testing::test_plan());
  calendar::TimePoint april = daemon::testing::instant(2023, 4, 1);
  std::shared_ptr<const DataSnapshot> snapshot =
      daemon::testing::make_snapshot(plan, daemon::testing::stored(plan, april), 1, april);
  std::unique_ptr<calendar::Store> store = calendar::open_store({tmp.file("plancal.db")});
  // The planner thread's connection to the same database.
  std::unique_ptr<calendar::Store> planner = calendar::open_store({tmp.file("plancal.db")});
  ReminderStores planner_stores() {
    return {planner->outbox(), planner->acknowledgements(), planner->unit_actions()};
  }
  plancal::testing::ManualClock clock{april};
  ReminderServiceOptions options = spool_options(tmp);
  boost::asio::io_context io;
  LinkKeys links{tmp.file("link-secret"), "http://cal.example"};

  static calendar::Plan with_address(calendar::Plan plan) {
    plan.units[0].emails = {"rsj@example.org"};
    return plan;
  }
  static ReminderServiceOptions spool_options(const plancal::testing::TempDir& tmp) {
    ReminderServiceOptions options;
    options.mail.spool_dir = tmp.file("spool");
    options.reminders.holidays_dir = std::string(PLANCAL_DEFAULT_DATA_DIR) + "/holidays";
    return options;
  }
};

}  // namespace

TEST_CASE_FIXTURE(World, "the service sends what is due through the spool, not while paused") {
  ReminderService service(io, {store->outbox(), store->acknowledgements(), store->unit_actions()},
                          planner_stores(), links, clock, options);
  service.set_paused(true);
  REQUIRE_NOTHROW(service.start(snapshot));
  const auto status = service.status();
  REQUIRE(status.next_delivery);
  CHECK(status.transport == "spool:" + options.mail.spool_dir);
  CHECK(status.paused);

  clock.set(*status.next_delivery + 1h);
  service.replan();
  CHECK(service.planning());  // on the planner thread, not here
  for (int i = 0; i < 50 && service.planning(); ++i) io.run_for(20ms);
  CHECK_FALSE(service.planning());
  io.run_for(300ms);
  CHECK(files_in(options.mail.spool_dir) == 0);
  CHECK(service.status().counts.sent == 0);

  service.set_paused(false);
  for (int i = 0; i < 50 && service.status().counts.sent == 0; ++i) io.run_for(100ms);
  CHECK(service.status().counts.sent > 0);
  CHECK(files_in(options.mail.spool_dir) == static_cast<size_t>(service.status().counts.sent));
  CHECK(service.status().in_flight == 0);
  service.stop();
}

TEST_CASE_FIXTURE(World, "a test message goes to the unit's addresses; unknown units are refused") {
  ReminderService service(io, {store->outbox(), store->acknowledgements(), store->unit_actions()},
                          planner_stores(), links, clock, options);
  REQUIRE_NOTHROW(service.start(snapshot));
  std::optional<TestDelivery> outcome;
  service.send_test("test-2023", "rsj", [&](TestDelivery d) { outcome = d; });
  for (int i = 0; i < 50 && !outcome; ++i) io.run_for(100ms);
  REQUIRE(outcome);
  CHECK(outcome->ok);
  CHECK(outcome->message_id.starts_with("test."));
  CHECK(outcome->message_id.ends_with("@plancal"));
  CHECK(files_in(options.mail.spool_dir) == 1);
  std::optional<TestDelivery> refused;
  service.send_test("test-2023", "nobody", [&](TestDelivery d) { refused = d; });
  REQUIRE(refused);
  CHECK_FALSE(refused->ok);
  CHECK(refused->error == "plan test-2023 has no unit nobody");
  service.stop();
}

TEST_CASE_FIXTURE(World,
                  "outcomes the store refuses are kept in memory and recorded once it recovers") {
  plancal::testing::FailingOutbox outbox(store->outbox());
  ReminderService service(io, {outbox, store->acknowledgements(), store->unit_actions()},
                          planner_stores(), links, clock, options);
  service.set_paused(true);
  REQUIRE_NOTHROW(service.start(snapshot));
  clock.set(*service.status().next_delivery);
  outbox.refuse_outcomes = 2;  // the first two tries to record meet a full disk
  service.set_paused(false);
  const auto sending = [&] {
    calendar::OutboxFilter filter;
    filter.state = calendar::OutboxState::kSending;
    return store->outbox().list(filter).size();
  };
  for (int i = 0; i < 100 && (service.status().counts.sent == 0 || sending() > 0); ++i)
    io.run_for(100ms);
  CHECK(outbox.refuse_outcomes == 0);
  CHECK(sending() == 0);  // nothing left 'sending' to be sent again at the next start
  CHECK(service.status().counts.sent > 0);
  CHECK(files_in(options.mail.spool_dir) == static_cast<size_t>(service.status().counts.sent));
  service.stop();
}

TEST_CASE_FIXTURE(World, "a planning run the store refuses backs off, it does not retry at once") {
  plancal::testing::FailingOutbox planner_outbox(planner->outbox());
  ReminderService service(io, {store->outbox(), store->acknowledgements(), store->unit_actions()},
                          {planner_outbox, planner->acknowledgements(), planner->unit_actions()},
                          links, clock, options);
  REQUIRE_NOTHROW(service.start(snapshot));    // plans at start on the loop's connection
  clock.set(*service.status().next_delivery);  // something is due: the timer fires at once
  planner_outbox.refuse_replans = 1000;
  service.replan();
  io.run_for(1500ms);
  CHECK(planner_outbox.replans == 1);  // then the store's back-off, not a tight loop
  CHECK_FALSE(service.planning());
  CHECK(service.status().counts.sent == 0);  // nothing claimed while the plan is owed
  service.stop();
}
