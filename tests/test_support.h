// Helpers shared by the test executables: the external vectors in tests/vectors, read at run time
// exactly as they were published.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "core/error.h"
#include "core/json/json.h"

namespace fep::test {

// Path of a file in the shared vectors folder; the test fails (not skips) when it is missing.
std::string vector_path(const std::string& relative);
std::string read_file(const std::string& path);
json::Json read_vector_json(const std::string& relative);

std::string from_hex(const std::string& hex);
std::string to_hex(const std::string& bytes);

}  // namespace fep::test

namespace fep {

// A failed comparison of codes prints "bad_signature", not the enum's bytes (found by GoogleTest
// through argument-dependent lookup).
inline void PrintTo(ErrorCode code, std::ostream* out) { *out << to_string(code); }

}  // namespace fep

// The core is built with JSON_NO_IO (no operator<<): without this a failed comparison of two DOMs
// aborts while printing them. Declared in nlohmann's namespace, where GoogleTest's lookup finds it.
namespace nlohmann {
inline void PrintTo(const json& value, std::ostream* out) { *out << value.dump(); }
}  // namespace nlohmann

// Asserts that `result` (a Result<T> or Status) failed with `code` and exactly the detail `detail`
// (a JSON pointer and message, for example); the message names what failed otherwise.
#define EXPECT_ERROR(result, expected_code, expected_detail)    \
  do {                                                          \
    const auto& fep_result_ = (result);                         \
    EXPECT_EQ(fep_result_.code(), (expected_code));             \
    if (!fep_result_.ok()) {                                    \
      EXPECT_EQ(fep_result_.error().detail, (expected_detail)); \
    }                                                           \
  } while (false)
