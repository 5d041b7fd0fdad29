// Collects the diagnostics found in one source file while it is checked: a bounded list
// (a file of garbage must not produce millions), with long values shortened, handed out
// in file order. Not thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "calendar/model/diagnostic.hpp"

namespace plancal::calendar {

// Diagnostics kept per file; the rest are counted in one closing diagnostic.
inline constexpr size_t kMaxDiagnostics = 200;

// Where something is written in its source, 1-based; 0 when unknown.
struct SourcePosition {
  int line = 0;
  int column = 0;
};

class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::string file) : file_(std::move(file)) {}

  // Records a problem with `value` (shortened when long) written at `where`.
  void add(SourcePosition where, std::string_view value, std::string message);
  bool empty() const { return count() == 0; }
  // Problems recorded so far, kept or not.
  size_t count() const { return diagnostics_.size() + dropped_; }
  // Returns the diagnostics sorted by position, with a closing one counting those not
  // kept, and empties the sink.
  Diagnostics take();

 private:
  std::string file_;
  Diagnostics diagnostics_;
  size_t dropped_ = 0;
};

}  // namespace plancal::calendar
