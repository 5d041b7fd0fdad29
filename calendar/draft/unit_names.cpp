#include "calendar/draft/unit_names.hpp"

#include <algorithm>
#include <array>

#include "calendar/draft/document_lines.hpp"

namespace plancal::calendar {

namespace {

constexpr std::array<std::u32string_view, 8> kRoleWords = {
    U"按职责分工负责", U"按职责负责", U"等单位", U"牵头", U"配合", U"负责", U"参与", U"等"};

constexpr std::array<std::u32string_view, 36> kUnitEndings = {
    U"局",     U"委",     U"办",     U"中心", U"政府", U"公司", U"集团", U"街道",   U"镇",
    U"园区",   U"机构",   U"单位",   U"院",   U"所",   U"站",   U"部",   U"处",     U"队",
    U"署",     U"厅",     U"会",     U"行",   U"社",   U"馆",   U"团",   U"室",     U"组",
    U"办事处", U"管委会", U"联合会", U"协会", U"商会", U"银行", U"法院", U"检察院", U"分局"};

constexpr std::array<std::u32string_view, 6> kClauseLabels = {
    U"责任单位", U"牵头单位", U"责任部门", U"牵头部门", U"配合单位", U"配合部门"};

bool is_separator(char32_t c) {
  return c == U'、' || c == U'，' || c == U',' || c == U'；' || c == U';' || c == U' ' ||
         c == U'\t' || c == U'/' || c == U'\u3000';
}

size_t find_label(std::u32string_view text, size_t from, std::u32string_view* label) {
  size_t best = std::u32string_view::npos;
  for (const auto candidate : kClauseLabels) {
    const size_t at = text.find(candidate, from);
    if (at < best) {
      best = at;
      *label = candidate;
    }
  }
  return best;
}

}  // namespace

std::vector<std::u32string> split_unit_list(std::u32string_view list) {
  std::vector<std::u32string> names;
  std::u32string current;
  const auto flush = [&] {
    std::u32string name = trim(current);
    current.clear();
    for (bool cut = true; cut;) {
      cut = false;
      for (const auto word : kRoleWords)
        if (name.size() > word.size() && ends_with(name, word)) {
          name.resize(name.size() - word.size());
          cut = true;
        }
    }
    if (!name.empty()) names.push_back(name);
  };
  for (const char32_t c : list) {
    if (is_separator(c))
      flush();
    else
      current += c;
  }
  flush();
  return names;
}

bool looks_like_unit_name(std::u32string_view name) {
  if (name.size() < 2 || name.size() > 24) return false;
  // Words of the other columns that end like a unit ("延续性政策…办税服务厅", "向市经信委申请").
  for (const std::u32string_view word : {U"政策", U"或", U"申请", U"申报", U"享受", U"办理",
                                         U"咨询", U"线下", U"线上", U"推进", U"提升", U"行动"})
    if (contains(name, word)) return false;
  for (const char32_t c : name)
    if (!is_han(c) && c != U'（' && c != U'）' && c != U'(' && c != U')' && c != U'·') return false;
  for (const auto ending : kUnitEndings)
    if (ends_with(name, ending)) return true;
  return false;
}

bool is_unit_list(std::u32string_view list) {
  const auto names = split_unit_list(list);
  if (names.empty()) return false;
  for (const auto& name : names)
    if (!looks_like_unit_name(name)) return false;
  return true;
}

std::vector<UnitClause> find_unit_clauses(std::u32string_view text) {
  std::vector<UnitClause> clauses;
  size_t from = 0;
  std::u32string_view label;
  while ((from = find_label(text, from, &label)) != std::u32string_view::npos) {
    const bool bracketed = from > 0 && (text[from - 1] == U'（' || text[from - 1] == U'(');
    size_t start = from + label.size();
    if (start < text.size() && (text[start] == U'：' || text[start] == U':')) ++start;
    size_t end = start;
    while (end < text.size()) {
      const char32_t c = text[end];
      if (c == U'）' || c == U')' || c == U'。' || c == U'\n') break;
      if (!bracketed && (c == U'；' || c == U';')) break;
      ++end;
    }
    std::u32string_view body = text.substr(start, end - start);
    UnitClause clause;
    // "牵头单位：A；配合单位：B" inside one bracket: the labels split the body.
    std::u32string_view inner_label;
    size_t cursor = 0;
    while (cursor <= body.size()) {
      const size_t next = find_label(body, cursor, &inner_label);
      const std::u32string_view part = body.substr(
          cursor, next == std::u32string_view::npos ? std::u32string_view::npos : next - cursor);
      for (auto& name : split_unit_list(part))
        if (looks_like_unit_name(name)) clause.names.push_back(std::move(name));
      if (next == std::u32string_view::npos) break;
      cursor = next + inner_label.size();
      if (cursor < body.size() && (body[cursor] == U'：' || body[cursor] == U':')) ++cursor;
    }
    clause.begin = bracketed ? from - 1 : from;
    clause.end = (bracketed && end < text.size() && (text[end] == U'）' || text[end] == U')'))
                     ? end + 1
                     : end;
    // An unbracketed 牵头单位 clause may be followed by its 配合单位 clause after a ；.
    if (!bracketed && end < text.size() && (text[end] == U'；' || text[end] == U';')) {
      std::u32string_view next_label;
      if (find_label(text, end + 1, &next_label) == end + 1 &&
          (next_label == U"配合单位" || next_label == U"配合部门")) {
        from = end + 1;
        if (!clause.names.empty()) clauses.push_back(std::move(clause));
        continue;  // the next round reads the 配合 clause and merges it into this one
      }
    }
    if (!clauses.empty() && !clause.names.empty() && clauses.back().end + 1 == clause.begin &&
        (label == U"配合单位" || label == U"配合部门")) {
      auto& previous = clauses.back();
      previous.names.insert(previous.names.end(), clause.names.begin(), clause.names.end());
      previous.end = clause.end;
    } else if (!clause.names.empty()) {
      clauses.push_back(std::move(clause));
    }
    from = std::max(end, start);
  }
  return clauses;
}

}  // namespace plancal::calendar
