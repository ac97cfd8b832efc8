// Helpers shared by the test executables: the external vectors in ../shared/vectors, read at run time
// exactly as they were published.
#pragma once

#include <string>

#include "core/json/json.h"

namespace fep::test {

// Path of a file in the shared vectors folder; the test fails (not skips) when it is missing.
std::string vector_path(const std::string& relative);
std::string read_file(const std::string& path);
json::Json read_vector_json(const std::string& relative);

std::string from_hex(const std::string& hex);
std::string to_hex(const std::string& bytes);

}  // namespace fep::test
