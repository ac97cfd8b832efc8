// What the hub sends compressed itself: signed objects, whose media type (application/jose)
// cpp-httplib does not compress, and JSON answers. A student's bundle shrinks about tenfold with gzip
// (RFC 1952), and by another eighth with Brotli (RFC 7932) at a setting as fast.
#pragma once

#include <string>
#include <string_view>

namespace fep::hub {

// The gzip stream of `data`; empty if zlib fails. The default level for what is compressed once and
// kept; `fast` (zlib's level 1) for answers compressed on every request (a dashboard's megabyte).
enum class Effort { normal, fast };
std::string gzip(std::string_view data, Effort effort = Effort::normal);

// The Brotli stream of `data` at quality 5 (as fast as zlib's default level here, and smaller: Brotli's
// slowest setting, 11, took eighty times as long); empty if the encoder fails.
std::string brotli(std::string_view data);

// `data` in `coding` ("br" or "gzip"); empty if that fails.
std::string encode(std::string_view data, std::string_view coding, Effort effort = Effort::normal);

// Whether the request's Accept-Encoding admits `coding` ("gzip", "br"): named among its
// comma-separated codings (any case), and not refused with q=0.
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

}  // namespace fep::hub
