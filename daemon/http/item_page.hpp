// The page of one plan item (/items/<plan>/<item>, every VEVENT's URL and every agenda
// row's link): the item's section, number, title and text as the plan writes them, its
// responsible units with their phones, and each of its activities with the phrase as written
// and how plancal reads it. Pure; every piece of data is HTML-escaped.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "daemon/data/data_snapshot.hpp"

namespace plancal::daemon {

// nullopt when the snapshot has no such plan or item.
std::optional<std::string> render_item_page(const DataSnapshot& snapshot,
                                            const std::string& base_url, std::string_view plan_id,
                                            std::string_view item_id);

}  // namespace plancal::daemon
