// libFuzzer target: the plan loader on arbitrary bytes must report diagnostics, never
// crash, hang or trip a sanitizer. Seeds: fuzz/corpus/plan_loader/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "calendar/plan_file/plan_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const plancal::calendar::LoadResult result = plancal::calendar::load_plan_text(text, "fuzz.toml");
  if (result.plan.has_value() != result.errors.empty()) __builtin_trap();
  return 0;
}
