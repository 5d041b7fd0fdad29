// One task-table row split back into its columns. A row that PDF extraction ran together
// ("…留抵税额。" / "金山税务" / "局、区财" / … / "1月至3月，…") is split where the content cell
// ends (its last 。), the units cell is the run of short lines that reads as a unit list,
// and the rest is the schedule column (project tables) or the policy columns (status,
// channel, 即申即享, phone). A row that arrived with separate cells is mapped by the header.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "calendar/draft/plan_outline.hpp"

namespace plancal::calendar {

struct RowCells {
  std::u32string content;
  std::u32string units;     // the unit list as written; empty when the row has none of its own
  std::u32string schedule;  // 具体内容 / 完成时限
  std::u32string status;    // policy tables: 延续性政策/新政策 as written
  std::u32string channel;
  std::u32string instant;  // 是 / 否 / the cell as written
  std::vector<std::string> phones;
  std::vector<std::string> review;  // what the split was unsure of
};

// Whether the plan's text has already named a unit so (its main text's 责任单位 clauses).
using KnownUnit = std::function<bool(const std::u32string&)>;

RowCells split_row(const OutlineItem& row, const TableLayout& layout, const KnownUnit& known);

// Phone numbers written in `text` ("021-12366", "67961951", "12333"), in order.
std::vector<std::string> phones_in(std::u32string_view text);

}  // namespace plancal::calendar
