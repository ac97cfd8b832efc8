// gzip (RFC 1952) for what the hub sends compressed itself: signed objects, whose media type
// (application/jose) cpp-httplib does not compress. A student's bundle shrinks about tenfold.
#pragma once

#include <string>
#include <string_view>

namespace fep::hub {

// The gzip stream of `data`; empty if zlib fails. The default level for what is compressed once and
// kept; `fast` (zlib's level 1) for answers compressed on every request (a dashboard's megabyte).
enum class Effort { normal, fast };
std::string gzip(std::string_view data, Effort effort = Effort::normal);

// Whether the request's Accept-Encoding admits `coding` ("gzip", "br"): named among its
// comma-separated codings (any case), and not refused with q=0.
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

}  // namespace fep::hub
