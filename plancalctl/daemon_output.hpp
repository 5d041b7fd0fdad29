// How plancalctl shows the daemon's answers to people: width-aligned tables with the
// Chinese names of units and categories, one printer per command (the --json output is
// the result itself). Each takes the "result" of a successful response
// (docs/admin-protocol.md) and writes to `out`.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

namespace plancal::ctl {

using ResultPrinter = void (*)(const nlohmann::json& result, std::ostream& out);

void print_status(const nlohmann::json& result, std::ostream& out);
void print_plans(const nlohmann::json& result, std::ostream& out);
void print_units(const nlohmann::json& result, std::ostream& out);
void print_items(const nlohmann::json& result, std::ostream& out);
void print_upcoming(const nlohmann::json& result, std::ostream& out);
void print_show(const nlohmann::json& result, std::ostream& out);
void print_reload(const nlohmann::json& result, std::ostream& out);
void print_reminders(const nlohmann::json& result, std::ostream& out);
void print_ack(const nlohmann::json& result, std::ostream& out);
void print_snooze(const nlohmann::json& result, std::ostream& out);
void print_mail_paused(const nlohmann::json& result, std::ostream& out);
void print_retry(const nlohmann::json& result, std::ostream& out);
void print_send_test(const nlohmann::json& result, std::ostream& out);
void print_feed_token(const nlohmann::json& result, std::ostream& out);
void print_log_level(const nlohmann::json& result, std::ostream& out);
void print_audit(const nlohmann::json& result, std::ostream& out);
void print_extensions(const nlohmann::json& result, std::ostream& out);
void print_extension(const nlohmann::json& result, std::ostream& out);
void print_link_secret(const nlohmann::json& result, std::ostream& out);
void print_link(const nlohmann::json& result, std::ostream& out);  // work-link, board-link

}  // namespace plancal::ctl
