// gzip (RFC 1952) for what the hub sends compressed itself: signed objects, whose media type
// (application/jose) cpp-httplib does not compress. A student's bundle shrinks about tenfold.
#pragma once

#include <string>
#include <string_view>

namespace fep::hub {

// The gzip stream of `data` (zlib, default level); empty if zlib fails.
std::string gzip(std::string_view data);

// Whether the request's Accept-Encoding admits gzip (a "gzip;q=0" refuses it).
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace fep::hub
