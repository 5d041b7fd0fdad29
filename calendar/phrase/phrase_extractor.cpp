// extract_phrases: normalizes the text, cuts it into sentences at 。；!?, and inside each
// tries the grammar (schedule_grammar.cpp) at every position where a phrase can start.
// A phrase that reads is kept unless it is one of the quiet shapes below; one that
// starts like a schedule but cannot be read ("13月") goes to `unread`.
//
// Quiet shapes (read, but not dates here):
// - A number starts a phrase only at the start of its run of digits/numerals, so
//   "12月" never yields "2月" and "2023届", "五五购物节", "1-2家", "0.92万" read nothing.
// - A phrase ending in 年 right before 度 is part of a title or an adjective: "年度",
//   "新年度". A month right before 街 names a fair: "三月街民族节".
// - A season is a date only when a clause boundary (，、。 etc.), the end of the text or
//   a verb (开展, 举办, 举行, 启动, 组织, 推出, 期间) or 专场 (a session of that season:
//   "秋季专场活动") follows; otherwise it begins a name: "春季促进就业专项行动".
// - A bare year ("2023年") right after 和/与/及/参加/开展/举办 begins an event's name:
//   "参加…和2023年上海企业开拓国际市场海外展会".
// - A bare year followed, in the same sentence, by a phrase of that year lends it the
//   year and is no phrase itself: "今年庙会从2月10日到2月25日".
// - A bare 每… after another phrase of the same sentence tells how often the dated
//   activity happens, not when: "3月起，每月组织…及通过公众号每月推送" is one phrase.
//
// Governed text: from the phrase's end to the next phrase (or the sentence end; before a
// next phrase only up to the last comma), with punctuation trimmed at both ends; for a phrase in
// parentheses ("（第二季度）") the clause before the parenthesis, as also for a phrase that ends
// its clause ("…最长可延至 2023年6月30日。"). Governed text and Reading::phrase are the original
// characters with whitespace removed; FoundPhrase::phrase is the exact substring.
#include "calendar/phrase/phrase_extractor.hpp"

#include <algorithm>
#include <array>

#include "calendar/phrase/chinese_numeral.hpp"
#include "calendar/phrase/schedule_grammar.hpp"
#include "calendar/phrase/text_normalize.hpp"

namespace plancal::calendar {
namespace {

// What may follow a season for it to be a date: a verb, or 专场 (a session held that
// season: "秋季专场活动").
constexpr std::array<std::u32string_view, 8> kSeasonVerbs{U"开展", U"举办", U"举行", U"启动",
                                                          U"组织", U"推出", U"期间", U"专场"};
constexpr std::array<std::u32string_view, 6> kEventNameLeads{U"和",   U"与",   U"及",
                                                             U"参加", U"开展", U"举办"};
constexpr std::u32string_view kSentenceEnds = U"。;!?";
// Labels of a document's own dates in its header or colophon.
constexpr std::array<std::u32string_view, 9> kMetadataLabels{
    U"发文日期", U"成文日期", U"印发日期", U"发布日期",    U"发布时间",
    U"生成日期", U"公开日期", U"更新时间", U"公文生成日期"};
constexpr std::u32string_view kClausePunct = U",、:;。!?()“”\"'《》「」";

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Numbers start phrases only at the start of their run.
bool can_start(std::u32string_view t, size_t i) {
  if (i == 0) return true;
  if (is_ascii_digit(t[i])) return !is_ascii_digit(t[i - 1]);
  if (is_chinese_numeral_char(t[i])) return !is_chinese_numeral_char(t[i - 1]);
  return true;
}

bool is_clause_punct(char32_t c) { return kClausePunct.find(c) != std::u32string_view::npos; }

template <size_t N>
bool starts_with_any(std::u32string_view t, const std::array<std::u32string_view, N>& words) {
  return std::any_of(words.begin(), words.end(),
                     [t](std::u32string_view w) { return t.starts_with(w); });
}

template <size_t N>
bool ends_with_any(std::u32string_view t, const std::array<std::u32string_view, N>& words) {
  return std::any_of(words.begin(), words.end(),
                     [t](std::u32string_view w) { return t.ends_with(w); });
}

struct Hit {
  size_t begin = 0;  // normalized offsets
  size_t end = 0;
  ScanResult scan;
  bool parenthesized = false;
};

class Extractor {
 public:
  Extractor(std::string_view text, const ParseContext& context)
      : original_(decode_utf8(text)),
        norm_(normalize(original_)),
        year_(context.year),
        holidays_(context.holidays) {}

  Extraction run() {
    const std::u32string_view t = norm_.text;
    for (size_t begin = 0; begin < t.size();) {
      size_t end = begin;
      while (end < t.size() && kSentenceEnds.find(t[end]) == std::u32string_view::npos) ++end;
      emit(begin, end, find_in_sentence(begin, end));
      begin = end + 1;
    }
    return std::move(out_);
  }

 private:
  std::vector<Hit> find_in_sentence(size_t begin, size_t end) {
    const std::u32string_view sentence = std::u32string_view(norm_.text).substr(0, end);
    std::vector<Hit> hits;
    for (size_t i = begin; i < end;) {
      if (!may_start_schedule(sentence[i]) || !can_start(sentence, i)) {
        ++i;
        continue;
      }
      ScanResult scan = scan_schedule(sentence, i, year_, holidays_);
      if (scan.status == ScanResult::Status::kNoMatch) {
        ++i;
        continue;
      }
      const size_t stop = i + scan.length;
      if (scan.status == ScanResult::Status::kError) {
        out_.unread.push_back({exact(i, stop), source_begin(i), source_end(stop), scan.error});
      } else if (!is_quiet(sentence, begin, i, scan, !hits.empty())) {
        if (scan.stated_year) year_ = scan.stated_year;
        const bool parenthesized =
            i > begin && sentence[i - 1] == U'(' && stop < end && sentence[stop] == U')';
        hits.push_back({i, stop, std::move(scan), parenthesized});
      }
      i = stop;
    }
    // A bare year that a later phrase of the sentence dates more exactly only lends that
    // phrase its year: "今年庙会从2月10日到2月25日" is one phrase.
    for (size_t k = 0; k + 1 < hits.size();) {
      if (hits[k].scan.bare_year &&
          hits[k + 1].scan.reading.start.year() == hits[k].scan.reading.start.year()) {
        hits.erase(hits.begin() + static_cast<std::ptrdiff_t>(k));
      } else {
        ++k;
      }
    }
    return hits;
  }

  static bool is_quiet(std::u32string_view sentence, size_t begin, size_t i, const ScanResult& scan,
                       bool earlier_hit) {
    const size_t stop = i + scan.length;
    const std::u32string_view rest = sentence.substr(stop);
    if (sentence[stop - 1] == U'年' && rest.starts_with(U"度")) return true;
    if (sentence[stop - 1] == U'月' && rest.starts_with(U"街")) return true;  // 三月街 (a fair)
    if (scan.season && !rest.empty() && !is_clause_punct(rest[0]) &&
        !starts_with_any(rest, kSeasonVerbs)) {
      return true;
    }
    if (scan.bare_year && ends_with_any(sentence.substr(begin, i - begin), kEventNameLeads)) {
      return true;
    }
    return scan.bare_recurrence && earlier_hit;
  }

  void emit(size_t begin, size_t end, std::vector<Hit> hits) {
    const std::u32string_view t = norm_.text;
    for (size_t k = 0; k < hits.size(); ++k) {
      Hit& hit = hits[k];
      size_t from = hit.end;
      size_t to = k + 1 < hits.size() ? clause_start(hits, k + 1, begin) : end;
      if (hit.parenthesized) {
        from = clause_start(hits, k, begin);
        to = hit.begin - 1;
      }
      FoundPhrase found;
      found.phrase = exact(hit.begin, hit.end);
      found.begin = source_begin(hit.begin);
      found.end = source_end(hit.end);
      found.governed_text = governed(t, from, to, k + 1 < hits.size());
      if (found.governed_text.empty() && !hit.parenthesized) {
        found.governed_text = governed(t, clause_start_before(hits, k, begin), hit.begin, false);
      }
      found.metadata_label = metadata_label_before(hit.begin, begin);
      found.reading = std::move(hit.scan.reading);
      found.reading.phrase = without_spaces(hit.begin, hit.end);
      for (Reading& alt : found.reading.alternatives) alt.phrase = found.reading.phrase;
      out_.phrases.push_back(std::move(found));
    }
  }

  // The metadata label right before normalized offset `at` ("发文日期:", "[成文日期]"), if any.
  std::string metadata_label_before(size_t at, size_t sentence_begin) const {
    const std::u32string_view t = norm_.text;
    size_t end = at;
    while (end > sentence_begin &&
           (t[end - 1] == U':' || t[end - 1] == U']' || t[end - 1] == U'】'))
      --end;
    const std::u32string_view before = t.substr(sentence_begin, end - sentence_begin);
    for (std::u32string_view label : kMetadataLabels)
      if (before.ends_with(label)) return encode_utf8(label);
    return "";
  }

  // Where the text a hit governs may begin: for a parenthesized hit, the start of the
  // clause before its parenthesis; otherwise the hit itself.
  size_t clause_start(const std::vector<Hit>& hits, size_t k, size_t sentence_begin) const {
    return hits[k].parenthesized ? clause_start_before(hits, k, sentence_begin) : hits[k].begin;
  }

  // After the last comma between the previous hit (or the sentence start) and hit k.
  size_t clause_start_before(const std::vector<Hit>& hits, size_t k, size_t sentence_begin) const {
    const size_t floor = k > 0 ? hits[k - 1].end : sentence_begin;
    size_t from = hits[k].begin;
    while (from > floor && norm_.text[from - 1] != U',') --from;
    return from;
  }

  // Text in [from, to) with clause punctuation trimmed; before another phrase of the
  // sentence only up to the last comma, as the clause of the next phrase may begin
  // before it ("…验收，计划2023年5月取得…").
  std::string governed(std::u32string_view t, size_t from, size_t to, bool phrase_follows) const {
    while (from < to && is_clause_punct(t[from]) && t[from] != U'“') ++from;
    if (phrase_follows) {
      const size_t comma = t.substr(from, to - from).rfind(U',');
      if (comma != std::u32string_view::npos) to = from + comma;
    }
    while (to > from && is_clause_punct(t[to - 1]) && t[to - 1] != U'”') --to;
    return without_spaces(from, to);
  }

  // The original characters of normalized [from, to), whitespace dropped.
  std::string without_spaces(size_t from, size_t to) const {
    std::u32string chars;
    for (size_t k = from; k < to; ++k) chars.push_back(original_[norm_.source_index[k]]);
    return encode_utf8(chars);
  }

  // The exact original text of normalized [from, to), whitespace included.
  std::string exact(size_t from, size_t to) const {
    return encode_utf8(std::u32string_view(original_).substr(source_begin(from),
                                                             source_end(to) - source_begin(from)));
  }
  size_t source_begin(size_t from) const { return norm_.source_index[from]; }
  size_t source_end(size_t to) const { return norm_.source_index[to - 1] + 1; }

  std::u32string original_;
  NormalizedText norm_;
  int year_;
  const HolidayCalendar* holidays_;
  Extraction out_;
};

}  // namespace

Extraction extract_phrases(std::string_view text, const ParseContext& context) {
  return Extractor(text, context).run();
}

}  // namespace plancal::calendar
