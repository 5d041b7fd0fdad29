// Cross-reference checks of a plan file, done once the whole file has been read: ids
// that must be unique (units, items) and unit ids that must name a declared unit (an
// item's or activity's units, a unit's escalation, the plan's escalation unit). The loader
// declares and refers as it reads, in any order; check() reports with file positions.
// Not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "calendar/model/diagnostic_sink.hpp"

namespace plancal::calendar {

class ReferenceChecker {
 public:
  // Declares a unit or an item id; a second declaration of the same id is an error.
  void declare_unit(std::string_view id, SourcePosition where);
  void declare_item(std::string_view id, SourcePosition where);
  // Records that `what` ("[[items]] 'a1' units") refers to unit `id` at `where`.
  void refer_to_unit(std::string_view id, SourcePosition where, std::string_view what);

  // Reports duplicates and references to undeclared units to `sink`.
  void check(DiagnosticSink& sink) const;

 private:
  struct Duplicate {
    std::string_view kind;  // "unit" or "item"
    std::string id;
    SourcePosition where;
    SourcePosition first;  // where the id was first declared
  };
  struct Reference {
    std::string id;
    SourcePosition where;
    std::string what;
  };

  void declare(std::unordered_map<std::string, SourcePosition>& ids, std::string_view kind,
               std::string_view id, SourcePosition where);

  std::unordered_map<std::string, SourcePosition> units_;
  std::unordered_map<std::string, SourcePosition> items_;
  std::vector<Duplicate> duplicates_;
  std::vector<Reference> references_;
};

}  // namespace plancal::calendar
