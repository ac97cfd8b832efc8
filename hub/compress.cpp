#include "hub/compress.h"

#include <zlib.h>

namespace fep::hub {

std::string gzip(std::string_view data) {
  z_stream stream{};
  // 15 + 16: the largest window, with a gzip header and trailer.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return result == Z_STREAM_END ? out : std::string();
}

bool accepts_gzip(std::string_view accept_encoding) {
  const auto at = accept_encoding.find("gzip");
  if (at == std::string_view::npos) return false;
  const auto end = accept_encoding.find(',', at);
  const auto parameters = accept_encoding.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
  return parameters.find("q=0") == std::string_view::npos || parameters.find("q=0.") != std::string_view::npos;
}

}  // namespace fep::hub
