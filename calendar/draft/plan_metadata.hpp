// A plan's header read from its own words: the title (《…》 of 关于印发…的通知, or the
// heading), the issuer, the 文号 (…〔YYYY〕N号), the signing date, the effective window
// (自…起施行, 有效期至…), the plan year and the place the plan is for. What is not found is
// filled with a stated default and a note for the reviewer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/draft/document_lines.hpp"
#include "calendar/model/date.hpp"

namespace plancal::calendar {

struct PlanMetadata {
  std::string title;
  std::string issuer;
  std::string document_number;
  Date published{};
  Date effective_from{};
  Date effective_until{};
  int year = 0;
  std::u32string place;  // "金山": the district, county, city or province, without 区/县/市/省
  // Why a field is a guess or a default, by field name ("published", "year", …).
  std::map<std::string, std::string> review;
};

// `year` overrides the plan year when non-zero.
PlanMetadata read_plan_metadata(const std::vector<DocumentLine>& lines, int year);

}  // namespace plancal::calendar
