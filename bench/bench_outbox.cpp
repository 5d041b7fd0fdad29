// The outbox at scale: re-plans 1,000,000 pending reminders into a fresh store in one
// call, then measures what the daemon does at start-up (open the store, recover rows
// left in flight, find the next due time, claim the first 100). Each phase runs in its
// own process (this program re-executed with the phase's name), so each peak RSS is
// that phase's own. Prints the figures; exits 1 on unexpected results.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "calendar/backends/open_store.hpp"

extern char** environ;

using namespace plancal::calendar;

namespace {

constexpr int kReminders = 1'000'000;
constexpr int kClaimLimit = 100;
const TimePoint kNow{std::chrono::seconds{1'675'000'000}};  // 2023-01-29

template <typename F>
double seconds(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

// 1,000 activities x 50 occurrences x 4 units x 5 lead times, spread over the year.
std::vector<PlannedReminder> planned_reminders() {
  std::vector<PlannedReminder> planned;
  planned.reserve(kReminders);
  const char* const units[] = {"rsj", "fgw", "swj", "jxw"};
  const ReminderKind kinds[] = {ReminderKind::kBeforeStart, ReminderKind::kBeforeDeadline};
  for (int n = 0; n < kReminders; ++n) {
    PlannedReminder& r = planned.emplace_back();
    char item[16];
    std::snprintf(item, sizeof item, "a%d", n / 1000);
    r.item_id = item;
    r.key.activity_uid = "bench-2023." + r.item_id + "@plancal";
    r.key.occurrence = Date{std::chrono::sys_days{std::chrono::days{19'360 + n / 1000 % 365}}};
    r.key.unit_id = units[n % 4];
    r.key.kind = kinds[n / 1000 % 2];
    r.key.lead_days = n / 4 % 250;
    r.send_at = kNow + std::chrono::minutes{n % 500'000};
    r.plan_id = "bench-2023";
    r.about_unit = r.key.unit_id;
  }
  return planned;
}

int replan_phase(const std::string& db) {
  const auto planned = planned_reminders();
  std::printf("planned_input_rss_mb: %.1f\n", peak_rss_mb());
  auto store = open_store({db});
  ReplanResult result;
  const double elapsed = seconds([&] { result = store->outbox().replan(planned, kNow); });
  // Leave some rows in flight, as a crash would.
  const auto claimed =
      store->outbox().claim_due(kNow + std::chrono::minutes{10}, 5, std::chrono::minutes{5});
  std::printf("replan_1m_seconds: %.3f\n", elapsed);
  std::printf("replan_peak_rss_mb: %.1f\n", peak_rss_mb());
  return result.inserted == kReminders && claimed.size() == 5 ? 0 : 1;
}

int recover_phase(const std::string& db) {
  int recovered = 0;
  std::optional<TimePoint> next;
  std::vector<OutboxEntry> claimed;
  const double elapsed = seconds([&] {
    auto store = open_store({db});
    recovered = store->outbox().recover_in_flight(kNow);
    next = store->outbox().next_due();
    claimed = store->outbox().claim_due(kNow + std::chrono::hours{1}, kClaimLimit,
                                        std::chrono::minutes{5});
  });
  std::printf("startup_recovery_seconds: %.3f\n", elapsed);
  std::printf("peak_rss_mb: %.1f\n", peak_rss_mb());
  return recovered == 5 && next == kNow && claimed.size() == kClaimLimit ? 0 : 1;
}

int run_phase(const char* self, const char* phase, const std::string& db) {
  std::vector<std::string> args = {self, phase, db};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv.data(), environ) != 0) return 1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "replan") == 0) return replan_phase(argv[2]);
  if (argc == 3 && std::strcmp(argv[1], "recover") == 0) return recover_phase(argv[2]);

  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("plancal-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string db = (dir / "outbox.db").string();
  int rc = run_phase(argv[0], "replan", db);
  if (rc == 0) rc = run_phase(argv[0], "recover", db);
  std::printf("database_mb: %.1f\n", fs::file_size(db) / (1024.0 * 1024.0));
  fs::remove_all(dir);
  if (rc != 0) std::fprintf(stderr, "bench_outbox: unexpected results\n");
  return rc;
}
