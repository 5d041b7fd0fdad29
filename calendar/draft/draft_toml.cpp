#include "calendar/draft/draft_toml.hpp"

#include <cstdio>
#include <sstream>

#include "calendar/model/reading.hpp"

namespace plancal::calendar {

namespace {

// A TOML basic string.
std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned char>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string string_array(const std::vector<std::string>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + quote(values[i]);
  return out + "]";
}

std::string inline_reading(const Reading& reading) {
  std::string out = "{ kind = " + quote(to_string(reading.kind)) +
                    ", start = " + to_iso(reading.start) + ", end = " + to_iso(reading.end) +
                    ", precision = " + quote(to_string(reading.precision));
  if (!reading.rrule.empty()) out += ", rrule = " + quote(reading.rrule);
  if (reading.approximate) out += ", approximate = true";
  if (reading.ambiguous) out += ", ambiguous = true";
  if (reading.open_end) out += ", open_end = true";
  if (!reading.items.empty()) {
    out += ", items = [";
    for (size_t i = 0; i < reading.items.size(); ++i)
      out += (i ? ", " : "") + inline_reading(reading.items[i]);
    out += "]";
  }
  return out + " }";
}

class Writer {
 public:
  explicit Writer(const PlanDraft& draft) : draft_(draft) {}

  std::string write(const std::string& source) {
    const Plan& plan = draft_.plan;
    out_ << "# Drafted by plancalctl draft from " << source << ".\n"
         << "# Review every \"# REVIEW:\" line, replace the placeholder e-mails, then run\n"
         << "# plancalctl check on this file (docs/drafting.md).\n"
         << "# " << draft_.sections << " sections, " << plan.items.size() << " items, "
         << plan.units.size() << " units, " << plan.activity_count() << " activities, "
         << draft_.review_count() << " REVIEW marks.\n\n";
    out_ << "[plan]\n";
    field("id", quote(plan.id), "plan.id");
    field("title", quote(plan.title), "plan.title");
    field("issuer", quote(plan.issuer), "plan.issuer");
    field("document_number", quote(plan.document_number), "plan.document_number");
    field("published", to_iso(plan.published), "plan.published");
    field("effective_from", to_iso(plan.effective_from), "plan.effective_from");
    field("effective_until", to_iso(plan.effective_until), "plan.effective_until");
    field("year", std::to_string(plan.year), "plan.year");
    field("escalation_unit", quote(plan.escalation_unit), "plan.escalation_unit");
    for (const Unit& unit : plan.units) write_unit(unit);
    for (const Item& item : plan.items) write_item(item);
    return out_.str();
  }

 private:
  void review(const std::string& key) {
    if (auto found = draft_.review.find(key); found != draft_.review.end())
      for (const std::string& why : found->second) out_ << "# REVIEW: " << why << "\n";
  }

  void field(const char* name, const std::string& value, const std::string& key) {
    review(key);
    out_ << name << " = " << value << "\n";
  }

  void write_unit(const Unit& unit) {
    out_ << "\n[[units]]\n";
    review("unit:" + unit.id);
    out_ << "id = " << quote(unit.id) << "\n"
         << "name = " << quote(unit.name) << "\n";
    if (!unit.aliases.empty()) out_ << "aliases = " << string_array(unit.aliases) << "\n";
    if (!unit.phones.empty()) out_ << "phones = " << string_array(unit.phones) << "\n";
    out_ << "emails = " << string_array(unit.emails)
         << "  # PLACEHOLDER (example.org is reserved)\n";
  }

  void write_item(const Item& item) {
    out_ << "\n[[items]]\n";
    review("item:" + item.id);
    out_ << "id = " << quote(item.id) << "\n"
         << "kind = " << quote(to_string(item.kind)) << "\n"
         << "section = " << quote(item.section) << "\n"
         << "number = " << quote(item.number) << "\n";
    if (!item.title.empty()) out_ << "title = " << quote(item.title) << "\n";
    out_ << "text = " << quote(item.text) << "\n";
    if (!item.schedule_text.empty())
      out_ << "schedule_text = " << quote(item.schedule_text) << "\n";
    out_ << "units = " << string_array(item.units) << "\n";
    if (!item.phones.empty()) out_ << "phones = " << string_array(item.phones) << "\n";
    if (item.policy) {
      const PolicyDetails& policy = *item.policy;
      out_ << "\n[items.policy]\n"
           << "status = " << quote(policy.status) << "\n"
           << "new = " << (policy.is_new ? "true" : "false") << "\n"
           << "channel = " << quote(policy.channel) << "\n";
      if (policy.instant) out_ << "instant = " << (*policy.instant ? "true" : "false") << "\n";
      if (!policy.instant_note.empty())
        out_ << "instant_note = " << quote(policy.instant_note) << "\n";
    }
    for (const Activity& activity : item.activities) write_activity(activity);
  }

  void write_activity(const Activity& activity) {
    out_ << "\n[[items.activities]]\n";
    review("activity:" + activity.key);
    out_ << "title = " << quote(activity.title) << "\n"
         << "category = " << quote(to_string(activity.category)) << "\n"
         << "when = " << quote(activity.source_phrase) << "\n";
    if (!activity.location.empty()) out_ << "location = " << quote(activity.location) << "\n";
    if (activity.pinned) {
      out_ << "reading = " << inline_reading(activity.schedule) << "\n";
      const auto reason = draft_.pin_reasons.find(activity.key);
      out_ << "pin_reason = "
           << quote(reason == draft_.pin_reasons.end() ? "drafted" : reason->second) << "\n";
    }
  }

  const PlanDraft& draft_;
  std::ostringstream out_;
};

}  // namespace

std::string write_draft_toml(const PlanDraft& draft, const std::string& source) {
  return Writer(draft).write(source);
}

}  // namespace plancal::calendar
