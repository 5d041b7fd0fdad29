// Responsible units as a plan writes them: the clauses that name them ("（责任单位：区人社局、
// 区财政局）", "牵头单位：…；配合单位：…"), lists split on 、，,；, and the test that tells a
// unit name ("区农业农村委", "金开担保公司") from other words of a table cell.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace plancal::calendar {

// "区经委、区农业农村委，区国资委" → the names in order; words that only say a unit's role
// ("牵头", "配合", "负责", "等") are cut from the names.
std::vector<std::u32string> split_unit_list(std::u32string_view list);

// Whether `name` reads as the name of an office, company or collective (各镇、街道): two to
// twenty-four characters, Han and a few brackets (not words of other columns such as 政策), ending
// in a word such as 局, 委, 办, 中心, 政府, 公司, 街道, 园区, 机构 or 单位.
bool looks_like_unit_name(std::u32string_view name);
// Whether every name of the list looks like one (and there is at least one).
bool is_unit_list(std::u32string_view list);

struct UnitClause {
  std::vector<std::u32string> names;  // lead units first, then 配合单位
  size_t begin = 0;                   // code-point offsets of the whole clause in the text
  size_t end = 0;
};

// Every 责任单位/牵头单位/配合单位/责任部门 clause of `text`, bracketed or running to the end
// of its sentence, in text order. A 牵头单位 clause followed by a 配合单位 clause is one clause.
std::vector<UnitClause> find_unit_clauses(std::u32string_view text);

}  // namespace plancal::calendar
