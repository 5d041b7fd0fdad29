// Placeholder until the extractor lands; keeps the library linking.
#include "calendar/phrase_extractor.hpp"

namespace plancal::calendar {

Extraction extract_phrases(std::string_view, const ParseContext&) { return {}; }

}  // namespace plancal::calendar
