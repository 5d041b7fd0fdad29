// A DaemonControl for tests and the admin fuzzer: serves a fixed snapshot, records what
// the admin commands asked of it, and answers reload and send-test as set up.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "daemon/data/daemon_control.hpp"
#include "daemon/data/data_snapshot.hpp"

namespace plancal::daemon::testing {

class FakeDaemonControl final : public DaemonControl {
 public:
  DaemonStatus status() const override {
    DaemonStatus out = status_value;
    out.mail_paused = mail_paused;
    return out;
  }
  std::shared_ptr<const DataSnapshot> snapshot() const override { return current; }
  void reload_async(std::function<void(const ReloadOutcome&)> done) override { done(reload()); }
  ReloadOutcome reload() override {
    ++reloads;
    return next_reload;
  }
  void replan() override { ++replans; }
  void set_mail_paused(bool paused) override { mail_paused = paused; }
  // Answers at once, or keeps `done` for the test to call when defer_test_replies is set.
  void send_test(const std::string& plan_id, const std::string& unit_id,
                 std::function<void(TestDelivery)> done) override {
    tests_sent.emplace_back(plan_id, unit_id);
    if (defer_test_replies) {
      pending_test_replies.push_back(std::move(done));
    } else {
      done(next_test);
    }
  }
  bool set_log_level(const std::string& level) override {
    if (level != "trace" && level != "debug" && level != "info" && level != "warn" &&
        level != "error" && level != "critical" && level != "off") {
      return false;
    }
    log_level = level;
    return true;
  }

  DaemonStatus status_value{
      "9.9.9",           {},      1, 1, 3, 5, false, "spool:/tmp/spool", std::nullopt, "sqlite",
      "/tmp/plancal.db", "local", {}};
  std::shared_ptr<const DataSnapshot> current;
  ReloadOutcome next_reload{true, 2, {}};
  TestDelivery next_test{true, "test.1@plancal", ""};
  bool mail_paused = false;
  int reloads = 0;
  int replans = 0;
  std::vector<std::pair<std::string, std::string>> tests_sent;
  bool defer_test_replies = false;
  std::vector<std::function<void(TestDelivery)>> pending_test_replies;
  std::string log_level = "info";
};

}  // namespace plancal::daemon::testing
