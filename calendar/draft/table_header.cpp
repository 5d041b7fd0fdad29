#include "calendar/draft/table_header.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "calendar/draft/item_marker.hpp"

namespace plancal::calendar {

namespace {

struct ColumnLabel {
  std::u32string_view label;
  TableColumn column;
};

// Longest labels first: a label's characters are taken before a shorter one can match
// inside it ("具体内容" before "内容").
constexpr std::array<ColumnLabel, 35> kColumnLabels = {{
    {U"延续性政策/新政策", TableColumn::kStatus},
    {U"项目／活动内容", TableColumn::kContent},
    {U"项目/活动内容", TableColumn::kContent},
    {U"是否即申即享", TableColumn::kInstant},
    {U"政策内容", TableColumn::kContent},
    {U"工作任务", TableColumn::kContent},
    {U"重点任务", TableColumn::kContent},
    {U"主要任务", TableColumn::kContent},
    {U"任务内容", TableColumn::kContent},
    {U"工作内容", TableColumn::kContent},
    {U"项目名称", TableColumn::kContent},
    {U"活动名称", TableColumn::kContent},
    {U"主要内容", TableColumn::kContent},
    {U"工作措施", TableColumn::kContent},
    {U"重点工作", TableColumn::kContent},
    {U"工作要点", TableColumn::kContent},
    {U"具体措施", TableColumn::kContent},
    {U"主要措施", TableColumn::kContent},
    {U"工作举措", TableColumn::kContent},
    {U"责任单位", TableColumn::kUnits},
    {U"牵头单位", TableColumn::kUnits},
    {U"责任部门", TableColumn::kUnits},
    {U"牵头部门", TableColumn::kUnits},
    {U"配合单位", TableColumn::kUnits},
    {U"具体内容", TableColumn::kSchedule},
    {U"时间节点", TableColumn::kSchedule},
    {U"完成时限", TableColumn::kSchedule},
    {U"完成时间", TableColumn::kSchedule},
    {U"时间安排", TableColumn::kSchedule},
    {U"活动时间", TableColumn::kSchedule},
    {U"办理渠道", TableColumn::kChannel},
    {U"联系电话", TableColumn::kPhone},
    {U"联系方式", TableColumn::kPhone},
    {U"行动方案", TableColumn::kSection},
    {U"序号", TableColumn::kNumber},
}};

// The columns named in a header's text, in order of position.
std::vector<TableColumn> columns_of(std::u32string header) {
  std::vector<std::pair<size_t, TableColumn>> found;
  for (const ColumnLabel& label : kColumnLabels) {
    size_t at = 0;
    while ((at = header.find(label.label, at)) != std::u32string::npos) {
      found.emplace_back(at, label.column);
      for (size_t i = 0; i < label.label.size(); ++i) header[at + i] = U'#';
      at += label.label.size();
    }
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<TableColumn> columns;
  for (const auto& [at, column] : found) columns.push_back(column);
  return columns;
}

// The column of one header cell: its label's, or kOther for a column plancal does not use
// ("责任领导"), so that the cells of each row keep their places.
TableColumn cell_column(std::u32string_view cell) {
  const auto columns = columns_of(without_spaces(cell));
  return columns.empty() ? TableColumn::kOther : columns.front();
}

// A header holds column labels, never a field ("牵头单位：区发改局").
bool is_header_piece(const DocumentLine& line) {
  return line.text.size() <= 80 && !is_sentence(line.text) && !contains(line.text, U"：") &&
         !contains(line.text, U":") && section_marker_length(line.text) == std::u32string::npos &&
         !item_marker(line.text, true);
}

}  // namespace

bool has_column(const std::vector<TableColumn>& columns, TableColumn column) {
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

bool is_cell_line(std::u32string_view line) { return !line.empty() && line.back() == U'|'; }

std::u32string cell_text(std::u32string_view line) {
  return trim(is_cell_line(line) ? line.substr(0, line.size() - 1) : line);
}

std::vector<std::u32string> split_tabs(std::u32string_view line) {
  std::vector<std::u32string> cells;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == U'\t') {
      cells.push_back(trim(line.substr(start, i - start)));
      start = i + 1;
    }
  return cells;
}

bool is_table_title(std::u32string_view line) {
  return line.size() <= 30 && !is_sentence(line) &&
         (ends_with(line, U"表") || ends_with(line, U"清单")) &&
         (contains(line, U"任务") || contains(line, U"分工") || contains(line, U"清单") ||
          contains(line, U"项目") || contains(line, U"活动") || contains(line, U"计划"));
}

std::optional<TableHeader> table_header_at(const std::vector<DocumentLine>& lines, size_t i) {
  if (!is_header_piece(lines[i]) || columns_of(without_spaces(lines[i].text)).empty())
    return std::nullopt;
  TableHeader header;
  size_t end = i;
  std::vector<TableColumn> best;
  size_t best_end = i;
  std::u32string joined;
  while (end < lines.size() && end - i < 14 && is_header_piece(lines[end]) &&
         (end == i || lines[end].text.size() <= 24)) {
    joined += without_spaces(outside_brackets(lines[end].text));
    ++end;
    auto columns = columns_of(joined);
    if (columns.size() > best.size()) {
      best = columns;
      best_end = end;
    }
  }
  if (best.size() < 2 || !has_column(best, TableColumn::kUnits)) return std::nullopt;
  header.end = best_end;
  header.columns = best;
  // A header whose cells are separate (one per line ending in |, or tab-separated) keeps a
  // column for every cell.
  if (lines[i].text.find(U'\t') != std::u32string::npos) {
    header.columns.clear();
    for (const auto& cell : split_tabs(lines[i].text)) header.columns.push_back(cell_column(cell));
  } else if (is_cell_line(lines[i].text)) {
    header.columns.clear();
    for (size_t k = i; k < best_end; ++k)
      header.columns.push_back(cell_column(cell_text(lines[k].text)));
  }
  // Without a content label the first column the drafter does not know is the content.
  if (!has_column(header.columns, TableColumn::kContent))
    for (TableColumn& column : header.columns)
      if (column == TableColumn::kOther) {
        column = TableColumn::kContent;
        break;
      }
  for (size_t k = i; k < best_end; ++k) header.text += without_spaces(lines[k].text);
  return header;
}

}  // namespace plancal::calendar
