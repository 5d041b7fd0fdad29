// The structure of a plan's text: its sections (一、二、…), its numbered measures (1. 2. /
// （一）（二）) and the rows of its task tables. PDF extraction runs a table's columns
// together and repeats its header on every page; the outline finds each table by its header
// (the column labels 序号, …内容, 责任单位, 具体内容/完成时限, …, in the order the header gives
// them), drops the repeated headers, keeps the first column's section cells, and finds the
// rows by their numbers. An HTML table arrives as one line per row with tab-separated cells.
#pragma once

#include <cstddef>
#include <string>
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

struct OutlineItem {
  ItemKind kind = ItemKind::kMeasure;
  std::u32string section;           // the heading it stands under
  std::u32string number;            // "5", "三"
  std::vector<DocumentLine> lines;  // its text, the number removed from the first line
  int table = -1;                   // index into Outline::tables for a row
  // A row that arrived with its cells separated (HTML): one per column of the layout.
  std::vector<std::u32string> cells;
};

struct Outline {
  std::vector<TableLayout> tables;
  std::vector<OutlineItem> items;
};

Outline outline_plan(const std::vector<DocumentLine>& lines);

// "二、" headings: the numeral-and-comma prefix, or npos.
size_t section_marker_length(std::u32string_view line);

}  // namespace plancal::calendar
