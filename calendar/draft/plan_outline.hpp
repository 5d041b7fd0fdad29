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
#include "calendar/draft/table_header.hpp"
#include "calendar/model/item.hpp"

namespace plancal::calendar {

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

}  // namespace plancal::calendar
