#include "calendar/draft/activity_drafter.hpp"

#include <array>

#include "calendar/draft/document_lines.hpp"
#include "calendar/phrase/phrase_extractor.hpp"
#include "calendar/phrase/schedule_parser.hpp"

namespace plancal::calendar {

namespace {

constexpr size_t kTitleLength = 30;

struct CategoryWord {
  std::u32string_view word;
  Category category;
};

// In order of precedence: the first word found decides.
constexpr std::array<CategoryWord, 36> kCategoryWords = {{
    {U"招聘", Category::kJobFair},      {U"带岗", Category::kJobFair},
    {U"双选会", Category::kJobFair},    {U"论坛", Category::kForum},
    {U"大会", Category::kForum},        {U"推介", Category::kForum},
    {U"签约", Category::kForum},        {U"沙龙", Category::kForum},
    {U"峰会", Category::kForum},        {U"招商", Category::kForum},
    {U"洽谈会", Category::kForum},      {U"博览会", Category::kEvent},
    {U"开工", Category::kMilestone},    {U"竣工", Category::kMilestone},
    {U"建成", Category::kMilestone},    {U"交付", Category::kMilestone},
    {U"完工", Category::kMilestone},    {U"投产", Category::kMilestone},
    {U"审批", Category::kMilestone},    {U"验收", Category::kMilestone},
    {U"申报", Category::kMilestone},    {U"公示", Category::kMilestone},
    {U"启动", Category::kMilestone},    {U"节", Category::kEvent},
    {U"赛", Category::kEvent},          {U"展", Category::kEvent},
    {U"演出", Category::kEvent},        {U"晚会", Category::kEvent},
    {U"嘉年华", Category::kEvent},      {U"文艺", Category::kEvent},
    {U"季", Category::kEvent},          {U"活动", Category::kEvent},
    {U"补贴", Category::kPolicyWindow}, {U"政策", Category::kPolicyWindow},
    {U"减免", Category::kPolicyWindow}, {U"申请", Category::kPolicyWindow},
}};

constexpr std::array<std::u32string_view, 12> kLeadingVerbs = {
    U"组织开展", U"集中开展", U"持续开展", U"举办", U"开展", U"组织",
    U"召开",     U"举行",     U"推出",     U"实施", U"启动", U"完成"};

bool is_clause_mark(char32_t c) {
  return c == U'，' || c == U'。' || c == U'；' || c == U',' || c == U';' || c == U'：' ||
         c == U':';
}

struct Title {
  std::u32string text;
  std::string review;
};

// The governed words up to their first clause mark, without a leading verb.
Title title_from(std::u32string_view governed) {
  std::u32string text = without_spaces(governed);
  while (!text.empty() && (is_clause_mark(text.front()) || text.front() == U'、')) text.erase(0, 1);
  size_t cut = 0;
  while (cut < text.size() && !is_clause_mark(text[cut])) ++cut;
  const bool more = cut < text.size();
  text.resize(cut);
  for (const auto verb : kLeadingVerbs)
    if (starts_with(text, verb) && text.size() > verb.size() + 2) {
      text.erase(0, verb.size());
      break;
    }
  Title title{text, {}};
  if (title.text.size() > kTitleLength) {
    title.text.resize(kTitleLength);
    title.text += U"…";
    title.review = "title cut from a long sentence";
  } else if (title.text.size() < 4) {
    title.review = more ? "title is only the first words of its clause"
                        : "title is only a few words: say what the activity is";
  }
  return title;
}

// "活动地点：XX广场" / "地点：XX" after the phrase.
std::u32string location_after(std::u32string_view text, size_t from) {
  const size_t at = text.find(U"地点", from);
  if (at == std::u32string_view::npos || at > from + 80) return {};
  size_t start = at + 2;
  if (start < text.size() && (text[start] == U'：' || text[start] == U':'))
    ++start;
  else
    return {};
  size_t end = start;
  while (end < text.size() && end - start < 40 && text[end] != U'。' && text[end] != U'；' &&
         text[end] != U'\n' && !starts_with(text.substr(end), U"活动") &&
         !starts_with(text.substr(end), U"主办") && !starts_with(text.substr(end), U"时间"))
    ++end;
  return trim(text.substr(start, end - start));
}

// In a "活动名称\n活动时间：9月" layout the title is the heading above the label.
std::u32string heading_before_label(std::u32string_view text, size_t phrase_begin) {
  std::u32string_view before = text.substr(0, phrase_begin);
  for (const std::u32string_view label : {U"活动时间：", U"活动时间:", U"时间：", U"时间:"}) {
    if (!ends_with(before, label)) continue;
    before.remove_suffix(label.size());
    size_t start = before.size();
    while (start > 0 && !is_clause_mark(before[start - 1]) && before[start - 1] != U'。') --start;
    return trim(before.substr(start));
  }
  return {};
}

constexpr std::array<std::u32string_view, 10> kEventEndings = {
    U"论坛", U"会", U"节", U"赛", U"展", U"活动", U"嘉年华", U"沙龙", U"演出", U"季"};

constexpr std::array<std::u32string_view, 12> kClauseVerbs = {U"推出", U"开展", U"组织", U"举办",
                                                              U"吸引", U"促进", U"引导", U"让",
                                                              U"感受", U"推动", U"提升", U"加强"};

// "举办A大会，B论坛、C论坛、D论坛等四大论坛": one phrase dating several named events, one
// activity each. The leading parts of the clause that each name an event (end in 论坛, 会, 节,
// 赛, 展, 活动, …) and do not start a new clause with a verb; at least two, else none.
std::vector<std::u32string> enumerated_events(std::u32string_view governed) {
  std::u32string text = without_spaces(governed);
  while (!text.empty() && is_clause_mark(text.front())) text.erase(0, 1);
  const size_t stop = text.find_first_of(U"。；;");
  if (stop != std::u32string::npos) text.resize(stop);
  for (const auto verb : kLeadingVerbs)
    if (starts_with(text, verb)) {
      text.erase(0, verb.size());
      break;
    }
  std::vector<std::u32string> events;
  std::u32string part;
  const auto take = [&]() -> bool {
    std::u32string name = part;
    part.clear();
    if (const size_t etc = name.find(U"等"); etc != std::u32string::npos) name.resize(etc);
    if (name.size() < 4) return false;
    for (const auto verb : kClauseVerbs)
      if (starts_with(name, verb)) return false;
    for (const auto ending : kEventEndings)
      if (ends_with(name, ending)) {
        events.push_back(name);
        return true;
      }
    return false;
  };
  for (const char32_t c : text) {
    if (c == U'、' || c == U'，' || c == U',') {
      if (!take()) break;
    } else {
      part += c;
    }
  }
  if (!part.empty()) take();
  if (events.size() < 2) events.clear();
  return events;
}

}  // namespace

CategoryGuess guess_category(std::u32string_view words, const Reading& reading, ItemKind kind) {
  if (reading.kind == ReadingKind::kDeadline)
    return {Category::kDeadline, true, "a deadline (…前)"};
  if (kind == ItemKind::kPolicy) return {Category::kPolicyWindow, true, "a policy row's period"};
  for (const CategoryWord& entry : kCategoryWords)
    if (contains(words, entry.word))
      return {entry.category, entry.word.size() > 1 || entry.category != Category::kEvent,
              "the word " + to_utf8(entry.word)};
  return {Category::kMilestone, false, "no category word in the activity"};
}

std::vector<DraftedActivity> draft_activities(const Item& item, int year,
                                              const HolidayCalendar* holidays) {
  std::vector<DraftedActivity> drafted;
  const ParseContext context{year, holidays};
  for (const std::string* source : {&item.text, &item.schedule_text}) {
    if (source->empty()) continue;
    const std::u32string text = to_u32(*source);
    const Extraction extraction = extract_phrases(*source, context);
    std::string review_of_title;
    for (const FoundPhrase& found : extraction.phrases) {
      if (!found.metadata_label.empty()) continue;
      const PhraseResult alone = parse_schedule_phrase(found.phrase, context);
      const bool pin = !alone.reading || !same_dates(*alone.reading, found.reading);
      std::vector<std::u32string> events = enumerated_events(to_u32(found.governed_text));
      const bool several = !events.empty();
      if (!several) {
        std::u32string heading = heading_before_label(text, found.begin);
        Title title = title_from(to_u32(found.governed_text));
        if (!heading.empty()) {
          title = {heading, {}};
        } else if (title.text.size() < 2) {
          title = title_from(to_u32(item.title.empty() ? item.text : item.title));
          title.review = "no words after the date: the title is the item's";
        }
        events = {title.text};
        if (!title.review.empty()) review_of_title = title.review;
      }
      for (const std::u32string& event : events) {
        DraftedActivity out;
        Activity& activity = out.activity;
        activity.source_phrase = found.phrase;
        activity.item_id = item.id;
        activity.schedule = found.reading;
        activity.title = to_utf8(event);
        if (several)
          out.review.push_back("one phrase dates several named events: one activity each");
        else if (!review_of_title.empty())
          out.review.push_back(review_of_title);
        const std::u32string words = several ? event : to_u32(activity.title + found.governed_text);
        const CategoryGuess guess = guess_category(words, found.reading, item.kind);
        activity.category = guess.category;
        if (!guess.sure) out.review.push_back("category guessed: " + guess.because);
        activity.location = to_utf8(location_after(text, found.end));
        if (pin) {
          activity.pinned = true;
          out.pin_reason = "read in the context of its text (a year or period stated before it)";
          out.review.push_back(
              "the phrase reads differently on its own: the reading in context is pinned");
        }
        if (found.reading.ambiguous) out.review.push_back("ambiguous reading: check the dates");
        drafted.push_back(std::move(out));
      }
      review_of_title.clear();
    }
  }
  return drafted;
}

}  // namespace plancal::calendar
