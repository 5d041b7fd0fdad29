#include "calendar/plan_file/plan_validator.hpp"

namespace plancal::calendar {

void ReferenceChecker::declare(std::unordered_map<std::string, SourcePosition>& ids,
                               std::string_view kind, std::string_view id, SourcePosition where) {
  const auto [it, inserted] = ids.try_emplace(std::string(id), where);
  if (!inserted) duplicates_.push_back({kind, std::string(id), where, it->second});
}

void ReferenceChecker::declare_unit(std::string_view id, SourcePosition where) {
  declare(units_, "unit", id, where);
}

void ReferenceChecker::declare_item(std::string_view id, SourcePosition where) {
  declare(items_, "item", id, where);
}

void ReferenceChecker::refer_to_unit(std::string_view id, SourcePosition where,
                                     std::string_view what) {
  references_.push_back({std::string(id), where, std::string(what)});
}

void ReferenceChecker::check(DiagnosticSink& sink) const {
  for (const Duplicate& d : duplicates_)
    sink.add(d.where, d.id,
             "duplicate " + std::string(d.kind) + " id (first defined at line " +
                 std::to_string(d.first.line) + ")");
  for (const Reference& r : references_)
    if (!units_.contains(r.id))
      sink.add(r.where, r.id, "unknown unit in " + r.what + ": no [[units]] entry has this id");
}

}  // namespace plancal::calendar
