// plancalctl: the operators' command-line tool. Offline commands work on plan files and
// databases directly; commands that talk to the running daemon come with the admin socket.
#include <exception>
#include <iostream>
#include <map>
#include <string>

#include "calendar/store.hpp"
#include "daemon/plancalctl/args.hpp"
#include "daemon/plancalctl/commands.hpp"

namespace {

using plancal::ctl::Argv;
using plancal::ctl::Io;

constexpr const char* kUsage =
    "usage: plancalctl COMMAND [ARGS]\n"
    "\n"
    "  parse [--year N] [--json] TEXT...   show how schedule phrases are read\n"
    "  check DATAFILE...                    validate plan files (no database)\n"
    "  import DATAFILE --db FILE [--now T]  import a plan into a database\n"
    "  activities --db FILE [--plan ID] [--category C] [--unit U] [--json]\n"
    "                                       list stored dated activities\n"
    "  version                              print the version\n";

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, int (*)(const Argv&, Io)> commands{
      {"parse", plancal::ctl::parse_command},
      {"check", plancal::ctl::check_command},
      {"import", plancal::ctl::import_command},
      {"activities", plancal::ctl::activities_command},
  };
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string name = argv[1];
  if (name == "version" || name == "--version") {
    std::cout << "plancalctl " << PLANCAL_VERSION << "\n";
    return 0;
  }
  auto command = commands.find(name);
  if (command == commands.end()) {
    std::cerr << "plancalctl: unknown command '" << name << "'\n" << kUsage;
    return 2;
  }
  try {
    return command->second(Argv(argv + 2, argv + argc), Io{std::cout, std::cerr});
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
