// Placeholder until the loader lands; keeps the library linking.
#include "calendar/plan_loader.hpp"

namespace plancal::calendar {

LoadResult load_plan_file(const std::filesystem::path& path) {
  return {std::nullopt, {{path.string(), 0, 0, "", "loader not implemented yet"}}};
}
LoadResult load_plan_text(std::string_view, std::string_view name) {
  return {std::nullopt, {{std::string(name), 0, 0, "", "loader not implemented yet"}}};
}
DataSetLoad load_plans_dir(const std::filesystem::path&) { return {}; }

}  // namespace plancal::calendar
