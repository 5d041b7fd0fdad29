#include "calendar/draft/table_row.hpp"

#include <optional>

#include "calendar/draft/unit_names.hpp"

namespace plancal::calendar {

namespace {

bool has_digit(std::u32string_view text) {
  for (const char32_t c : text)
    if (is_digit(c)) return true;
  return false;
}

bool is_status_word(std::u32string_view text) {
  return contains(text, U"延续性政策") || contains(text, U"新政策") || contains(text, U"存量政策");
}

std::vector<std::u32string> tokens(std::u32string_view text) {
  std::vector<std::u32string> out;
  std::u32string current;
  for (const char32_t c : text) {
    if (c == U' ' || c == U'\t' || c == U'\u3000') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

bool is_phone(std::u32string_view token) {
  size_t digits = 0;
  for (const char32_t c : token) {
    if (c >= U'0' && c <= U'9')
      ++digits;
    else if (c != U'-')
      return false;
  }
  return digits >= 5 && digits <= 13 && token.front() != U'-' && token.back() != U'-';
}

// A line that can be part of a broken-up units cell: short, no digits, no sentence marks.
bool is_unit_fragment(std::u32string_view line) {
  if (line.size() > 14 || has_digit(line)) return false;
  for (const char32_t c : line)
    if (c == U'。' || c == U'，' || c == U'：' || c == U':' || c == U' ') return false;
  return true;
}

struct Split {
  size_t content_end = 0;  // lines [0, content_end) hold the content (see tail)
  std::u32string tail;     // units written after the content's last 。 on its last line
  size_t units_end = 0;    // lines [content_end, units_end) hold the units cell
  // Units written first on the line after the content ("区经委 延续性政策"): that line, less
  // them, starts the remaining columns.
  std::u32string head;
};

// The longest run of fragments from `from` that joins into a unit list; returns its end.
size_t units_run(const std::vector<DocumentLine>& lines, size_t from) {
  size_t best = from;
  std::u32string joined;
  for (size_t k = from; k < lines.size() && k - from < 10 && is_unit_fragment(lines[k].text); ++k) {
    joined += lines[k].text;
    if (is_unit_list(joined)) best = k + 1;
  }
  return best;
}

bool all_known(const std::u32string& list, const KnownUnit& known) {
  const auto names = split_unit_list(list);
  if (names.empty()) return false;
  for (const auto& name : names)
    if (!known(name)) return false;
  return true;
}

// A units cell usually starts with an administrative prefix (区…, 市…, 各…) or a known name.
bool starts_like_unit(std::u32string_view list) {
  return starts_with(list, U"区") || starts_with(list, U"市") || starts_with(list, U"县") ||
         starts_with(list, U"各") || starts_with(list, U"省") || starts_with(list, U"镇");
}

// Where the content cell ends and the units cell lies. In order of trust: units written after
// the content's 。 on the same line; a run of lines naming only units the plan's text already
// named; a content line ending in 。 (the units cell after it may be empty: a merged cell);
// and, for a content cell without a final 。, the first run that reads as a unit list.
std::optional<Split> find_split(const std::vector<DocumentLine>& lines, const KnownUnit& known,
                                std::vector<std::string>& review) {
  for (size_t c = 0; c < lines.size(); ++c) {
    const std::u32string& text = lines[c].text;
    const size_t stop = text.rfind(U'。');
    const std::u32string tail = stop == std::u32string::npos
                                    ? std::u32string()
                                    : trim(std::u32string_view(text).substr(stop + 1));
    if (!tail.empty() && is_unit_list(tail)) return Split{c + 1, tail, c + 1, {}};
    const size_t run = units_run(lines, c + 1);
    if (run > c + 1 && all_known(join_lines(lines, c + 1, run), known))
      return Split{c + 1, {}, run, {}};
    if (stop != std::u32string::npos && (tail.empty() || is_status_word(tail))) {
      if (tail.empty() && run == c + 1 && c + 1 < lines.size()) {
        const auto words = tokens(lines[c + 1].text);
        if (words.size() > 1 && is_unit_list(words.front()))
          return Split{c + 1, {}, c + 1, words.front()};
      }
      return Split{c + 1, {}, tail.empty() ? run : c + 1, {}};
    }
  }
  size_t fallback = lines.size();
  for (size_t c = 0; c + 1 < lines.size(); ++c) {
    const size_t run = units_run(lines, c + 1);
    if (run == c + 1) continue;
    if (starts_like_unit(join_lines(lines, c + 1, run))) {
      review.push_back("the content cell has no closing 。: where it ends was guessed");
      return Split{c + 1, {}, run, {}};
    }
    if (fallback == lines.size()) fallback = c;
  }
  if (fallback < lines.size()) {
    review.push_back("the content cell has no closing 。: where it ends was guessed");
    return Split{fallback + 1, {}, units_run(lines, fallback + 1), {}};
  }
  return std::nullopt;
}

std::u32string join(const std::vector<DocumentLine>& lines, size_t begin, size_t end) {
  return join_lines(lines, begin, end);
}

void split_policy_columns(const std::vector<DocumentLine>& lines, size_t from, RowCells& cells) {
  size_t k = from;
  // Status: the lines down to the first that names the policy's kind.
  for (size_t j = from; j < lines.size() && j < from + 6; ++j)
    if (is_status_word(lines[j].text)) {
      const auto words = tokens(lines[j].text);
      if (j == from && words.size() > 1 && is_status_word(words.front())) {
        cells.status = words.front();
        break;
      }
      cells.status = join(lines, from, j + 1);
      k = j + 1;
      break;
    }
  std::u32string rest;
  for (size_t j = k; j < lines.size(); ++j) {
    for (const auto& token : tokens(lines[j].text)) {
      if (is_phone(token)) {
        cells.phones.push_back(to_utf8(token));
      } else if (token == U"是" || token == U"否") {
        cells.instant = token;
      } else if (j == k && token == cells.status) {
        continue;
      } else {
        if (!rest.empty() && token.size() > 1 && is_status_word(token)) continue;
        rest += token;
      }
    }
  }
  if (cells.status.empty()) {
    cells.review.push_back("no 延续性政策/新政策 cell found in the row");
  }
  if (starts_with(rest, cells.status)) rest = rest.substr(cells.status.size());
  cells.channel = rest;
  if (!rest.empty())
    cells.review.push_back("办理渠道 and 是否即申即享 ran together in the PDF: check the channel");
}

}  // namespace

std::vector<std::string> phones_in(std::u32string_view text) {
  std::vector<std::string> phones;
  std::u32string current;
  const auto flush = [&] {
    if (is_phone(current)) phones.push_back(to_utf8(current));
    current.clear();
  };
  for (const char32_t c : text) {
    if ((c >= U'0' && c <= U'9') || c == U'-')
      current += c;
    else
      flush();
  }
  flush();
  return phones;
}

RowCells split_row(const OutlineItem& row, const TableLayout& layout, const KnownUnit& known) {
  RowCells cells;
  if (!row.cells.empty()) {
    // Separate cells, one per column of the header, the number cell included.
    for (size_t k = 0; k < row.cells.size(); ++k) {
      const TableColumn kind = k < layout.columns.size() ? layout.columns[k] : TableColumn::kOther;
      const std::u32string& cell = row.cells[k];
      switch (kind) {
        case TableColumn::kContent:
          cells.content += cell;
          break;
        case TableColumn::kUnits:
          if (!cells.units.empty() && !cell.empty()) cells.units += U"、";
          cells.units += cell;
          break;
        case TableColumn::kSchedule:
          cells.schedule += cell;
          break;
        case TableColumn::kStatus:
          cells.status = cell;
          break;
        case TableColumn::kChannel:
          cells.channel = cell;
          break;
        case TableColumn::kInstant:
          cells.instant = cell;
          break;
        case TableColumn::kPhone:
          for (auto& phone : phones_in(cell)) cells.phones.push_back(phone);
          break;
        case TableColumn::kNumber:
        case TableColumn::kSection:
        case TableColumn::kOther:
          break;
      }
    }
    return cells;
  }

  std::vector<DocumentLine> lines = row.lines;
  const auto split = find_split(lines, known, cells.review);
  if (!split) {
    cells.content = join(lines, 0, lines.size());
    cells.review.push_back("could not tell this row's columns apart (no 。 ends a content cell)");
    return cells;
  }
  cells.content = join(lines, 0, split->content_end);
  if (!split->tail.empty()) {
    cells.content.resize(cells.content.size() - split->tail.size());
    cells.content = trim(cells.content);
    cells.units = split->tail;
  } else if (split->units_end > split->content_end) {
    cells.units = join(lines, split->content_end, split->units_end);
  } else if (!split->head.empty()) {
    cells.units = split->head;
    std::u32string& line = lines[split->units_end].text;
    line = trim(std::u32string_view(line).substr(line.find(split->head) + split->head.size()));
  }
  if (layout.kind == ItemKind::kPolicy) {
    split_policy_columns(lines, split->units_end, cells);
  } else {
    cells.schedule = join(lines, split->units_end, lines.size());
  }
  return cells;
}

}  // namespace plancal::calendar
