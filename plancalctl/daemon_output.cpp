#include "plancalctl/daemon_output.hpp"

#include <string>

#include "plancalctl/text_table.hpp"

namespace plancal::ctl {
namespace {

using nlohmann::json;

// A field as table text: strings as they are, lists joined with "、", null as "".
std::string field(const json& object, const std::string& key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "yes" : "no";
  if (it->is_array()) {
    std::string joined;
    for (const auto& element : *it) {
      joined += (joined.empty() ? "" : "、") +
                (element.is_string() ? element.get<std::string>() : element.dump());
    }
    return joined;
  }
  return it->dump();
}

// "2023-05-06T09:00:00+08:00" → "2023-05-06 09:00".
std::string minute(const std::string& instant) {
  if (instant.size() < 16) return instant;
  return instant.substr(0, 10) + " " + instant.substr(11, 5);
}

void print_table(TextTable& table, std::ostream& out, const char* empty) {
  if (table.size() == 0) {
    out << empty << "\n";
  } else {
    table.print(out);
  }
}

void print_activities(const json& activities, std::ostream& out) {
  TextTable table({"start", "end", "category", "title", "units", "item"});
  for (const auto& a : activities) {
    table.add_row({field(a, "start"), field(a, "end"), field(a, "category_name"), field(a, "title"),
                   field(a, "unit_names"), field(a, "item")});
  }
  print_table(table, out, "(no activities)");
}

}  // namespace

void print_status(const json& r, std::ostream& out) {
  const json& counts = r.at("reminders");
  out << "plancald " << field(r, "version") << ", up " << field(r, "uptime_seconds") << " s (since "
      << minute(field(r, "started_at")) << ")\n"
      << "data version " << field(r, "data_version") << ": " << field(r, "plans") << " plan(s), "
      << field(r, "activities") << " activities, " << field(r, "feeds") << " feeds\n"
      << "mail: " << field(r, "mail_transport")
      << (r.value("mail_paused", false) ? " (PAUSED)" : "") << "\n"
      << "next delivery: "
      << (r.at("next_delivery").is_null() ? "none" : minute(field(r, "next_delivery"))) << "\n"
      << "reminders: " << field(counts, "pending") << " pending, " << field(counts, "sending")
      << " sending, " << field(counts, "sent") << " sent, " << field(counts, "failed")
      << " failed, " << field(counts, "cancelled") << " cancelled, " << field(counts, "skipped")
      << " skipped\n";
  if (r.contains("store")) {
    out << "store: " << field(r.at("store"), "backend") << " " << field(r.at("store"), "location")
        << "\ninstance: " << field(r, "instance") << "\n";
    for (const json& i : r.at("instances")) {
      const bool self = i.value("id", "") == r.value("instance", "");
      out << "  " << (self ? "* " : "  ") << field(i, "id") << " on " << field(i, "host")
          << ", pid " << field(i, "pid") << ", up since " << minute(field(i, "started_at"))
          << ", seen " << minute(field(i, "seen_at")) << "\n";
    }
  }
  for (const auto& year : r.value("years_without_holidays", json::array())) {
    out << "warning: no holiday file for " << year.dump()
        << ": its reminders take Monday to Friday as working days\n";
  }
  const json& error = r.at("last_delivery_error");
  if (!error.is_null()) {
    out << "last delivery error: " << minute(field(error, "at")) << " " << field(error, "error")
        << " (" << field(error, "key") << ")\n";
  }
}

void print_plans(const json& r, std::ostream& out) {
  TextTable table({"id", "title", "document", "units", "items", "activities", "feeds"});
  for (const auto& p : r) {
    table.add_row({field(p, "id"), field(p, "title"), field(p, "document_number"),
                   field(p, "units"), field(p, "items"), field(p, "activities"),
                   field(p, "feeds")});
  }
  print_table(table, out, "(no plans)");
}

void print_units(const json& r, std::ostream& out) {
  TextTable table({"plan", "id", "name", "items", "emails", "escalation"});
  for (const auto& u : r) {
    table.add_row({field(u, "plan"), field(u, "id"), field(u, "name"), field(u, "items"),
                   field(u, "emails"), field(u, "escalation_unit")});
  }
  print_table(table, out, "(no units)");
}

void print_items(const json& r, std::ostream& out) {
  TextTable table({"id", "kind", "title", "units", "activities"});
  for (const auto& i : r) {
    table.add_row({field(i, "id"), field(i, "kind"), field(i, "summary"), field(i, "unit_names"),
                   field(i, "activities")});
  }
  print_table(table, out, "(no items)");
}

void print_upcoming(const json& r, std::ostream& out) {
  out << field(r, "from") << " .. " << field(r, "to") << "\n";
  print_activities(r.at("activities"), out);
}

void print_show(const json& r, std::ostream& out) {
  const json& item = r.at("item");
  out << field(r, "plan") << " " << field(item, "id") << " (" << field(item, "kind") << ") "
      << field(item, "section") << "\n";
  if (!field(item, "title").empty())
    out << field(item, "number") << ". " << field(item, "title") << "\n";
  out << field(item, "text") << "\n";
  std::string units;
  for (const auto& u : item.at("units")) {
    units += (units.empty() ? "" : "、") + field(u, "name") + " (" + field(u, "id") + ")";
  }
  out << "units: " << units << "\n\nactivities:\n";
  print_activities(r.at("activities"), out);
  out << "\nacknowledgements:\n";
  TextTable acks({"unit", "at", "uid", "note"});
  for (const auto& a : r.at("acknowledgements")) {
    acks.add_row(
        {field(a, "unit_name"), minute(field(a, "at")), field(a, "by_uid"), field(a, "note")});
  }
  print_table(acks, out, "(none)");
  out << "\nunit actions (through their links):\n";
  TextTable actions({"id", "at", "unit", "action", "until", "note", "client"});
  for (const auto& a : r.at("unit_actions")) {
    actions.add_row({field(a, "id"), minute(field(a, "at")), field(a, "unit_name"),
                     field(a, "action"), field(a, "until"), field(a, "note"), field(a, "client")});
  }
  print_table(actions, out, "(none)");
  out << "\nreminders:\n";
  print_reminders(r.at("reminders"), out);
}

void print_reload(const json& r, std::ostream& out) {
  out << "reloaded: data version " << field(r, "data_version") << "\n";
}

void print_reminders(const json& r, std::ostream& out) {
  TextTable table({"send at", "state", "unit", "kind", "due", "item", "tries", "key"});
  for (const auto& e : r) {
    table.add_row({minute(field(e, "send_at")), field(e, "state"), field(e, "unit_name"),
                   field(e, "kind"), field(e, "occurrence"), field(e, "item"), field(e, "attempts"),
                   field(e, "key")});
  }
  print_table(table, out, "(no reminders)");
}

void print_ack(const json& r, std::ostream& out) {
  out << field(r, "plan") << " " << field(r, "item") << " " << field(r, "unit") << ": ok\n";
}

void print_snooze(const json& r, std::ostream& out) {
  out << field(r, "key") << ": snoozed until " << minute(field(r, "snoozed_until")) << "\n";
}

void print_mail_paused(const json& r, std::ostream& out) {
  out << (r.value("mail_paused", false) ? "mail paused\n" : "mail resumed\n");
}

void print_retry(const json& r, std::ostream& out) {
  out << field(r, "retried") << " failed reminder(s) queued again\n";
}

void print_send_test(const json& r, std::ostream& out) {
  out << "sent to " << field(r, "recipients") << ": Message-ID <" << field(r, "message_id")
      << ">\n";
}

void print_feed_token(const json& r, std::ostream& out) { out << field(r, "url") << "\n"; }

void print_log_level(const json& r, std::ostream& out) {
  out << "log level " << field(r, "level") << "\n";
}

void print_audit(const json& r, std::ostream& out) {
  TextTable table({"id", "at", "uid", "command", "args", "result"});
  for (const auto& e : r) {
    table.add_row({field(e, "id"), minute(field(e, "at")), field(e, "uid"), field(e, "command"),
                   e.contains("args")
                       ? e.at("args").dump(-1, ' ', false, json::error_handler_t::replace)
                       : "",
                   field(e, "result")});
  }
  print_table(table, out, "(no entries)");
}

void print_extensions(const json& r, std::ostream& out) {
  TextTable table({"id", "asked at", "plan", "item", "unit", "until", "state", "reason"});
  for (const auto& e : r) {
    table.add_row({field(e, "id"), minute(field(e, "at")), field(e, "plan"), field(e, "item"),
                   field(e, "unit_name"), field(e, "until"), field(e, "state"), field(e, "note")});
  }
  print_table(table, out, "(no extension requests)");
}

void print_extension(const json& r, std::ostream& out) {
  out << "extension " << field(r, "id") << " (" << field(r, "item") << " " << field(r, "unit")
      << " until " << field(r, "until") << "): " << field(r, "state") << "\n";
}

void print_link_secret(const json& r, std::ostream& out) {
  out << "link key version " << field(r, "version") << " in " << field(r, "file")
      << ": every earlier personal and board link stops working\n";
}

void print_link(const json& r, std::ostream& out) { out << field(r, "url") << "\n"; }

}  // namespace plancal::ctl
