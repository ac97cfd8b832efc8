// The error model: every code has a unique stable name, an i18n key, and a message in the English
// catalog (the widget's fallback language).
#include "core/error.h"

#include <gtest/gtest.h>

#include <set>

#include "test_support.h"

namespace fep {
namespace {

constexpr auto kLastCode = ErrorCode::chain_tampered;

TEST(ErrorCodes, EachHasAUniqueStableNameAndAnI18nKey) {
  std::set<std::string_view> names;
  for (int i = 0; i <= static_cast<int>(kLastCode); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const auto name = to_string(code);
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string_view::npos) << name;
    EXPECT_EQ(message_key(code), "error." + std::string(name));
    EXPECT_FALSE(default_message(code).empty());
  }
  // Names are a public contract: these never change.
  EXPECT_EQ(to_string(ErrorCode::malformed), "malformed");
  EXPECT_EQ(to_string(ErrorCode::bad_signature), "bad_signature");
  EXPECT_EQ(to_string(ErrorCode::rolled_back), "rolled_back");
  EXPECT_EQ(to_string(ErrorCode::unavailable), "unavailable");
}

TEST(ErrorCodes, EveryErrorHasAnEnglishMessageForReaders) {
  const auto catalog =
      json::Json::parse(test::read_file(std::string(FEP_SOURCE_DIR) + "/i18n/en.json"), nullptr, false);
  ASSERT_TRUE(catalog.is_object());
  for (int i = 1; i <= static_cast<int>(kLastCode); ++i) {
    const auto key = message_key(static_cast<ErrorCode>(i));
    const auto it = catalog.find(key);
    ASSERT_NE(it, catalog.end()) << key << " is missing from i18n/en.json";
    EXPECT_TRUE(it->is_string() && !it->get_ref<const std::string&>().empty()) << key;
  }
}

}  // namespace
}  // namespace fep
