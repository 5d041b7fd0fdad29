// A task table's header: the column labels (序号, …内容, 责任单位, 具体内容/完成时限, 办理渠道,
// …) in the order the header gives them, whether the header is broken over lines by PDF
// extraction ("责任单" / "位"), written one cell per line ("序号 |"), or tab-separated (an
// HTML row). Also the table's title line and the helpers for rows of separate cells.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/draft/document_lines.hpp"
#include "calendar/model/item.hpp"

namespace plancal::calendar {

enum class TableColumn {
  kSection,
  kNumber,
  kContent,
  kUnits,
  kSchedule,
  kStatus,
  kChannel,
  kInstant,
  kPhone,
  kOther
};

struct TableLayout {
  ItemKind kind = ItemKind::kProject;  // kPolicy for a policy table (政策内容, 办理渠道, …)
  std::vector<TableColumn> columns;    // in the header's order
  std::u32string title;    // "政策类任务分工表" when the document names the table
  size_t header_line = 0;  // line number of the header
  // The main text's heading above the table: the section of its rows until the table's own
  // first column names one.
  std::u32string section_above;
};

struct TableHeader {
  size_t end = 0;                    // one past its last line
  std::u32string text;               // its lines run together, spaces dropped
  std::vector<TableColumn> columns;  // one per cell when the cells are separate
};

// A header starting at line `i`: lines of column labels only (never a field such as
// "牵头单位：区发改局"), the first naming one, all together naming the units column and at
// least one other.
std::optional<TableHeader> table_header_at(const std::vector<DocumentLine>& lines, size_t i);

// "政策类任务分工表", "2025年开发区重点工作及责任清单": a table's title line.
bool is_table_title(std::u32string_view line);

bool has_column(const std::vector<TableColumn>& columns, TableColumn column);

// A line of a table rendered one cell per line ("招商工作部、安商工作部 |"), and its text.
bool is_cell_line(std::u32string_view line);
std::u32string cell_text(std::u32string_view line);
// The cells of a tab-separated row, trimmed.
std::vector<std::u32string> split_tabs(std::u32string_view line);

}  // namespace plancal::calendar
