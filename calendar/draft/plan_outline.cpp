#include "calendar/draft/plan_outline.hpp"

#include <optional>

#include "calendar/draft/item_marker.hpp"

namespace plancal::calendar {

namespace {

// kHeader: a line that belongs to no item (a table header, a section cell's continuation,
// the trailer).
enum class LineRole { kText, kHeader, kTableTitle, kSection, kTable };

bool is_trailer(std::u32string_view line) {
  const std::u32string plain = without_spaces(line);
  return starts_with(plain, U"抄送") ||
         (ends_with(plain, U"日印发") && plain.find(U"年") != std::u32string::npos);
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
    if (auto header = table_header_at(lines, i)) {
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
               !item_marker(lines[k].text, true) && !table_header_at(lines, k) &&
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
