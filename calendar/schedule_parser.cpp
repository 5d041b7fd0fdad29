// Placeholder until the parser lands; keeps the library linking.
#include "calendar/schedule_parser.hpp"

namespace plancal::calendar {

PhraseResult parse_schedule_phrase(std::string_view, const ParseContext&) {
  return {std::nullopt, "parser not implemented yet"};
}

}  // namespace plancal::calendar
