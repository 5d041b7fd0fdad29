#include "plancalctl/args.hpp"

#include <charconv>

namespace plancal::ctl {

Args::Args(const std::vector<std::string>& argv, const OptionSpec& spec) {
  bool options_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    // A short option ("-o") is an option only when the command declares it.
    const bool short_option =
        a.size() == 2 && a[0] == '-' && (spec.with_value.count(a) != 0 || spec.flags.count(a) != 0);
    if (options_done || (!short_option && (a.size() < 2 || a.rfind("--", 0) != 0))) {
      positionals_.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    std::string name = a, inline_value;
    bool has_inline = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      inline_value = a.substr(eq + 1);
      has_inline = true;
    }
    if (spec.flags.count(name) && !has_inline) {
      flags_.insert(name);
    } else if (spec.with_value.count(name)) {
      if (has_inline) {
        values_[name] = inline_value;
      } else if (i + 1 < argv.size()) {
        values_[name] = argv[++i];
      } else {
        throw UsageError("option " + name + " needs a value");
      }
    } else {
      throw UsageError("unknown option " + name);
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::required(const std::string& name) const {
  auto v = value(name);
  if (!v) throw UsageError("option " + name + " is required");
  return *v;
}

std::optional<int> Args::integer(const std::string& name) const {
  auto v = value(name);
  if (!v) return std::nullopt;
  int out = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size())
    throw UsageError("option " + name + " needs an integer, got '" + *v + "'");
  return out;
}

}  // namespace plancal::ctl
