#include "calendar/draft/unit_names.hpp"

#include <algorithm>
#include <array>

#include "calendar/draft/document_lines.hpp"

namespace plancal::calendar {

namespace {

constexpr std::array<std::u32string_view, 13> kRoleWords = {U"按职责分工负责",
                                                            U"按职责负责",
                                                            U"等有关部门",
                                                            U"等相关部门",
                                                            U"等部门",
                                                            U"等单位",
                                                            U"牵头负责",
                                                            U"共同组织实施",
                                                            U"牵头",
                                                            U"配合",
                                                            U"负责",
                                                            U"参与",
                                                            U"等"};

constexpr std::array<std::u32string_view, 37> kUnitEndings = {
    U"开发区", U"局",   U"委",   U"办",     U"中心",   U"政府",   U"公司",   U"集团",
    U"街道",   U"镇",   U"园区", U"机构",   U"单位",   U"院",     U"所",     U"站",
    U"部",     U"处",   U"队",   U"署",     U"厅",     U"会",     U"行",     U"社",
    U"馆",     U"团",   U"室",   U"组",     U"办事处", U"管委会", U"联合会", U"协会",
    U"商会",   U"银行", U"法院", U"检察院", U"分局"};

constexpr std::array<std::u32string_view, 9> kClauseLabels = {
    U"责任单位", U"牵头单位", U"责任部门", U"牵头部门", U"配合单位",
    U"配合部门", U"主办单位", U"承办单位", U"实施单位"};

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

namespace {

// A name in a labelled clause ("责任单位：立山经济开发区，全区经济运行各专班"): the label says
// it is a unit, so any short Han name is taken, not only those with a unit's ending.
bool is_labelled_name(std::u32string_view name) {
  if (name.size() < 2 || name.size() > 24) return false;
  for (const char32_t c : name)
    if (!is_han(c) && c != U'（' && c != U'）' && c != U'(' && c != U')' && c != U'·') return false;
  return !contains(name, U"以下") && !contains(name, U"落实");
}

bool is_open_bracket(char32_t c) { return c == U'（' || c == U'('; }
bool is_close_bracket(char32_t c) { return c == U'）' || c == U')'; }

// The names of one labelled clause body; a label inside it ("A；配合单位：B", or the next
// line's "责任单位：…" run into it) starts the next part.
std::vector<std::u32string> labelled_names(std::u32string_view body) {
  std::vector<std::u32string> names;
  std::u32string_view label;
  size_t cursor = 0;
  while (cursor <= body.size()) {
    const size_t next = find_label(body, cursor, &label);
    const std::u32string_view part = body.substr(
        cursor, next == std::u32string_view::npos ? std::u32string_view::npos : next - cursor);
    for (auto& name : split_unit_list(part))
      if (is_labelled_name(name)) names.push_back(std::move(name));
    if (next == std::u32string_view::npos) break;
    cursor = next + label.size();
    if (cursor < body.size() && (body[cursor] == U'：' || body[cursor] == U':')) ++cursor;
  }
  return names;
}

// "（区政务服务局牵头，区发改局、区住建局配合）", "（市残联、市财政局负责）": a bracket with
// a part ending in a role word; the names are taken only where they read as units.
std::vector<std::u32string> role_names(std::u32string_view body) {
  std::vector<std::u32string> names;
  bool any_role = false;
  size_t start = 0;
  for (size_t i = 0; i <= body.size(); ++i) {
    if (i < body.size() && body[i] != U'，' && body[i] != U',' && body[i] != U'；' &&
        body[i] != U';')
      continue;
    const std::u32string part = trim(body.substr(start, i - start));
    start = i + 1;
    for (const std::u32string_view role : {U"牵头", U"配合", U"负责"})
      if (ends_with(part, role)) any_role = true;
    // "A牵头，B、C等部门，D配合": every part names units, the role is said once at the end.
    for (auto& name : split_unit_list(part))
      if (looks_like_unit_name(name)) names.push_back(std::move(name));
  }
  if (!any_role) names.clear();
  return names;
}

}  // namespace

std::vector<UnitClause> find_unit_clauses(std::u32string_view text) {
  std::vector<UnitClause> clauses;
  const auto add = [&](UnitClause clause) {
    if (clause.names.empty()) return;
    // A 配合 clause right after the lead clause belongs to it.
    if (!clauses.empty() && clause.begin <= clauses.back().end + 1) {
      auto& previous = clauses.back();
      previous.names.insert(previous.names.end(), clause.names.begin(), clause.names.end());
      previous.end = std::max(previous.end, clause.end);
      return;
    }
    clauses.push_back(std::move(clause));
  };
  size_t at = 0;
  while (at < text.size()) {
    std::u32string_view label;
    const size_t labelled = find_label(text, at, &label);
    size_t bracket = at;
    while (bracket < text.size() && !is_open_bracket(text[bracket])) ++bracket;
    if (bracket < labelled && bracket + 1 != labelled && bracket < text.size()) {
      // A bracket before the next label: a role clause, or just a bracket.
      size_t close = bracket + 1;
      while (close < text.size() && !is_close_bracket(text[close]) && !is_open_bracket(text[close]))
        ++close;
      if (close < text.size() && is_close_bracket(text[close])) {
        UnitClause clause{role_names(text.substr(bracket + 1, close - bracket - 1)), bracket,
                          close + 1};
        add(std::move(clause));
      }
      at = close;
      continue;
    }
    if (labelled == std::u32string_view::npos) break;
    const bool bracketed = labelled > 0 && is_open_bracket(text[labelled - 1]);
    size_t start = labelled + label.size();
    if (start < text.size() && (text[start] == U'：' || text[start] == U':')) ++start;
    size_t end = start;
    while (end < text.size() && !is_close_bracket(text[end]) && text[end] != U'。' &&
           text[end] != U'\n' && (bracketed || (text[end] != U'；' && text[end] != U';')))
      ++end;
    UnitClause clause{
        labelled_names(text.substr(start, end - start)), bracketed ? labelled - 1 : labelled,
        bracketed && end < text.size() && is_close_bracket(text[end]) ? end + 1 : end};
    add(std::move(clause));
    at = std::max(end, start);
  }
  return clauses;
}

}  // namespace plancal::calendar
