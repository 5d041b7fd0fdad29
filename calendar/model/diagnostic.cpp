#include "calendar/model/diagnostic.hpp"

namespace plancal::calendar {

std::string Diagnostic::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
    if (line > 0 && column > 0) out += ":" + std::to_string(column);
    out += ": ";
  }
  if (!value.empty()) out += "'" + value + "': ";
  out += message;
  return out;
}

}  // namespace plancal::calendar
