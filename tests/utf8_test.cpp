// Text from outside: which byte strings are UTF-8 and which ids the hub accepts from a URL.
#include "core/text/utf8.h"

#include <gtest/gtest.h>

#include <string>

using fep::text::is_utf8;
using fep::text::is_valid_id;

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_utf8(""));
  EXPECT_TRUE(is_utf8("stu-7f3a9c"));
  EXPECT_TRUE(is_utf8("Hernández"));         // two bytes
  EXPECT_TRUE(is_utf8("学生"));              // three
  EXPECT_TRUE(is_utf8("\xF0\x9F\x98\x80"));  // four: U+1F600
  EXPECT_TRUE(is_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last
}

TEST(Utf8, RefusesWhatDumpWouldThrowOn) {
  EXPECT_FALSE(is_utf8("\xFF"));                  // the %FF that stopped the hub
  EXPECT_FALSE(is_utf8("caf\xE9"));               // Latin-1
  EXPECT_FALSE(is_utf8("\xC3"));                  // cut short
  EXPECT_FALSE(is_utf8("\xC0\xAF"));              // overlong '/'
  EXPECT_FALSE(is_utf8("\xE0\x80\xAF"));          // overlong, three bytes
  EXPECT_FALSE(is_utf8("\xED\xA0\x80"));          // a surrogate
  EXPECT_FALSE(is_utf8("\xF4\x90\x80\x80"));      // past U+10FFFF
  EXPECT_FALSE(is_utf8("\xE6\x96"));              // three-byte lead with one continuation
  EXPECT_FALSE(is_utf8("a\x80"));                 // a lone continuation byte
  EXPECT_FALSE(is_utf8("\xF0\x9F\x98\x80\xBF"));  // a stray byte after a good sequence
}

TEST(Utf8, IdsAreShortPrintableUtf8) {
  EXPECT_TRUE(is_valid_id("stu-7f3a9c"));
  EXPECT_TRUE(is_valid_id("604822"));
  EXPECT_TRUE(is_valid_id("a/b c+d"));  // ids a URL percent-encodes are still ids
  EXPECT_TRUE(is_valid_id(std::string(200, 'x')));
  EXPECT_FALSE(is_valid_id(""));
  EXPECT_FALSE(is_valid_id(std::string(201, 'x')));
  EXPECT_FALSE(is_valid_id("\xFF"));
  EXPECT_FALSE(is_valid_id("a\nb"));
  EXPECT_FALSE(is_valid_id(std::string("a\0b", 3)));
  EXPECT_FALSE(is_valid_id("a\x7F"));
}
