#include "calendar/draft/plan_outline.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "calendar/phrase/chinese_numeral.hpp"

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

// The text outside brackets: a header's "具体内容（具体项目、具体活动，时间节点）" keeps its label.
std::u32string outside_brackets(std::u32string_view text) {
  std::u32string out;
  int depth = 0;
  for (const char32_t c : text) {
    if (c == U'（' || c == U'(') ++depth;
    if (depth == 0) out += c;
    if ((c == U'）' || c == U')') && depth > 0) --depth;
  }
  return out;
}

std::u32string without_spaces(std::u32string_view text) {
  std::u32string out;
  for (const char32_t c : text)
    if (c != U' ' && c != U'\t' && c != U'\u3000') out += c;
  return out;
}

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

bool has_column(const std::vector<TableColumn>& columns, TableColumn column) {
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

// A line of a table rendered one cell per line ("招商工作部、安商工作部 |").
bool is_cell_line(std::u32string_view line) { return !line.empty() && line.back() == U'|'; }

std::u32string cell_text(std::u32string_view line) {
  return trim(is_cell_line(line) ? line.substr(0, line.size() - 1) : line);
}

// The column of one header cell: its label's, or kOther for a column plancal does not use
// ("责任领导"), so that the cells of each row keep their places.
TableColumn cell_column(std::u32string_view cell) {
  const auto columns = columns_of(without_spaces(cell));
  return columns.empty() ? TableColumn::kOther : columns.front();
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

bool is_sentence(std::u32string_view text) {
  const std::u32string plain = outside_brackets(text);
  return contains(plain, U"。") || contains(plain, U"，") || contains(plain, U"；");
}

struct Marker {
  std::u32string number;
  size_t length = 0;  // of the marker, in code points
  int value = 0;
  bool chinese = false;  // （三）, not 3.
};

// "12." "12．" "12、" (not "1.5倍"), "（三）", or a bare row number in a table.
std::optional<Marker> item_marker(std::u32string_view line, bool in_table) {
  size_t digits = 0;
  while (digits < line.size() && digits < 3 && line[digits] >= U'0' && line[digits] <= U'9')
    ++digits;
  if (digits > 0 && (digits == line.size() || !(line[digits] >= U'0' && line[digits] <= U'9'))) {
    Marker marker{std::u32string(line.substr(0, digits)), digits, 0, false};
    for (size_t i = 0; i < digits; ++i) marker.value = marker.value * 10 + int(line[i] - U'0');
    if (digits == line.size()) {
      if (!in_table) return std::nullopt;
      return marker;
    }
    const char32_t next = line[digits];
    if (in_table && (next == U'\t' || next == U' ')) {
      marker.length = digits + 1;
      return marker;
    }
    if (next != U'.' && next != U'．' && next != U'、') return std::nullopt;
    size_t run = digits + 1;
    while (run < line.size() && line[run] >= U'0' && line[run] <= U'9') ++run;
    // "7.2023 年…" numbers row 7; "1.5 倍" is a decimal.
    if (run != digits + 1 && run - digits - 1 != 4) return std::nullopt;
    marker.length = digits + 1;
    return marker;
  }
  if (!line.empty() && (line[0] == U'（' || line[0] == U'(')) {
    size_t end = 1;
    while (end < line.size() && is_chinese_numeral(line[end])) ++end;
    if (end > 1 && end < line.size() && (line[end] == U'）' || line[end] == U')')) {
      Marker marker{std::u32string(line.substr(1, end - 1)), end + 1, 0, true};
      if (auto value = parse_chinese_number(line.substr(1, end - 1))) marker.value = int(*value);
      return marker;
    }
  }
  return std::nullopt;
}

bool is_table_title(std::u32string_view line) {
  return line.size() <= 30 && !is_sentence(line) &&
         (ends_with(line, U"表") || ends_with(line, U"清单")) &&
         (contains(line, U"任务") || contains(line, U"分工") || contains(line, U"清单") ||
          contains(line, U"项目") || contains(line, U"活动") || contains(line, U"计划"));
}

// kHeader: a line that belongs to no item (a table header, a section cell's continuation,
// the trailer).
enum class LineRole { kText, kHeader, kTableTitle, kSection, kTable };

bool is_trailer(std::u32string_view line) {
  const std::u32string plain = without_spaces(line);
  return starts_with(plain, U"抄送") ||
         (ends_with(plain, U"日印发") && plain.find(U"年") != std::u32string::npos);
}

struct Header {
  size_t end = 0;  // one past its last line
  std::u32string text;
  std::vector<TableColumn> columns;
};

// A header holds column labels, never a field ("牵头单位：区发改局").
bool is_header_piece(const DocumentLine& line) {
  return line.text.size() <= 80 && !is_sentence(line.text) && !contains(line.text, U"：") &&
         !contains(line.text, U":") && section_marker_length(line.text) == std::u32string::npos &&
         !item_marker(line.text, true);
}

// A table header starting at `i`: lines of column labels only, the first naming one, all
// together naming the units column and at least one other.
std::optional<Header> header_at(const std::vector<DocumentLine>& lines, size_t i) {
  if (!is_header_piece(lines[i]) || columns_of(without_spaces(lines[i].text)).empty())
    return std::nullopt;
  Header header;
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

// Chooses the row starts among the number candidates of one table: the sequence 1, 2, 3, …
// (restarting at 1 after a section cell). A cell may hold its own list ("1.…为新政策" /
// "2.…为延续性政策"): a 1 that is not the expected number opens such a list, and while one is
// open, a candidate for the next row number that a later candidate repeats (before the
// number after it) is the list's, not the row's.
std::vector<bool> choose_rows(const std::vector<int>& values, const std::vector<bool>& after_cell) {
  std::vector<bool> chosen(values.size(), false);
  int expected = -1;
  int list_next = -1;  // the next number of an open in-cell list; -1: none open
  for (size_t k = 0; k < values.size(); ++k) {
    const int v = values[k];
    const bool restart = after_cell[k] && v == 1;
    if (expected < 0 || restart || v == expected) {
      if (!restart && expected >= 0 && list_next == v) {
        bool later_same = false;
        for (size_t j = k + 1; j < values.size(); ++j) {
          if (values[j] == v + 1 || (after_cell[j] && values[j] == 1)) break;
          if (values[j] == v) later_same = true;
        }
        if (later_same) {
          list_next = v + 1;
          continue;
        }
      }
      chosen[k] = true;
      expected = v + 1;
      list_next = -1;
    } else if (v == 1) {
      list_next = 2;
    } else if (v == list_next) {
      ++list_next;
    }
  }
  return chosen;
}

}  // namespace

size_t section_marker_length(std::u32string_view line) {
  size_t end = 0;
  while (end < line.size() && end < 4 && is_chinese_numeral(line[end])) ++end;
  if (end == 0 || end >= line.size() || line[end] != U'、') return std::u32string_view::npos;
  return end + 1;
}

Outline outline_plan(const std::vector<DocumentLine>& lines) {
  Outline outline;
  std::vector<LineRole> roles(lines.size(), LineRole::kText);
  std::vector<int> table_of(lines.size(), -1);
  std::vector<std::u32string> section_text(lines.size());

  // Pass 1: tables and their headers, section headings and section cells.
  int table = -1;
  std::u32string pending_title;
  std::u32string main_section;  // the last heading of the main text
  for (size_t i = 0; i < lines.size();) {
    const std::u32string& text = lines[i].text;
    // The document's trailer (抄送：…, "…办公室 2023年2月14日印发") ends the plan.
    if (is_trailer(text)) {
      for (size_t k = i; k < lines.size(); ++k) roles[k] = LineRole::kHeader;
      break;
    }
    if (is_table_title(text)) {
      roles[i] = LineRole::kTableTitle;
      pending_title = text;
      ++i;
      continue;
    }
    if (auto header = header_at(lines, i)) {
      const bool repeat = table >= 0 && outline.tables[size_t(table)].columns == header->columns;
      if (!repeat) {
        TableLayout layout;
        layout.columns = header->columns;
        layout.title = pending_title;
        layout.header_line = lines[i].number;
        layout.section_above = main_section;
        const bool policy = contains(pending_title, U"政策") ||
                            has_column(header->columns, TableColumn::kStatus) ||
                            has_column(header->columns, TableColumn::kChannel) ||
                            contains(header->text, U"政策内容");
        layout.kind = policy ? ItemKind::kPolicy : ItemKind::kProject;
        outline.tables.push_back(layout);
        table = int(outline.tables.size()) - 1;
        pending_title.clear();
      }
      for (size_t k = i; k < header->end; ++k) roles[k] = LineRole::kHeader;
      i = header->end;
      continue;
    }
    const size_t marker = section_marker_length(text);
    if (marker != std::u32string::npos && !is_sentence(text.substr(marker))) {
      roles[i] = LineRole::kSection;
      if (table < 0) main_section = text;
      table_of[i] = table;
      section_text[i] = text;
      // In a table the section cell is broken over short lines down to the next row.
      if (table >= 0 && text.find(U'\t') == std::u32string::npos) {
        size_t k = i + 1;
        while (k < lines.size() && lines[k].text.size() <= 10 && !is_sentence(lines[k].text) &&
               !item_marker(lines[k].text, true) && !header_at(lines, k) &&
               section_marker_length(lines[k].text) == std::u32string::npos) {
          section_text[i] += lines[k].text;
          roles[k] = LineRole::kHeader;  // consumed
          ++k;
        }
        i = k;
        continue;
      }
      ++i;
      continue;
    }
    if (table >= 0) {
      roles[i] = LineRole::kTable;
      table_of[i] = table;
    }
    ++i;
  }

  // Pass 2a: the main text's measures.
  std::u32string section;
  constexpr size_t kNone = std::u32string::npos;
  size_t open = kNone;  // index of the measure being read
  int last_value = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (roles[i] == LineRole::kSection && table_of[i] < 0) {
      section = section_text[i];
      open = kNone;
      continue;
    }
    if (roles[i] != LineRole::kText) {
      if (roles[i] != LineRole::kHeader || table_of[i] >= 0) open = kNone;
      continue;
    }
    const std::u32string& text = lines[i].text;
    const auto marker = item_marker(text, false);
    // "（一）…系列活动" directly above "1、…": a sub-heading, not a measure.
    if (marker && marker->chinese && !is_sentence(text) && i + 1 < lines.size() &&
        roles[i + 1] == LineRole::kText) {
      const auto below = item_marker(lines[i + 1].text, false);
      if (below && !below->chinese) {
        section = text;
        open = kNone;
        continue;
      }
    }
    if (marker && (marker->value == last_value + 1 || marker->value == 1 || open == kNone)) {
      OutlineItem item;
      item.kind = ItemKind::kMeasure;
      item.section = section;
      item.number = marker->number;
      item.lines.push_back(
          {trim(std::u32string_view(text).substr(marker->length)), lines[i].number});
      outline.items.push_back(std::move(item));
      open = outline.items.size() - 1;
      last_value = marker->value;
      continue;
    }
    bool bare_number = !text.empty() && text.size() <= 3;
    for (const char32_t c : text) bare_number = bare_number && is_digit(c);
    if (open != kNone && !bare_number) outline.items[open].lines.push_back(lines[i]);
  }

  // Pass 2b: each table's rows.
  for (size_t t = 0; t < outline.tables.size(); ++t) {
    const TableLayout& layout = outline.tables[t];
    std::vector<size_t> candidates;
    std::vector<int> values;
    std::vector<bool> after_cell;
    bool cell_before = false;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (table_of[i] != int(t)) continue;
      if (roles[i] == LineRole::kSection) {
        cell_before = true;
        continue;
      }
      if (roles[i] != LineRole::kTable) continue;
      if (auto marker = item_marker(lines[i].text, true)) {
        candidates.push_back(i);
        values.push_back(marker->value);
        after_cell.push_back(cell_before);
      }
      cell_before = false;
    }
    const std::vector<bool> chosen = choose_rows(values, after_cell);
    std::vector<bool> row_start(lines.size(), false);
    for (size_t k = 0; k < candidates.size(); ++k)
      if (chosen[k]) row_start[candidates[k]] = true;

    std::u32string table_section = layout.section_above;
    size_t row = kNone;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (table_of[i] != int(t)) continue;
      if (roles[i] == LineRole::kSection) {
        table_section = section_text[i];
        continue;
      }
      if (roles[i] != LineRole::kTable) continue;
      const std::u32string& text = lines[i].text;
      if (row_start[i]) {
        const auto marker = item_marker(text, true);
        OutlineItem item;
        item.kind = layout.kind;
        item.section = table_section;
        item.number = marker->number;
        item.table = int(t);
        const std::u32string rest = trim(std::u32string_view(text).substr(marker->length));
        if (text.find(U'\t') != std::u32string::npos) {
          item.cells = split_tabs(text);
        } else if (is_cell_line(text)) {
          item.cells = {cell_text(text)};
        } else if (!rest.empty()) {
          item.lines.push_back({rest, lines[i].number});
        }
        outline.items.push_back(std::move(item));
        row = outline.items.size() - 1;
        continue;
      }
      if (row == kNone) continue;
      OutlineItem& open_row = outline.items[row];
      if (!open_row.cells.empty() && is_cell_line(text))
        open_row.cells.push_back(cell_text(text));
      else if (open_row.cells.empty())
        open_row.lines.push_back(lines[i]);
    }
  }
  return outline;
}

}  // namespace plancal::calendar
