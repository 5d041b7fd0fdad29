// libFuzzer target: plancalctl draft's engine on arbitrary bytes. Text (any encoding) and
// HTML go through calendar/source_text, then the drafter; whenever it drafts an item, the
// plan file it writes must load without an error (the drafter's promise: a draft passes
// plancalctl check without edits). PDFs are left to poppler's own fuzzing. Seeds:
// fuzz/corpus/draft/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "calendar/draft/draft_toml.hpp"
#include "calendar/draft/plan_drafter.hpp"
#include "calendar/plan_file/plan_loader.hpp"
#include "calendar/source_text/source_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plancal::calendar;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.starts_with("%PDF-")) return 0;
  const SourceText source = source_text_of(bytes);
  if (!source.error.empty()) return 0;
  const PlanDraft draft = draft_plan(source.text, DraftOptions{});
  if (draft.plan.items.empty()) return 0;
  const LoadResult loaded = load_plan_text(write_draft_toml(draft, "fuzz"), "fuzz.toml");
  if (!loaded.errors.empty()) __builtin_trap();
  return 0;
}
