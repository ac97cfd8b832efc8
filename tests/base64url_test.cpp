// Strict base64url: each byte string has exactly one accepted encoding.
#include "core/jose/base64url.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace fep {
namespace {

TEST(Base64url, RoundTripsEveryLengthAndByteValue) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    const auto encoded = jose::base64url::encode(bytes);
    EXPECT_EQ(encoded.find_first_of("+/=\n "), std::string::npos);
    const auto decoded = jose::base64url::decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << encoded;
    EXPECT_EQ(*decoded, bytes);
    bytes.push_back(static_cast<char>(i * 7));
  }
}

TEST(Base64url, KnownEncodings) {
  EXPECT_EQ(jose::base64url::encode(""), "");
  EXPECT_EQ(jose::base64url::encode("f"), "Zg");
  EXPECT_EQ(jose::base64url::encode("fo"), "Zm8");
  EXPECT_EQ(jose::base64url::encode("foo"), "Zm9v");
  EXPECT_EQ(jose::base64url::encode("\xfb\xff"), "-_8");
}

TEST(Base64url, RejectsPaddingWhitespaceAndTheStandardAlphabet) {
  EXPECT_FALSE(jose::base64url::decode("Zg=="));
  EXPECT_FALSE(jose::base64url::decode("Zg="));
  EXPECT_FALSE(jose::base64url::decode("Zm9v "));
  EXPECT_FALSE(jose::base64url::decode(" Zm9v"));
  EXPECT_FALSE(jose::base64url::decode("Zm\n9v"));
  EXPECT_FALSE(jose::base64url::decode("+_8"));
  EXPECT_FALSE(jose::base64url::decode("-/8"));
  EXPECT_FALSE(jose::base64url::decode(std::string("Zm\0v", 4)));
}

TEST(Base64url, RejectsNonCanonicalTrailingBitsAndDanglingCharacters) {
  EXPECT_TRUE(jose::base64url::decode("Zg"));
  EXPECT_FALSE(jose::base64url::decode("Zh"));  // "f" with a non-zero unused bit
  EXPECT_TRUE(jose::base64url::decode("Zm8"));
  EXPECT_FALSE(jose::base64url::decode("Zm9"));  // "fo" with non-zero unused bits
  EXPECT_FALSE(jose::base64url::decode("Z"));    // six bits cannot be a byte
  EXPECT_FALSE(jose::base64url::decode("Zm9vY"));
}

}  // namespace
}  // namespace fep
