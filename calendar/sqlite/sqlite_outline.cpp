#include "calendar/sqlite/sqlite_outline.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <map>
#include <string>

#include "calendar/sqlite/sqlite_columns.hpp"
#include "calendar/store/store.hpp"

namespace plancal::calendar {
namespace {

std::vector<Unit> read_units(SQLite::Database& db, const std::string& plan_id) {
  SQLite::Statement query(db,
                          "SELECT id, name, full_name, aliases, phones, emails, escalation_unit "
                          "FROM units WHERE plan_id = ? ORDER BY position");
  query.bind(1, plan_id);
  std::vector<Unit> units;
  while (query.executeStep()) {
    Unit& unit = units.emplace_back();
    unit.id = query.getColumn(0).getString();
    unit.name = query.getColumn(1).getString();
    unit.full_name = query.getColumn(2).getString();
    unit.aliases = list_column(query.getColumn(3));
    unit.phones = list_column(query.getColumn(4));
    unit.emails = list_column(query.getColumn(5));
    unit.escalation_unit = query.getColumn(6).getString();
  }
  return units;
}

std::vector<Item> read_items(SQLite::Database& db, const std::string& plan_id) {
  SQLite::Statement query(db,
                          "SELECT id, kind, section, number, title, text, schedule_text, phones, "
                          "has_policy, policy_status, policy_is_new, policy_channel, "
                          "policy_instant, policy_instant_note "
                          "FROM items WHERE plan_id = ? ORDER BY position");
  query.bind(1, plan_id);
  std::vector<Item> items;
  std::map<std::string, size_t> index;
  while (query.executeStep()) {
    Item& item = items.emplace_back();
    item.id = query.getColumn(0).getString();
    if (!parse_item_kind(query.getColumn(1).getString(), item.kind))
      throw StoreError("item " + item.id + ": unknown kind " + query.getColumn(1).getString());
    item.section = query.getColumn(2).getString();
    item.number = query.getColumn(3).getString();
    item.title = query.getColumn(4).getString();
    item.text = query.getColumn(5).getString();
    item.schedule_text = query.getColumn(6).getString();
    item.phones = list_column(query.getColumn(7));
    if (query.getColumn(8).getInt() != 0) {
      PolicyDetails& policy = item.policy.emplace();
      policy.status = query.getColumn(9).getString();
      policy.is_new = query.getColumn(10).getInt() != 0;
      policy.channel = query.getColumn(11).getString();
      if (!query.getColumn(12).isNull()) policy.instant = query.getColumn(12).getInt() != 0;
      policy.instant_note = query.getColumn(13).getString();
    }
    index.emplace(item.id, items.size() - 1);
  }
  SQLite::Statement units(
      db, "SELECT item_id, unit_id FROM item_units WHERE plan_id = ? ORDER BY item_id, position");
  units.bind(1, plan_id);
  while (units.executeStep()) {
    auto found = index.find(units.getColumn(0).getString());
    if (found == index.end()) throw StoreError("item_units row for a missing item");
    items[found->second].units.push_back(units.getColumn(1).getString());
  }
  return items;
}

void write_units(SQLite::Database& db, const Plan& plan) {
  SQLite::Statement insert(db,
                           "INSERT INTO units (plan_id, id, position, name, full_name, aliases, "
                           "phones, emails, escalation_unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; i < plan.units.size(); ++i) {
    const Unit& unit = plan.units[i];
    insert.bind(1, plan.id);
    insert.bind(2, unit.id);
    insert.bind(3, static_cast<std::int64_t>(i));
    insert.bind(4, unit.name);
    insert.bind(5, unit.full_name);
    insert.bind(6, list_to_text(unit.aliases));
    insert.bind(7, list_to_text(unit.phones));
    insert.bind(8, list_to_text(unit.emails));
    insert.bind(9, unit.escalation_unit);
    insert.exec();
    insert.reset();
  }
}

void bind_policy(SQLite::Statement& insert, const std::optional<PolicyDetails>& policy) {
  insert.bind(9, policy ? 1 : 0);
  if (!policy) {
    for (int column = 10; column <= 14; ++column) insert.bind(column);
    return;
  }
  insert.bind(10, policy->status);
  insert.bind(11, policy->is_new ? 1 : 0);
  insert.bind(12, policy->channel);
  if (policy->instant) {
    insert.bind(13, *policy->instant ? 1 : 0);
  } else {
    insert.bind(13);
  }
  insert.bind(14, policy->instant_note);
}

void write_items(SQLite::Database& db, const Plan& plan) {
  SQLite::Statement insert(
      db,
      "INSERT INTO items (plan_id, id, position, kind, section, number, title, text, "
      "has_policy, policy_status, policy_is_new, policy_channel, policy_instant, "
      "policy_instant_note, schedule_text, phones) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  SQLite::Statement insert_unit(
      db, "INSERT INTO item_units (plan_id, item_id, position, unit_id) VALUES (?, ?, ?, ?)");
  for (size_t i = 0; i < plan.items.size(); ++i) {
    const Item& item = plan.items[i];
    insert.bind(1, plan.id);
    insert.bind(2, item.id);
    insert.bind(3, static_cast<std::int64_t>(i));
    insert.bind(4, std::string(to_string(item.kind)));
    insert.bind(5, item.section);
    insert.bind(6, item.number);
    insert.bind(7, item.title);
    insert.bind(8, item.text);
    bind_policy(insert, item.policy);
    insert.bind(15, item.schedule_text);
    insert.bind(16, list_to_text(item.phones));
    insert.exec();
    insert.reset();
    for (size_t u = 0; u < item.units.size(); ++u) {
      insert_unit.bind(1, plan.id);
      insert_unit.bind(2, item.id);
      insert_unit.bind(3, static_cast<std::int64_t>(u));
      insert_unit.bind(4, item.units[u]);
      insert_unit.exec();
      insert_unit.reset();
    }
  }
}

}  // namespace

std::optional<Plan> read_plan_outline(SQLite::Database& db, std::string_view plan_id) {
  SQLite::Statement query(db,
                          "SELECT title, issuer, document_number, published, effective_from, "
                          "effective_until, timezone, year, escalation_unit "
                          "FROM plans WHERE id = ?");
  const std::string id(plan_id);
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  Plan plan;
  plan.id = id;
  plan.title = query.getColumn(0).getString();
  plan.issuer = query.getColumn(1).getString();
  plan.document_number = query.getColumn(2).getString();
  plan.published = date_column(query.getColumn(3));
  plan.effective_from = date_column(query.getColumn(4));
  plan.effective_until = date_column(query.getColumn(5));
  plan.timezone = query.getColumn(6).getString();
  plan.year = query.getColumn(7).getInt();
  plan.escalation_unit = query.getColumn(8).getString();
  plan.units = read_units(db, id);
  plan.items = read_items(db, id);
  return plan;
}

void write_plan_outline(SQLite::Database& db, const Plan& plan, TimePoint now) {
  SQLite::Statement upsert(
      db,
      "INSERT INTO plans (id, title, issuer, document_number, published, effective_from, "
      "effective_until, timezone, year, escalation_unit, last_modified) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
      "title = excluded.title, issuer = excluded.issuer, "
      "document_number = excluded.document_number, published = excluded.published, "
      "effective_from = excluded.effective_from, effective_until = excluded.effective_until, "
      "timezone = excluded.timezone, year = excluded.year, "
      "escalation_unit = excluded.escalation_unit");
  upsert.bind(1, plan.id);
  upsert.bind(2, plan.title);
  upsert.bind(3, plan.issuer);
  upsert.bind(4, plan.document_number);
  bind_date(upsert, 5, plan.published, "published");
  bind_date(upsert, 6, plan.effective_from, "effective_from");
  bind_date(upsert, 7, plan.effective_until, "effective_until");
  upsert.bind(8, plan.timezone);
  upsert.bind(9, plan.year);
  upsert.bind(10, plan.escalation_unit);
  upsert.bind(11, time_column_value(now));
  upsert.exec();

  SQLite::Statement delete_items(db, "DELETE FROM items WHERE plan_id = ?");
  delete_items.bind(1, plan.id);
  delete_items.exec();
  SQLite::Statement delete_units(db, "DELETE FROM units WHERE plan_id = ?");
  delete_units.bind(1, plan.id);
  delete_units.exec();
  write_units(db, plan);
  write_items(db, plan);
}

void touch_plan(SQLite::Database& db, std::string_view plan_id, TimePoint now) {
  SQLite::Statement update(db,
                           "UPDATE plans SET last_modified = max(last_modified, ?) WHERE id = ?");
  update.bind(1, time_column_value(now));
  update.bind(2, std::string(plan_id));
  update.exec();
}

}  // namespace plancal::calendar
