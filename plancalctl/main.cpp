// plancalctl: the operators' command-line tool. Offline commands work on plan files and
// databases directly; the others talk to the running daemon over its admin socket.
#include <algorithm>
#include <exception>
#include <iostream>
#include <map>
#include <string>

#include "calendar/store/store.hpp"
#include "plancalctl/args.hpp"
#include "plancalctl/commands.hpp"

namespace {

using plancal::ctl::Argv;
using plancal::ctl::Io;

constexpr const char* kUsage =
    "usage: plancalctl [--socket PATH] [--json] COMMAND [ARGS]\n"
    "       plancalctl COMMAND --help\n"
    "\n"
    "  parse [--year N] [--holidays DIR] [--json] TEXT...\n"
    "                                       show how schedule phrases are read\n"
    "  check (DATAFILE | DATADIR)...         validate plan and holiday files (no database)\n"
    "  draft FILE [--year N] [--id PLAN_ID] [-o OUT]\n"
    "                                       draft a plan file from a plan's PDF, HTML or text\n"
    "  diff OLD.toml NEW.toml               what changed between two plan files\n"
    "  import DATAFILE --db FILE [--now T]  import a plan into a database\n"
    "  activities --db FILE [--plan ID] [--category C] [--unit U] [--json]\n"
    "                                       list stored dated activities\n"
    "  feed --db FILE (--list | --feed ID [--tasks]) [--from D] [--to D] [--base-url URL]\n"
    "                                       render a feed (iCalendar) to stdout\n"
    "  reminders --from D --to D (--data DIR | --db FILE [--holidays HOLIDAYS_DIR])\n"
    "            [--config PLANCAL_TOML] [--unit U] [--now T] [--json]\n"
    "                                       preview the reminders sent from D to D\n"
    "  version                              print the version\n"
    "\n"
    "Commands for the running daemon (admin socket; [--socket PATH] [--json]):\n"
    "  status | plans | units | items | upcoming | show ITEM | reload\n"
    "  outbox [--state S] [--unit U] [--from D] [--to D] [--limit N]  (the daemon's reminders)\n"
    "  ack ITEM UNIT [--note T] | unack ITEM UNIT | snooze KEY UNTIL | retry\n"
    "  pause-mail | resume-mail | send-test UNIT | feed-token show|rotate UNIT\n"
    "  log-level LEVEL | audit [--limit N]       (see docs/admin-protocol.md)\n"
    "  extensions [--plan P] [--state pending|approved|rejected|all]\n"
    "  approve-extension ID [--note T] | reject-extension ID [--note T]\n"
    "  link-secret rotate | work-link ITEM UNIT | board-link PLAN   (see docs/units.md)\n";

// The usage of one command: its lines of kUsage (offline commands) or its own line.
std::string command_usage(const std::string& name, bool for_daemon) {
  if (for_daemon) return "usage: plancalctl " + plancal::ctl::daemon_command_usage(name) + "\n";
  std::string out;
  std::string_view rest = kUsage;
  bool in_command = false;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (line.starts_with("  " + name + " ") || line == "  " + name) {
      in_command = true;
      out += "usage: plancalctl" + std::string(line.substr(1)) + "\n";
    } else if (in_command && line.starts_with("        ")) {
      out += std::string(line) + "\n";
    } else {
      in_command = false;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, int (*)(const Argv&, Io)> commands{
      {"parse", plancal::ctl::parse_command},   {"check", plancal::ctl::check_command},
      {"draft", plancal::ctl::draft_command},   {"diff", plancal::ctl::diff_command},
      {"import", plancal::ctl::import_command}, {"activities", plancal::ctl::activities_command},
      {"feed", plancal::ctl::feed_command},     {"reminders", plancal::ctl::reminders_command},
  };
  // Global options may stand before the command, as git and kubectl accept them: they are
  // passed on to the command as if written after it.
  Argv globals;
  int at = 1;
  for (; at < argc; ++at) {
    const std::string arg = argv[at];
    if (arg == "--json" || arg.starts_with("--socket=")) {
      globals.push_back(arg);
    } else if (arg == "--socket" && at + 1 < argc) {
      globals.push_back(arg);
      globals.push_back(argv[++at]);
    } else {
      break;
    }
  }
  if (at >= argc || std::string(argv[at]) == "--help" || std::string(argv[at]) == "help") {
    std::cout << kUsage;
    return at >= argc ? 2 : 0;
  }
  const std::string name = argv[at];
  if (name == "version" || name == "--version") {
    std::cout << "plancalctl " << PLANCAL_VERSION << "\n";
    return 0;
  }
  auto command = commands.find(name);
  const auto daemon_names = plancal::ctl::daemon_command_names();
  const bool for_daemon =
      std::find(daemon_names.begin(), daemon_names.end(), name) != daemon_names.end();
  if (command == commands.end() && !for_daemon) {
    std::cerr << "plancalctl: unknown command '" << name << "'\n" << kUsage;
    return 2;
  }
  Argv args(argv + at + 1, argv + argc);
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    std::cout << command_usage(name, for_daemon);
    return 0;
  }
  args.insert(args.end(), globals.begin(), globals.end());
  try {
    const Io io{std::cout, std::cerr};
    return command != commands.end() ? command->second(args, io)
                                     : plancal::ctl::daemon_command(name, args, io);
  } catch (const plancal::ctl::UsageError& e) {
    std::cerr << "plancalctl " << name << ": " << e.what() << "\n";
    return 2;
  } catch (const plancal::calendar::StoreError& e) {
    std::cerr << "plancalctl " << name << ": store: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "plancalctl " << name << ": " << e.what() << "\n";
    return 1;
  }
}
