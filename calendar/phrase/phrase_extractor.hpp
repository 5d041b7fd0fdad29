// Finds the schedule phrases inside free text such as a task-table cell, which holds
// several activities with their dates ("1月1日，举办…活动。1月至2月，举办…"). The text is
// segmented on ；and 。; each phrase is returned with its position and the activity text
// it governs. Words that look temporal but are not dates (五五购物节, 2023届, 三个月以上,
// 第六届, 四季联赛, 按月) are not phrases. A date right after a metadata label
// (发文日期：2023-01-03) is reported as the document's metadata.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/model/diagnostic.hpp"
#include "calendar/phrase/schedule_parser.hpp"

namespace plancal::calendar {

struct FoundPhrase {
  std::string phrase;  // as written, including hedges that belong to it ("预计6月")
  // Offsets in Unicode code points into the input text: [begin, end).
  size_t begin = 0;
  size_t end = 0;
  std::string governed_text;  // the activity the phrase dates (rest of its clause)
  Reading reading;
  // The document's own metadata, not an activity: the label written right before the date
  // ("发文日期", "成文日期", "发布时间", …); empty for every other phrase.
  std::string metadata_label;
};

struct UnreadPhrase {
  std::string phrase;  // looked like a schedule but could not be read
  size_t begin = 0;
  size_t end = 0;
  std::string error;
};

struct Extraction {
  std::vector<FoundPhrase> phrases;  // in text order
  std::vector<UnreadPhrase> unread;  // reported, never guessed
};

// A year stated in one phrase ("2023年第一季度") carries to later phrases of the same
// text that state none ("第二季度"); otherwise context.year applies.
Extraction extract_phrases(std::string_view text, const ParseContext& context);

}  // namespace plancal::calendar
