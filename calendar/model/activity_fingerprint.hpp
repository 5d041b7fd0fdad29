// A fingerprint of everything the store keeps about an activity apart from its key and
// versioning: title, category, the whole reading (alternatives and list items included),
// location, source phrase, item, pinned, public and units. Import compares fingerprints
// to tell a changed activity (sequence+1) from an unchanged one without reading rows back.
//
// The value is deterministic across runs and platforms; changing the encoding makes every
// stored activity look changed once, so do that only together with a store migration.
#pragma once

#include <cstdint>

#include "calendar/model/activity.hpp"

namespace plancal::calendar {

// 64-bit FNV-1a over a length-prefixed encoding of the fields, so that moving bytes from
// one field to the next changes the value. Not cryptographic: it detects edits, not forgery.
std::uint64_t activity_fingerprint(const Activity& activity);

}  // namespace plancal::calendar
