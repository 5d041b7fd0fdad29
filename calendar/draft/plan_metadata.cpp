#include "calendar/draft/plan_metadata.hpp"

#include <algorithm>
#include <array>
#include <regex>

#include "calendar/phrase/text_normalize.hpp"

namespace plancal::calendar {

namespace {

// One Han character in UTF-8 (U+4E00..U+9FFF are E4..E9 followed by two continuation bytes).
const std::string kHan = "(?:[\\xE4-\\xE9][\\x80-\\xBF]{2})";

// Whitespace dropped and full-width forms folded, so that "2023 年 2 月 13 日" and "〔2023〕1 号"
// read as one token.
std::string compact(std::u32string_view text) { return encode_utf8(normalize(text).text); }

// Whitespace dropped only: names and titles keep their own characters ("2023—2025年").
std::string squeeze(std::u32string_view text) {
  std::u32string out;
  for (const char32_t c : text)
    if (!is_space(c) && c != U'\u3000') out += c;
  return encode_utf8(out);
}

// The 文号's prefix is the Han run before 〔; a label run into it ("文号蔡政办") is cut off.
std::string number_prefix(const std::string& run) {
  std::string prefix = run;
  for (const std::string label : {"文号", "编号", "字号"})
    if (const size_t at = prefix.rfind(label); at != std::string::npos)
      prefix = prefix.substr(at + label.size());
  return prefix;
}

std::optional<Date> date_of(const std::smatch& m, size_t first) {
  const Date d =
      make_date(std::stoi(m[first].str()), static_cast<unsigned>(std::stoi(m[first + 1].str())),
                static_cast<unsigned>(std::stoi(m[first + 2].str())));
  if (!d.ok()) return std::nullopt;
  return d;
}

// Lines of the document's head read for its header.
constexpr size_t kHeadLines = 120;

const std::regex kFullDate("((?:19|20|21)\\d\\d)年(\\d{1,2})月(\\d{1,2})日");

constexpr std::array<std::u32string_view, 9> kIssuerEndings = {
    U"委员会", U"人民政府", U"办公室", U"办公厅", U"政府", U"局", U"委", U"厅", U"中心"};

bool looks_like_issuer(std::u32string_view line) {
  if (line.size() < 4 || line.size() > 40) return false;
  for (const char32_t c : line)
    if (!is_han(c) && c != U' ') return false;
  for (const auto ending : kIssuerEndings)
    if (ends_with(line, ending)) return true;
  return false;
}

constexpr std::array<std::u32string_view, 9> kTitleEndings = {
    U"方案", U"计划", U"措施", U"意见", U"办法", U"要点", U"清单", U"安排", U"细则"};

bool looks_like_title(std::u32string_view line) {
  if (line.size() < 6 || line.size() > 60) return false;
  if (line.front() == U'《' && line.back() == U'》') line = line.substr(1, line.size() - 2);
  if (contains(line, U"。") || contains(line, U"，")) return false;
  for (const auto ending : kTitleEndings)
    if (ends_with(line, ending)) return true;
  return false;
}

// The place a government name starts with: "上海市金山区发展和改革委员会" → "金山",
// "杭州市人民政府办公厅" → "杭州", "东阳市人民政府办公室" → "东阳": the name before the
// lowest of 区/县/市/省 among the name's first levels.
std::u32string place_in(std::u32string_view name) {
  std::u32string place;
  size_t start = 0;
  for (size_t i = 0; i < name.size() && i < 12; ++i) {
    const char32_t c = name[i];
    if (c != U'省' && c != U'市' && c != U'区' && c != U'县' && c != U'州' && c != U'旗') continue;
    if (i - start < 2 || i - start > 4) break;
    place = std::u32string(name.substr(start, i - start));
    start = i + 1;
    if (c == U'区' || c == U'县' || c == U'旗') break;
  }
  return place;
}

// "结合淮安实际", "结合官渡区实际": the place a plan says it is written for.
std::u32string place_in_text(std::u32string_view text) {
  const size_t at = text.find(U"结合");
  for (size_t from = at; from != std::u32string_view::npos; from = text.find(U"结合", from + 2)) {
    const size_t end = text.find(U"实际", from);
    if (end == std::u32string_view::npos || end - from > 8) continue;
    std::u32string place(text.substr(from + 2, end - from - 2));
    if (!place.empty() && (place.back() == U'区' || place.back() == U'县' || place.back() == U'市'))
      place.pop_back();
    if (place.size() >= 2 && place.find(U'我') == std::u32string::npos &&
        std::all_of(place.begin(), place.end(), is_han))
      return place;
  }
  return {};
}

// The first match that is the document's own words, not inside a title it cites
// (《昆明市人民政府关于印发…的通知》).
bool own_match(const std::string& text, const std::regex& pattern, std::smatch& m) {
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    const std::string before = text.substr(0, size_t(it->position(0)));
    size_t open = 0;
    for (size_t at = before.find("《"); at != std::string::npos; at = before.find("《", at + 1))
      ++open;
    size_t close = 0;
    for (size_t at = before.find("》"); at != std::string::npos; at = before.find("》", at + 1))
      ++close;
    if (open <= close) {
      m = *it;
      return true;
    }
  }
  return false;
}

}  // namespace

PlanMetadata read_plan_metadata(const std::vector<DocumentLine>& lines, int year) {
  PlanMetadata meta;
  // The header (title, issuer, 文号, signing date) is in the document's first lines; the
  // effective window is said in one sentence, looked for where its words are. The patterns
  // never run over a whole (possibly huge) text.
  std::u32string all;
  for (size_t i = 0; i < lines.size() && i < kHeadLines; ++i) all += lines[i].text;
  std::u32string window;
  for (size_t i = 0; i < lines.size(); ++i)
    if (contains(lines[i].text, U"施行") || contains(lines[i].text, U"实施") ||
        contains(lines[i].text, U"有效期") || contains(lines[i].text, U"生效") ||
        contains(lines[i].text, U"执行")) {
      for (size_t k = i == 0 ? 0 : i - 1; k < lines.size() && k <= i + 1; ++k)
        window += lines[k].text;
      window += U'\n';
      if (window.size() > 8192) break;
    }
  const std::string text = compact(all);
  const std::string window_text = compact(window);
  std::smatch m;

  // 文号: "金发改规〔2023〕1号", also with [] or () around the year.
  static const std::regex number(
      "(" + kHan + "{1,10})(?:〔|\\[|\\(|【)((?:19|20|21)\\d\\d)(?:〕|\\]|\\)|】)(\\d{1,4})号");
  int number_year = 0;
  size_t number_line = lines.size();
  for (size_t i = 0; i < lines.size() && i < kHeadLines && number_line == lines.size(); ++i) {
    const std::string line = compact(lines[i].text);
    // A number in brackets is a cited document's: "（昆政发〔2016〕13号）".
    if (std::regex_search(line, m, number) && m.position(0) > 0 &&
        line[size_t(m.position(0)) - 1] == '(')
      continue;
    if (std::regex_search(line, m, number) && !number_prefix(m[1].str()).empty()) {
      meta.document_number =
          number_prefix(m[1].str()) + "〔" + m[2].str() + "〕" + m[3].str() + "号";
      number_year = std::stoi(m[2].str());
      number_line = i;
    }
  }
  if (number_line == lines.size())
    meta.review["document_number"] = "no 文号 (…〔YYYY〕N号) found in the text";

  // Title: 《…》 of 关于印发《…》的通知, else the first line that reads as a plan's heading.
  const std::string plain = squeeze(all);
  static const std::regex notice("关于印发《(.{6,240}?)》的通知");
  static const std::regex notice_without_marks("关于印发(.{6,240}?)的通知");
  if (own_match(plain, notice, m)) {
    meta.title = m[1].str();
  } else if (own_match(plain, notice_without_marks, m)) {
    meta.title = m[1].str();
  } else {
    for (size_t i = 0; i < lines.size() && i < 60 && meta.title.empty(); ++i)
      if (looks_like_title(lines[i].text)) meta.title = squeeze(lines[i].text);
    // A heading written as 《…》.
    if (meta.title.starts_with("《") && meta.title.ends_with("》") && meta.title.size() > 6)
      meta.title = meta.title.substr(3, meta.title.size() - 6);
    if (meta.title.empty()) {
      meta.title = lines.empty() ? "未命名方案" : to_utf8(lines.front().text.substr(0, 40));
      meta.review["title"] =
          "no 关于印发《…》 and no heading ending in 方案/计划/意见…: the first line";
    } else {
      meta.review["title"] = "taken from the heading (no 关于印发《…》的通知 in the text)";
    }
  }

  // Signing date: the first line that is nothing but a full date.
  bool have_published = false;
  size_t signing_line = lines.size();
  for (size_t i = 0; i < lines.size() && i < kHeadLines; ++i) {
    const std::string compacted = compact(lines[i].text);
    if (std::regex_match(compacted, m, kFullDate)) {
      if (auto d = date_of(m, 1)) {
        meta.published = *d;
        have_published = true;
        signing_line = i;
        break;
      }
    }
  }

  // Issuer: the letterhead line, the signature above the signing date, the line before the
  // 文号, or the name before 关于印发.
  for (size_t i = 0; i < lines.size() && i < 8 && meta.issuer.empty(); ++i)
    if (looks_like_issuer(lines[i].text)) meta.issuer = to_utf8(lines[i].text);
  if (meta.issuer.empty() && signing_line > 0 && signing_line < lines.size() &&
      looks_like_issuer(lines[signing_line - 1].text))
    meta.issuer = to_utf8(lines[signing_line - 1].text);
  if (meta.issuer.empty() && number_line > 0 && number_line < lines.size() &&
      looks_like_issuer(lines[number_line - 1].text))
    meta.issuer = to_utf8(lines[number_line - 1].text);
  if (meta.issuer.empty()) {
    static const std::regex before_notice("(" + kHan + "{4,30})关于印发");
    if (own_match(plain, before_notice, m)) {
      meta.issuer = m[1].str();
      meta.review["issuer"] = "the name before 关于印发; write the issuer's full name";
    } else {
      meta.issuer = "（发文机关）";
      meta.review["issuer"] = "no issuer found: write the issuing office";
    }
  }
  if (meta.issuer.find(' ') != std::string::npos)
    meta.issuer.erase(std::remove(meta.issuer.begin(), meta.issuer.end(), ' '), meta.issuer.end());
  meta.place = place_in(to_u32(meta.issuer));
  if (meta.place.empty()) meta.place = place_in(to_u32(meta.title));
  if (meta.place.empty()) meta.place = place_in_text(all);

  // Year: --year, a year in the title, the signing year, the 文号 year.
  static const std::regex title_year("(20\\d\\d)(?:年|—|-)");
  if (year != 0) {
    meta.year = year;
  } else if (std::regex_search(meta.title, m, title_year)) {
    meta.year = std::stoi(m[1].str());
  } else if (have_published) {
    meta.year = static_cast<int>(meta.published.year());
  } else if (number_year != 0) {
    meta.year = number_year;
  } else {
    meta.year = 2000;
    meta.review["year"] = "no year found: pass --year";
  }
  if (!have_published) {
    meta.published = make_date(meta.year, 1, 1);
    meta.review["published"] = "no signing date found: 1 January of the plan year";
  }

  // Effective window: 自…起施行 / 自印发之日起施行, 有效期至… / 有效期N年.
  static const std::regex from_rule(
      "自((?:19|20|21)\\d\\d)年(\\d{1,2})月(\\d{1,2})日起(?:施行|实施|执行|生效)");
  static const std::regex from_signing("自(?:印发|发布)之日起(?:施行|实施|执行|生效)");
  static const std::regex until_rule("有效期至((?:19|20|21)\\d\\d)年(\\d{1,2})月(\\d{1,2})日");
  static const std::regex years_rule("有效期(?:为)?(\\d)年");
  if (std::regex_search(window_text, m, from_rule) && date_of(m, 1)) {
    meta.effective_from = *date_of(m, 1);
  } else if (std::regex_search(window_text, from_signing)) {
    meta.effective_from = meta.published;
  } else {
    meta.effective_from = meta.published;
    meta.review["effective_from"] = "no 自…起施行 in the text: the signing date";
  }
  if (std::regex_search(window_text, m, until_rule) && date_of(m, 1)) {
    meta.effective_until = *date_of(m, 1);
  } else if (std::regex_search(window_text, m, years_rule)) {
    const int years = std::stoi(m[1].str());
    const Date from = meta.effective_from;
    meta.effective_until =
        add_days(make_date(static_cast<int>(from.year()) + years,
                           static_cast<unsigned>(from.month()), static_cast<unsigned>(from.day())),
                 -1);
  } else {
    meta.effective_until = make_date(meta.year, 12, 31);
    meta.review["effective_until"] = "no 有效期至… in the text: the end of the plan year";
  }
  if (meta.effective_until < meta.effective_from) {
    meta.effective_until =
        make_date(std::max(meta.year, static_cast<int>(meta.effective_from.year())), 12, 31);
    meta.review["effective_until"] = "the window read from the text ends before it starts";
  }
  return meta;
}

}  // namespace plancal::calendar
