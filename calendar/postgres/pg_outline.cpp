#include "calendar/postgres/pg_outline.hpp"

#include <map>
#include <string>

#include "calendar/postgres/pg_fields.hpp"
#include "calendar/store/store_error.hpp"

namespace plancal::calendar {
namespace {

std::vector<Unit> read_units(pqxx::transaction_base& tx, const std::string& plan_id) {
  std::vector<Unit> units;
  for (const auto& row :
       tx.exec_params("SELECT id, name, full_name, aliases, phones, emails, escalation_unit "
                      "FROM units WHERE plan_id = $1 ORDER BY position",
                      plan_id)) {
    Unit& unit = units.emplace_back();
    unit.id = row[0].as<std::string>();
    unit.name = row[1].as<std::string>();
    unit.full_name = row[2].as<std::string>();
    unit.aliases = list_from_text(row[3].as<std::string>());
    unit.phones = list_from_text(row[4].as<std::string>());
    unit.emails = list_from_text(row[5].as<std::string>());
    unit.escalation_unit = row[6].as<std::string>();
  }
  return units;
}

std::vector<Item> read_items(pqxx::transaction_base& tx, const std::string& plan_id) {
  std::vector<Item> items;
  std::map<std::string, size_t> index;
  for (const auto& row : tx.exec_params(
           "SELECT id, kind, section, number, title, text, schedule_text, phones, has_policy, "
           "policy_status, policy_is_new, policy_channel, policy_instant, policy_instant_note "
           "FROM items WHERE plan_id = $1 ORDER BY position",
           plan_id)) {
    Item& item = items.emplace_back();
    item.id = row[0].as<std::string>();
    if (!parse_item_kind(row[1].as<std::string>(), item.kind))
      throw StoreError("item " + item.id + ": unknown kind " + row[1].as<std::string>());
    item.section = row[2].as<std::string>();
    item.number = row[3].as<std::string>();
    item.title = row[4].as<std::string>();
    item.text = row[5].as<std::string>();
    item.schedule_text = row[6].as<std::string>();
    item.phones = list_from_text(row[7].as<std::string>());
    if (row[8].as<bool>()) {
      PolicyDetails& policy = item.policy.emplace();
      policy.status = row[9].as<std::string>();
      policy.is_new = row[10].as<bool>();
      policy.channel = row[11].as<std::string>();
      if (!row[12].is_null()) policy.instant = row[12].as<bool>();
      policy.instant_note = row[13].as<std::string>();
    }
    index.emplace(item.id, items.size() - 1);
  }
  for (const auto& row :
       tx.exec_params("SELECT item_id, unit_id FROM item_units WHERE plan_id = $1 "
                      "ORDER BY item_id, position",
                      plan_id)) {
    auto found = index.find(row[0].as<std::string>());
    if (found == index.end()) throw StoreError("item_units row for a missing item");
    items[found->second].units.push_back(row[1].as<std::string>());
  }
  return items;
}

void write_units(pqxx::transaction_base& tx, const Plan& plan) {
  for (size_t i = 0; i < plan.units.size(); ++i) {
    const Unit& unit = plan.units[i];
    tx.exec_params(
        "INSERT INTO units (plan_id, id, position, name, full_name, aliases, phones, emails, "
        "escalation_unit) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        plan.id, unit.id, static_cast<int>(i), unit.name, unit.full_name,
        list_to_text(unit.aliases), list_to_text(unit.phones), list_to_text(unit.emails),
        unit.escalation_unit);
  }
}

void write_items(pqxx::transaction_base& tx, const Plan& plan) {
  for (size_t i = 0; i < plan.items.size(); ++i) {
    const Item& item = plan.items[i];
    const std::optional<PolicyDetails>& policy = item.policy;
    tx.exec_params(
        "INSERT INTO items (plan_id, id, position, kind, section, number, title, text, "
        "has_policy, policy_status, policy_is_new, policy_channel, policy_instant, "
        "policy_instant_note, schedule_text, phones) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        plan.id, item.id, static_cast<int>(i), std::string(to_string(item.kind)), item.section,
        item.number, item.title, item.text, policy.has_value(),
        policy ? std::optional<std::string>(policy->status) : std::nullopt,
        policy ? std::optional<bool>(policy->is_new) : std::nullopt,
        policy ? std::optional<std::string>(policy->channel) : std::nullopt,
        policy ? policy->instant : std::nullopt,
        policy ? std::optional<std::string>(policy->instant_note) : std::nullopt,
        item.schedule_text, list_to_text(item.phones));
    for (size_t u = 0; u < item.units.size(); ++u) {
      tx.exec_params(
          "INSERT INTO item_units (plan_id, item_id, position, unit_id) VALUES ($1, $2, $3, $4)",
          plan.id, item.id, static_cast<int>(u), item.units[u]);
    }
  }
}

}  // namespace

std::optional<Plan> read_pg_plan_outline(pqxx::transaction_base& tx, std::string_view plan_id) {
  const std::string id(plan_id);
  const pqxx::result rows = tx.exec_params(
      "SELECT title, issuer, document_number, published, effective_from, effective_until, "
      "timezone, year, escalation_unit FROM plans WHERE id = $1",
      id);
  if (rows.empty()) return std::nullopt;
  const auto row = rows[0];
  Plan plan;
  plan.id = id;
  plan.title = row[0].as<std::string>();
  plan.issuer = row[1].as<std::string>();
  plan.document_number = row[2].as<std::string>();
  plan.published = date_field(row[3]);
  plan.effective_from = date_field(row[4]);
  plan.effective_until = date_field(row[5]);
  plan.timezone = row[6].as<std::string>();
  plan.year = row[7].as<int>();
  plan.escalation_unit = row[8].as<std::string>();
  plan.units = read_units(tx, id);
  plan.items = read_items(tx, id);
  return plan;
}

void write_pg_plan_outline(pqxx::transaction_base& tx, const Plan& plan, TimePoint now) {
  tx.exec_params(
      "INSERT INTO plans (id, title, issuer, document_number, published, effective_from, "
      "effective_until, timezone, year, escalation_unit, last_modified) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO UPDATE SET "
      "title = excluded.title, issuer = excluded.issuer, "
      "document_number = excluded.document_number, published = excluded.published, "
      "effective_from = excluded.effective_from, effective_until = excluded.effective_until, "
      "timezone = excluded.timezone, year = excluded.year, "
      "escalation_unit = excluded.escalation_unit",
      plan.id, plan.title, plan.issuer, plan.document_number,
      date_to_text(plan.published, "published"),
      date_to_text(plan.effective_from, "effective_from"),
      date_to_text(plan.effective_until, "effective_until"), plan.timezone, plan.year,
      plan.escalation_unit, time_to_seconds(now));
  tx.exec_params("DELETE FROM items WHERE plan_id = $1", plan.id);
  tx.exec_params("DELETE FROM units WHERE plan_id = $1", plan.id);
  write_units(tx, plan);
  write_items(tx, plan);
}

void touch_pg_plan(pqxx::transaction_base& tx, std::string_view plan_id, TimePoint now) {
  tx.exec_params("UPDATE plans SET last_modified = GREATEST(last_modified, $1) WHERE id = $2",
                 time_to_seconds(now), std::string(plan_id));
}

}  // namespace plancal::calendar
