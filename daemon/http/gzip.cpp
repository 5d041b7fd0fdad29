#include "daemon/http/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

namespace plancal::daemon {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // 32 KiB window, gzip header and trailer
constexpr int kMemLevel = 8;

}  // namespace

std::string gzip_compress(std::string_view data) {
  z_stream stream{};
  int rc = deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kMemLevel,
                        Z_DEFAULT_STRATEGY);
  if (rc != Z_OK) throw std::runtime_error(std::string("gzip: deflateInit2: ") + zError(rc));
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  rc = deflate(&stream, Z_FINISH);
  const uLong written = stream.total_out;
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) throw std::runtime_error(std::string("gzip: deflate: ") + zError(rc));
  out.resize(written);
  return out;
}

}  // namespace plancal::daemon
