// parse_strict, the reader of small JSON (headers, key sets, contact records, CLI input): limits checked
// before parsing, duplicate members refused at any depth.
#include "core/json/json.h"

#include <gtest/gtest.h>

#include <string>

#include "test_support.h"

namespace fep {
namespace {

TEST(Json, NestingDeeperThan32IsRefusedBeforeParsing) {
  EXPECT_TRUE(json::parse_strict(std::string(32, '[') + std::string(32, ']')).ok());
  EXPECT_EQ(json::parse_strict(std::string(33, '[') + std::string(33, ']')).code(), ErrorCode::too_large);
  EXPECT_EQ(json::parse_strict(std::string(100000, '[')).code(), ErrorCode::too_large);
  // Brackets inside strings do not count.
  EXPECT_TRUE(json::parse_strict(R"({"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"[["})").ok());
}

TEST(Json, DuplicateMembersAreRefusedAtAnyDepth) {
  EXPECT_EQ(json::parse_strict(R"({"a":1,"a":2})").code(), ErrorCode::malformed);
  EXPECT_EQ(json::parse_strict(R"({"a":{"b":1,"b":1}})").code(), ErrorCode::malformed);
  EXPECT_EQ(json::parse_strict(R"([{"b":1},{"c":1,"c":1}])").code(), ErrorCode::malformed);
  EXPECT_TRUE(json::parse_strict(R"([{"b":1},{"b":1}])").ok());
  EXPECT_TRUE(json::parse_strict(R"({"a":{"a":1}})").ok());
}

}  // namespace
}  // namespace fep
