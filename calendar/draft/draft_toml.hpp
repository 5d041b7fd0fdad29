// A PlanDraft written as a plan file (docs/data-format.md) for a reviewer: the tables in
// document order, every note of the draft as a "# REVIEW:" comment above the table it is
// about, pinned readings with their pin_reason, and placeholder e-mails marked as such.
// The output loads without edits and is the same bytes for the same draft.
#pragma once

#include <string>

#include "calendar/draft/plan_drafter.hpp"

namespace plancal::calendar {

// `source`: what the draft was made from, named in the file's opening comment.
std::string write_draft_toml(const PlanDraft& draft, const std::string& source);

}  // namespace plancal::calendar
