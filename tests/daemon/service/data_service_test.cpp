#include <utility>  // before Asio: Boost 1.74 Asio under C++20 with GCC 12 needs it

#include "daemon/service/data_service.hpp"

#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

#include "calendar/backends/open_store.hpp"
#include "calendar/model/clock.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/temp_dir.hpp"

using namespace plancal;
using namespace plancal::daemon;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  Fixture() : clock(calendar::TimePoint{std::chrono::hours(470'000)}) {
    fs::copy(fs::path(PLANCAL_SOURCE_DIR) / "data", tmp.file("data"), fs::copy_options::recursive);
    options.data_dir = tmp.file("data");
    store = calendar::open_store({tmp.file("plancal.db")});
    worker_store = calendar::open_store({tmp.file("plancal.db")});
    data = std::make_unique<DataService>(options, DataStores::of(*store),
                                         DataStores::of(*worker_store), clock, cache, io);
    data->set_on_reloaded([this](std::shared_ptr<const DataSnapshot>) { ++installed; });
  }

  plancal::testing::TempDir tmp;
  plancal::testing::ManualClock clock;
  DaemonOptions options;
  std::unique_ptr<calendar::Store> store;
  std::unique_ptr<calendar::Store> worker_store;  // the worker thread's connection
  boost::asio::io_context io;
  FeedCache cache{"http://cal.example"};
  std::unique_ptr<DataService> data;
  int installed = 0;
};

}  // namespace

TEST_CASE("data service: reload_async serves the new data; requests while it runs share one more") {
  Fixture f;
  REQUIRE(f.data->reload().ok);
  const auto first = f.data->current();
  REQUIRE(f.installed == 1);

  std::vector<ReloadOutcome> outcomes;
  auto record = [&](const ReloadOutcome& o) { outcomes.push_back(o); };
  f.data->reload_async(record);
  CHECK(f.data->reloading());
  CHECK(f.data->current() == first);  // still serving the old snapshot meanwhile
  f.data->reload_async(record);       // coalesced
  f.data->reload_async(record);       // coalesced into the same one
  f.io.run();
  REQUIRE(outcomes.size() == 3);
  for (const auto& o : outcomes) CHECK(o.ok);
  CHECK(f.installed == 3);  // the start, the first async reload, one more for the other two
  CHECK_FALSE(f.data->reloading());
  CHECK(f.data->current() != first);
  CHECK(f.cache.current()->snapshot().data_version == f.data->current()->data_version);
}

TEST_CASE("data service: a broken file fails reload_async with file:line and keeps the data") {
  Fixture f;
  REQUIRE(f.data->reload().ok);
  const auto served = f.data->current();
  const auto feeds = f.cache.current();
  std::ofstream(fs::path(f.options.data_dir) / "plans" / "jinshan-2023.toml", std::ios::app)
      << "\n[[items]]\nid = \n";
  std::optional<ReloadOutcome> outcome;
  f.data->reload_async([&](const ReloadOutcome& o) { outcome = o; });
  f.io.run();
  REQUIRE(outcome);
  CHECK_FALSE(outcome->ok);
  REQUIRE_FALSE(outcome->errors.empty());
  CHECK(outcome->errors[0].file.find("jinshan-2023.toml") != std::string::npos);
  CHECK(outcome->errors[0].line > 0);
  CHECK(f.data->current() == served);
  CHECK(f.cache.current() == feeds);
}

TEST_CASE("data service: a snapshot older than the one served by then is dropped") {
  Fixture f;
  REQUIRE(f.data->reload().ok);
  const fs::path plan = fs::path(f.options.data_dir) / "plans" / "jinshan-2023.toml";
  auto retitle = [&](const std::string& title) {
    std::ifstream in(plan);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const size_t at = text.find("\ntitle = \"") + 10;
    text.insert(at, title);
    std::ofstream(plan, std::ios::trunc) << text;
  };
  const std::int64_t v1 = f.store->plans().data_version();
  retitle("甲");
  std::optional<ReloadOutcome> outcome;
  f.data->reload_async([&](const ReloadOutcome& o) { outcome = o; });
  // The worker imports on its own connection while the loop waits (does not run) ...
  while (f.store->plans().data_version() == v1)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const std::int64_t v2 = f.store->plans().data_version();
  // ... then a synchronous reload imports and serves a newer version before the worker's
  // snapshot is installed by the loop.
  retitle("乙");
  REQUIRE(f.data->reload().ok);
  const std::int64_t v3 = f.data->current()->data_version;
  REQUIRE(v3 > v2);
  f.io.run();
  REQUIRE(outcome);
  CHECK(outcome->ok);
  CHECK(outcome->data_version == v3);  // the newer data stays served
  CHECK(f.data->current()->data_version == v3);
  CHECK(f.cache.current()->snapshot().data_version == v3);
  CHECK(f.data->current()->plans[0].plan.title.rfind("乙甲", 0) == 0);
}
