// A plan item: one numbered measure of the plan's main text, or one row of its policy or
// project/activity task tables, with its responsible units (lead unit first).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/activity.hpp"

namespace plancal::calendar {

enum class ItemKind {
  kMeasure,  // a numbered measure of the main text: "5.支持行业企业稳岗扩岗"
  kPolicy,   // a row of the policy task table (政策类任务分工表)
  kProject,  // a row of the project/activity task table (项目、活动类任务分工表)
};

std::string_view to_string(ItemKind kind);  // "measure", "policy", "project"
bool parse_item_kind(std::string_view text, ItemKind& out);

// Policy-table columns.
struct PolicyDetails {
  std::string status;           // 延续性政策/新政策 as written
  bool is_new = false;          // a new policy (新政策, 市级新政策)
  std::string channel;          // 办理渠道
  std::optional<bool> instant;  // 是否即申即享; nullopt when the table says neither
  std::string instant_note;     // the cell as written: "是（需通过市级部门认定）"

  bool operator==(const PolicyDetails&) const = default;
};

struct Item {
  std::string id;  // stable: "m5" (measure 5), "p11" (policy row 11), "a1" (activity row 1)
  ItemKind kind = ItemKind::kMeasure;
  std::string section;  // "三、援企稳岗扩岗行动"
  std::string number;   // "5"
  std::string title;
  std::string text;                 // the measure or row text as written
  std::string schedule_text;        // project rows: the 具体内容 column
  std::vector<std::string> units;   // unit ids, lead first
  std::vector<std::string> phones;  // 联系电话 as written
  std::optional<PolicyDetails> policy;
  std::vector<Activity> activities;

  // Whether `unit_id` is responsible for the item: among its units or those of one of its
  // activities. The units that are reminded about it, and that have a personal link to it.
  bool involves(std::string_view unit_id) const;
  // The item's title, or for an untitled table row the start of its text (30 whole
  // characters and "…"): how lists, pages and messages name it.
  std::string summary() const;

  bool operator==(const Item&) const = default;
};

}  // namespace plancal::calendar
