#include "calendar/work_links/work_link.hpp"

#include <vector>

#include "calendar/crypto/constant_time.hpp"
#include "calendar/crypto/hex.hpp"
#include "calendar/crypto/hmac_sha256.hpp"

namespace plancal::calendar {
namespace {

constexpr size_t kTokenBytes = 16;

std::vector<std::string_view> segments(std::string_view rest) {
  std::vector<std::string_view> out;
  for (;;) {
    const size_t slash = rest.find('/');
    out.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) return out;
    rest.remove_prefix(slash + 1);
  }
}

}  // namespace

std::string link_token(const LinkKey& key, const LinkTarget& target) {
  // '\n' never occurs in an id, so the fields cannot run into each other.
  const std::string message = std::string(target.unit_id.empty() ? "board" : "work") + "\n" +
                              std::to_string(key.version) + "\n" + target.plan_id + "\n" +
                              target.item_id + "\n" + target.unit_id;
  const Digest digest = hmac_sha256(key.secret, message);
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), kTokenBytes));
}

std::string link_url(std::string_view base_url, const LinkKey& key, const LinkTarget& target) {
  std::string url(base_url);
  if (target.unit_id.empty())
    return url + std::string(kBoardLinkPrefix) + target.plan_id + "/" + link_token(key, target);
  return url + std::string(kWorkLinkPrefix) + target.plan_id + "/" + target.item_id + "/" +
         target.unit_id + "/" + link_token(key, target);
}

std::optional<LinkPath> parse_link_path(std::string_view path) {
  const bool work = path.starts_with(kWorkLinkPrefix);
  const bool board = path.starts_with(kBoardLinkPrefix);
  if (!work && !board) return std::nullopt;
  const auto parts = segments(path.substr(work ? kWorkLinkPrefix.size() : kBoardLinkPrefix.size()));
  if (parts.size() != (work ? 4u : 2u)) return std::nullopt;
  for (const std::string_view part : parts)
    if (part.empty()) return std::nullopt;
  LinkPath out;
  out.target.plan_id = parts[0];
  if (work) {
    out.target.item_id = parts[1];
    out.target.unit_id = parts[2];
  }
  out.token = parts.back();
  return out;
}

bool link_valid(const LinkKey& key, const LinkPath& path) {
  return constant_time_equal(path.token, link_token(key, path.target));
}

}  // namespace plancal::calendar
