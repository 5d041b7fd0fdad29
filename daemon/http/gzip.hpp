// gzip (RFC 1952) compression of whole response bodies with zlib, for
// Content-Encoding: gzip. Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace plancal::daemon {

// The gzip member holding `data`, at zlib's best compression (bodies are compressed once
// per data version). Throws std::runtime_error naming zlib's message if zlib fails
// (out of memory).
std::string gzip_compress(std::string_view data);

}  // namespace plancal::daemon
