// libFuzzer target: arbitrary bytes, split into lines as the admin socket would, through
// admin_protocol's parser and the admin command dispatcher, over a real SQLite store holding
// the daemon tests' plan and a fake DaemonControl. Every line must get exactly one response
// line that is JSON with a boolean "ok"; nothing may throw or crash.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "calendar/backends/open_store.hpp"
#include "daemon/admin/admin_commands.hpp"
#include "tests/support/daemon_fixture.hpp"
#include "tests/support/fake_daemon_control.hpp"
#include "tests/support/manual_clock.hpp"

namespace {

using namespace plancal;

struct World {
  std::filesystem::path dir;
  std::unique_ptr<calendar::Store> store;
  plancal::testing::ManualClock clock{daemon::testing::instant(2023, 5, 1)};
  daemon::testing::FakeDaemonControl control;
  std::unique_ptr<daemon::LinkKeys> links;
  std::unique_ptr<daemon::AdminCommands> commands;

  World() {
    // tmpfs when there is one: the store syncs on every audited command.
    const std::filesystem::path base =
        std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    dir = base / ("plancal-fuzz-admin-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    store = calendar::open_store({(dir / "fuzz.db").string()});
    const calendar::Plan plan = daemon::testing::test_plan();
    store->plans().import_plan(plan, clock.now());
    control.current = daemon::testing::make_snapshot(plan, store->plans().activities(plan.id),
                                                     store->plans().data_version(), clock.now());
    control.next_reload = {false, 1, {{"plans/x.toml", 3, 1, "x", "broken"}}};
    links =
        std::make_unique<daemon::LinkKeys>((dir / "link-secret").string(), "http://127.0.0.1:8080");
    commands = std::make_unique<daemon::AdminCommands>(daemon::AdminStores::of(*store), control,
                                                       *links, clock, "http://127.0.0.1:8080");
  }
  ~World() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

World& world() {
  static World w;
  return w;
}

void check_response(const std::string& response) {
  if (response.empty() || response.back() != '\n') std::abort();
  const auto json = nlohmann::json::parse(response, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("ok") ||
      !json["ok"].is_boolean()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  World& w = world();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  while (!input.empty()) {
    const size_t newline = input.find('\n');
    const std::string_view line = input.substr(0, newline);
    check_response(w.commands->handle_line(line, 1000));
    if (newline == std::string_view::npos) break;
    input.remove_prefix(newline + 1);
  }
  w.clock.advance(std::chrono::minutes(1));
  return 0;
}
