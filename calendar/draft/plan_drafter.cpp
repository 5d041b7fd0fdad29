#include "calendar/draft/plan_drafter.hpp"

#include <algorithm>
#include <set>

#include "calendar/draft/activity_drafter.hpp"
#include "calendar/draft/document_lines.hpp"
#include "calendar/draft/pinyin.hpp"
#include "calendar/draft/plan_metadata.hpp"
#include "calendar/draft/plan_outline.hpp"
#include "calendar/draft/table_row.hpp"
#include "calendar/draft/unit_directory.hpp"
#include "calendar/draft/unit_names.hpp"
#include "calendar/plan_file/plan_toml.hpp"
#include "calendar/plan_file/toml_fields.hpp"

namespace plancal::calendar {

namespace {

constexpr size_t kMeasureTitleLength = 40;

std::string ascii_id(std::string_view text) {
  std::string id;
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      id += c;
    else if ((c == '-' || c == ' ') && !id.empty() && id.back() != '-')
      id += '-';
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

// Whether every character of `short_name` occurs in `long_name` in order: "发改委" in
// "发展和改革委员会".
bool is_abbreviation(std::u32string_view short_name, std::u32string_view long_name) {
  size_t at = 0;
  for (const char32_t c : short_name) {
    at = long_name.find(c, at);
    if (at == std::u32string_view::npos) return false;
    ++at;
  }
  return true;
}

class Drafter {
 public:
  Drafter(const std::vector<DocumentLine>& lines, const DraftOptions& options)
      : lines_(lines),
        options_(options),
        meta_(read_plan_metadata(lines, options.year)),
        units_(meta_.place) {}

  PlanDraft run() {
    fill_header();
    const Outline outline = outline_plan(lines_);
    std::set<std::u32string> sections;
    for (const OutlineItem& entry : outline.items) {
      if (!entry.section.empty()) sections.insert(entry.section);
      if (entry.kind == ItemKind::kMeasure)
        add_measure(entry);
      else
        add_row(entry, outline.tables[size_t(entry.table)]);
    }
    draft_.sections = sections.size();
    settle_escalation();
    draft_.plan.units = units_.units(email_domain());
    for (const Unit& unit : draft_.plan.units) {
      if (units_.mentions(unit.id) == 1)
        note("unit:" + unit.id, "named once in the plan: check the spelling and the id");
      note("unit:" + unit.id,
           "e-mail is a placeholder on a reserved domain: write the real address");
    }
    return std::move(draft_);
  }

 private:
  void note(const std::string& key, std::string why) {
    draft_.review[key].push_back(std::move(why));
  }

  std::string email_domain() const { return draft_.plan.id + ".example.org"; }

  void fill_header() {
    Plan& plan = draft_.plan;
    plan.title = cut_utf8(meta_.title, kMaxStringBytes);
    plan.issuer = cut_utf8(meta_.issuer, kMaxStringBytes);
    plan.document_number = meta_.document_number.empty() ? "（无文号）" : meta_.document_number;
    plan.published = meta_.published;
    plan.effective_from = meta_.effective_from;
    plan.effective_until = meta_.effective_until;
    plan.year = meta_.year;
    for (const auto& [field, why] : meta_.review) note("plan." + field, why);
    if (!options_.plan_id.empty()) {
      plan.id = options_.plan_id;
    } else {
      const std::string place = ascii_id(pinyin_joined(to_utf8(meta_.place)));
      plan.id = (place.empty() ? std::string("plan") : place) + "-" + std::to_string(plan.year);
      note("plan.id", "made from the place's pinyin and the year: choose it now, it never changes");
    }
  }

  std::vector<std::string> unit_ids(const std::vector<std::u32string>& names) {
    std::vector<std::string> ids;
    for (const auto& name : names) {
      const std::string id = units_.add(name);
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    return ids;
  }

  std::string unique_item_id(const std::string& wanted) {
    std::string id = wanted;
    for (int n = 2; !item_ids_.insert(id).second; ++n) id = wanted + "-" + std::to_string(n);
    return id;
  }

  void add_measure(const OutlineItem& entry) {
    Item item;
    item.kind = ItemKind::kMeasure;
    item.section = to_utf8(entry.section);
    item.number = to_utf8(entry.number);
    item.id = unique_item_id("m" + std::to_string(++measures_));
    std::u32string text = join_lines(entry.lines, 0, entry.lines.size());
    const auto clauses = find_unit_clauses(text);
    std::vector<std::u32string> names;
    for (const auto& clause : clauses)
      names.insert(names.end(), clause.names.begin(), clause.names.end());
    if (!clauses.empty()) {
      // The measure ends with its responsibility clause; what follows belongs to no measure.
      const UnitClause& last = clauses.back();
      text = trim(std::u32string_view(text).substr(0, last.begin));
    }
    const size_t stop = text.find(U'。');
    if (stop != std::u32string::npos && stop + 1 <= kMeasureTitleLength)
      item.title = to_utf8(text.substr(0, stop));
    item.text = to_utf8(trim(text));
    for (auto& phone : phones_after_label(text)) item.phones.push_back(phone);
    item.units = unit_ids(names);
    if (item.units.empty()) {
      item.units = {issuer_unit()};
      note("item:" + item.id, "no 责任单位 named for this measure: the issuer is assumed");
    }
    finish_item(std::move(item));
  }

  void add_row(const OutlineItem& entry, const TableLayout& layout) {
    Item item;
    item.kind = layout.kind;
    item.section = to_utf8(entry.section);
    item.number = to_utf8(entry.number);
    const std::string prefix = layout.kind == ItemKind::kPolicy ? "p" : "a";
    item.id = unique_item_id(prefix + ascii_id(item.number));
    RowCells cells = split_row(
        entry, layout, [this](const std::u32string& name) { return !units_.find(name).empty(); });
    item.text = to_utf8(trim(cells.content));
    item.schedule_text = to_utf8(trim(cells.schedule));
    if (item.text.empty()) {
      item.text = item.schedule_text.empty() ? "（空）" : item.schedule_text;
      note("item:" + item.id, "the row's content cell is empty");
    }
    for (auto& why : cells.review) note("item:" + item.id, why);
    std::vector<std::u32string> names = split_unit_list(cells.units);
    if (names.empty())
      for (const auto& clause : find_unit_clauses(cells.content))
        names.insert(names.end(), clause.names.begin(), clause.names.end());
    item.units = unit_ids(names);
    const int table = entry.table;
    if (item.units.empty()) {
      if (auto above = row_units_.find(table); above != row_units_.end()) {
        item.units = above->second;
        note("item:" + item.id,
             "no units cell of its own: the units of the row above (a merged cell)");
      } else {
        item.units = {issuer_unit()};
        note("item:" + item.id, "no units cell: the issuer is assumed");
      }
    }
    row_units_[table] = item.units;
    item.phones = cells.phones;
    // A 联系电话 cell is the lead unit's number (the hand-made Jinshan file files them so).
    if (item.units.front() != kIssuer)
      for (const std::string& phone : cells.phones) units_.add_phone(item.units.front(), phone);
    if (layout.kind == ItemKind::kPolicy) {
      PolicyDetails policy;
      policy.status = to_utf8(cells.status);
      policy.is_new = contains(cells.status, U"新政策") && !starts_with(cells.status, U"延续");
      policy.channel = to_utf8(cells.channel);
      if (cells.instant == U"是") policy.instant = true;
      if (cells.instant == U"否") policy.instant = false;
      policy.instant_note = to_utf8(cells.instant);
      item.policy = policy;
    }
    finish_item(std::move(item));
  }

  void finish_item(Item item) {
    // The plan file's limits (plan_file/): a draft must load as it is written.
    for (std::string* text : {&item.text, &item.schedule_text, &item.title})
      if (text->size() > kMaxStringBytes) {
        *text = cut_utf8(*text, kMaxStringBytes);
        note("item:" + item.id, "text cut to " + std::to_string(kMaxStringBytes) +
                                    " bytes, the plan file's limit: split the item");
      }
    size_t n = 0;
    for (DraftedActivity& drafted : draft_activities(item, meta_.year, options_.holidays)) {
      Activity activity = std::move(drafted.activity);
      if (activity.source_phrase.size() > kMaxPhraseBytes) continue;
      if (item.activities.size() == kMaxActivitiesPerItem) {
        note("item:" + item.id, "more than " + std::to_string(kMaxActivitiesPerItem) +
                                    " dated activities: the rest were left out; split the item");
        break;
      }
      activity.key = item.id + "." + std::to_string(++n);
      if (activity.pinned) draft_.pin_reasons[activity.key] = drafted.pin_reason;
      for (auto& why : drafted.review) note("activity:" + activity.key, std::move(why));
      item.activities.push_back(std::move(activity));
    }
    draft_.plan.items.push_back(std::move(item));
  }

  // At most `limit` bytes, cut at a character boundary.
  static std::string cut_utf8(const std::string& text, size_t limit) {
    size_t end = std::min(limit, text.size());
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
  }

  // "联系电话：67961951" in a measure's text.
  static std::vector<std::string> phones_after_label(std::u32string_view text) {
    const size_t at = text.find(U"电话");
    if (at == std::u32string_view::npos) return {};
    return phones_in(text.substr(at, 40));
  }

  // Items with no unit of their own stand with the issuer; which unit that is is settled
  // once every unit is known (settle_escalation).
  static constexpr const char* kIssuer = "\x01issuer";
  std::string issuer_unit() { return kIssuer; }

  // The escalation unit is the issuer: a unit whose name abbreviates the issuer's ("区发改委"
  // for 上海市金山区发展和改革委员会), else the issuer itself, added as a unit.
  void settle_escalation() {
    std::u32string organ = to_u32(meta_.issuer);
    if (const size_t at = organ.find(meta_.place);
        !meta_.place.empty() && at != std::u32string::npos)
      organ = organ.substr(at + meta_.place.size());
    std::string best;
    size_t best_mentions = 0;
    for (const Unit& unit : units_.units(email_domain())) {
      std::u32string key = to_u32(unit.name);
      if (starts_with(key, U"区") || starts_with(key, U"县") || starts_with(key, U"市"))
        key = key.substr(1);
      if (key.size() >= 2 && is_abbreviation(key, organ) &&
          units_.mentions(unit.id) > best_mentions) {
        best = unit.id;
        best_mentions = units_.mentions(unit.id);
      }
    }
    if (!best.empty()) {
      note("plan.escalation_unit", "the unit whose name abbreviates the issuer's");
    } else {
      best = units_.add(to_u32(meta_.issuer));
      note("plan.escalation_unit",
           "the issuer, added as a unit: merge it with its short name if the plan uses one");
    }
    draft_.plan.escalation_unit = best;
    for (Item& item : draft_.plan.items)
      for (std::string& id : item.units)
        if (id == kIssuer) id = best;
  }

  const std::vector<DocumentLine>& lines_;
  const DraftOptions& options_;
  PlanMetadata meta_;
  UnitDirectory units_;
  PlanDraft draft_;
  std::set<std::string> item_ids_;
  std::map<int, std::vector<std::string>> row_units_;
  size_t measures_ = 0;
};

}  // namespace

size_t PlanDraft::review_count() const {
  size_t n = 0;
  for (const auto& [key, notes] : review) n += notes.size();
  return n;
}

PlanDraft draft_plan(std::string_view utf8_text, const DraftOptions& options) {
  const std::vector<DocumentLine> lines = document_lines(utf8_text);
  return Drafter(lines, options).run();
}

}  // namespace plancal::calendar
