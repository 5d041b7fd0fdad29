// The personal link of one unit for one item, put in every reminder ("办理：<URL>"):
//   <base_url>/work/<plan>/<item>/<unit>/<token>
// and the private link of a plan's 督办 board:
//   <base_url>/board/<plan>/<token>
// The token is the first 16 bytes, as hex, of HMAC-SHA256 over the link's kind, the key's
// version, and the plan, item and unit ids, under the secret of the LinkKey. Nothing is
// stored per link: a link is valid when its token is the one the current key gives, so a
// rotation (a new secret and version) makes every old link invalid at once. Tokens are
// compared in constant time. Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace plancal::calendar {

struct LinkKey {
  int version = 0;
  std::string secret;  // raw bytes (LinkKeyFile keeps 32)
};

// Whose link it is: unit_id and item_id are empty for a board link.
struct LinkTarget {
  std::string plan_id;
  std::string item_id;
  std::string unit_id;
  bool operator==(const LinkTarget&) const = default;
};

// A link path as received, split but not yet verified.
struct LinkPath {
  LinkTarget target;
  std::string token;
};

inline constexpr std::string_view kWorkLinkPrefix = "/work/";
inline constexpr std::string_view kBoardLinkPrefix = "/board/";

std::string link_token(const LinkKey& key, const LinkTarget& target);

// "<base_url>/work/plan/item/unit/token" (a board link when target.unit_id is empty);
// base_url without a trailing '/'.
std::string link_url(std::string_view base_url, const LinkKey& key, const LinkTarget& target);

// Splits "/work/<plan>/<item>/<unit>/<token>" or "/board/<plan>/<token>" (a path already
// percent-decoded); nullopt for anything else, an empty segment included.
std::optional<LinkPath> parse_link_path(std::string_view path);

// True when `path`'s token is the one `key` gives for its target (constant time).
bool link_valid(const LinkKey& key, const LinkPath& path);

}  // namespace plancal::calendar
