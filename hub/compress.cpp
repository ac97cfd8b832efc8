#include "hub/compress.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace fep::hub {

std::string gzip(std::string_view data, Effort effort) {
  z_stream stream{};
  const int level = effort == Effort::fast ? Z_BEST_SPEED : Z_DEFAULT_COMPRESSION;
  // 15 + 16: the largest window, with a gzip header and trailer.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
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

std::string brotli(std::string_view data) {
  constexpr int kQuality = 5;
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) return {};
  std::string out(size, '\0');
  const bool done = BrotliEncoderCompress(kQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                                          reinterpret_cast<const uint8_t*>(data.data()), &size,
                                          reinterpret_cast<uint8_t*>(out.data()));
  if (!done) return {};
  out.resize(size);
  return out;
}

std::string encode(std::string_view data, std::string_view coding, Effort effort) {
  return coding == "br" ? brotli(data) : gzip(data, effort);
}

bool accepts_encoding(std::string_view accept_encoding, std::string_view coding) {
  const auto trim = [](std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
  };
  const auto same = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    const auto item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const auto semicolon = item.find(';');
    if (!same(trim(item.substr(0, semicolon)), coding)) continue;
    if (semicolon == std::string_view::npos) return true;
    // "q=0", "q=0.0", "q=0.000" refuse; any other weight admits.
    const auto weight = trim(item.substr(semicolon + 1));
    if (weight.substr(0, 2) != "q=" && weight.substr(0, 2) != "Q=") return true;
    const auto value = weight.substr(2);
    return value.find_first_not_of("0.") != std::string_view::npos;
  }
  return false;
}

}  // namespace fep::hub
