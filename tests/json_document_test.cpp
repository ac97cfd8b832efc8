// json::Document against json::parse_strict (nlohmann), the reader it stands in for on large payloads:
// the same verdict and the same values on hand-picked JSON edge cases, on every published vector file,
// on the example year, and on every one-byte change, deletion and insertion of a dense sample.
#include <dirent.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/json/document.h"
#include "test_support.h"

namespace fep {
namespace {

using json::Document;
using json::Value;

// Both readers agree: both accept with equal values, or both refuse with the same code.
::testing::AssertionResult same_as_parse_strict(const std::string& text) {
  const auto expected = json::parse_strict(text);
  const auto actual = Document::parse(text);
  if (expected.ok() != actual.ok()) {
    return ::testing::AssertionFailure() << "parse_strict " << (expected.ok() ? "accepts" : "refuses")
                                         << " but Document "
                                         << (actual.ok() ? "accepts" : "refuses: " + actual.error().detail) << ": "
                                         << text;
  }
  if (!expected.ok()) {
    if (expected.code() != actual.code()) {
      return ::testing::AssertionFailure()
             << "codes differ (" << to_string(expected.code()) << ", " << to_string(actual.code()) << "): " << text;
    }
    return ::testing::AssertionSuccess();
  }
  if (actual->root().to_json() != *expected) return ::testing::AssertionFailure() << "values differ: " << text;
  return ::testing::AssertionSuccess();
}

TEST(JsonDocument, ReadsValuesOfEveryKind) {
  auto document = Document::parse(R"( {"s": "a\"b\\c\/\n\u00e9\ud83d\ude00", "i": -42, "big": 9007199254740991,
    "f": 2.5e-1, "t": true, "n": null, "a": [1, [2], {}], "o": {"k": "v"}} )");
  ASSERT_TRUE(document.ok()) << document.error().detail;
  const Value root = document->root();
  EXPECT_TRUE(root.is_object());
  EXPECT_EQ(root.size(), 8u);
  EXPECT_EQ(root.find("s").string(), "a\"b\\c/\n\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(root.find("i").integer(), -42);
  EXPECT_EQ(root.find("big").integer(), 9007199254740991);
  EXPECT_TRUE(root.find("f").is_number());
  EXPECT_FALSE(root.find("f").is_integer());
  EXPECT_EQ(root.find("f").number(), 0.25);
  EXPECT_TRUE(root.find("t").boolean());
  EXPECT_TRUE(root.find("n").is_null());
  EXPECT_FALSE(root.find("missing").exists());
  EXPECT_FALSE(root.find("s").find("x").exists());  // find on a non-object is absent, not a crash

  std::vector<Value::Kind> kinds;
  for (const Value item : root.find("a").elements()) kinds.push_back(item.kind());
  EXPECT_EQ(kinds, (std::vector<Value::Kind>{Value::Kind::integer, Value::Kind::array, Value::Kind::object}));
  std::vector<std::string> names;
  for (const auto member : root.members()) names.emplace_back(member.name);
  EXPECT_EQ(names, (std::vector<std::string>{"s", "i", "big", "f", "t", "n", "a", "o"}));
  EXPECT_EQ(root.find("o").find("k").string(), "v");
  EXPECT_EQ(root.find("s").integer(), 0);  // the wrong accessor gives a neutral value
}

TEST(JsonDocument, IntegersBeyondTheSafeRangeAreRefusedByBothReaders) {
  // I-JSON (RFC 7493): +-(2^53 - 1) is the whole range; a JavaScript reader would change anything larger.
  auto document = Document::parse("[9007199254740991, -9007199254740991, -0, 1e300, 9007199254740993.5]");
  ASSERT_TRUE(document.ok()) << document.error().detail;
  std::vector<Value> items;
  for (const Value item : document->root().elements()) items.push_back(item);
  EXPECT_EQ(items[0].integer(), 9007199254740991);
  EXPECT_EQ(items[1].integer(), -9007199254740991);
  EXPECT_TRUE(items[2].is_integer());
  EXPECT_EQ(items[2].integer(), 0);
  EXPECT_FALSE(items[3].is_integer());  // not an integer literal: a number
  for (const char* text :
       {"9007199254740992", "-9007199254740992", "[1790000000000000100]", "{\"seq\": 9223372036854775808}",
        "18446744073709551616", "123456789012345678901234567890"}) {
    EXPECT_ERROR(Document::parse(text), ErrorCode::malformed, "integer outside ±(2^53 - 1)");
    EXPECT_ERROR(json::parse_strict(text), ErrorCode::malformed, "integer outside ±(2^53 - 1)");
  }
}

TEST(JsonDocument, DecimalsReadExactlyAsStrtodReadsThem) {
  // The fast path (mantissa / 10^k) and the strtod path must never differ, not even in the last bit.
  std::vector<std::string> texts = {"0.1",
                                    "0.2",
                                    "0.3",
                                    "-0.0",
                                    "17.5",
                                    "99.99",
                                    "1.7976931348623157",
                                    "9007199254740991.5",
                                    "900719925474099.1",
                                    "0.0000000000000000000001",
                                    "0.00000000000000000000001",
                                    "123456789.123456789",
                                    "4.35",
                                    "2.675",
                                    "1.005",
                                    "1e-7",
                                    "5e-324"};
  std::uint64_t state = 0x9E3779B97F4A7C15u;  // xorshift: a fixed, wide spread of digits and scales
  for (int i = 0; i < 20000; ++i) {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    const std::string digits = std::to_string(state % 100000000000000000u);
    const std::size_t point = 1 + state % digits.size();
    texts.push_back(digits.substr(0, point) + "." + (point < digits.size() ? digits.substr(point) : "0"));
  }
  for (const auto& text : texts) {
    const auto document = Document::parse(text);
    ASSERT_TRUE(document.ok()) << text;
    const double expected = std::strtod(text.c_str(), nullptr);
    const double actual = document->root().number();
    EXPECT_EQ(std::memcmp(&expected, &actual, sizeof expected), 0) << text;
  }
}

TEST(JsonDocument, RefusesWhatStrictJsonRefusesWithTheSameCode) {
  std::vector<std::string> refused = {
      "",
      " ",
      "{",
      "}",
      "[1,]",
      "[,1]",
      "{\"a\":1,}",
      "{\"a\" 1}",
      "{a:1}",
      "{'a':1}",
      "[01]",
      "[1.]",
      "[.5]",
      "[1e]",
      "[1e+]",
      "[+1]",
      "[-]",
      "[--1]",
      "[0x10]",
      "[Infinity]",
      "[NaN]",
      "[tru]",
      "[nulll]",
      "[True]",
      "\"abc",
      "\"\\x\"",
      "\"\\u12\"",
      "\"\\uZZZZ\"",
      "\"\\ud800\"",
      "\"\\udc00\"",
      "\"\\ud800\\u0041\"",
      "\"a\tb\"",
      "\"a\nb\"",
      "\"\x01\"",
      "\"\xC0\xAF\"",
      "\"\xE0\x80\xAF\"",
      "\"\xED\xA0\x80\"",
      "\"\xF4\x90\x80\x80\"",
      "\"\xFF\"",
      "\"\x80\"",
      "\"\xC3\"",
      "[1] [2]",
      "{} x",
      std::string("[1]\0", 4),
      std::string("{\"a\":\"\0\"}", 9),
      "{\"a\":1,\"a\":2}",
      "{\"a\":{\"b\":1,\"b\":1}}",
      "{\"\\u0061\":1,\"a\":2}",
      "/*c*/1",
      std::string(33, '[') + std::string(33, ']'),
      std::string(40, '{'),
  };
  refused.push_back("1e400");  // beyond a double: both refuse rather than read infinity
  for (const auto& text : refused) {
    EXPECT_FALSE(Document::parse(text).ok()) << text;
    EXPECT_TRUE(same_as_parse_strict(text));
  }
  EXPECT_EQ(Document::parse(std::string(33, '[') + std::string(33, ']')).code(), ErrorCode::too_large);
  // Found by the fuzzer: too deep and a NUL byte later on is malformed for both readers.
  EXPECT_TRUE(same_as_parse_strict(std::string(40, '[') + std::string("\0", 1)));
  EXPECT_EQ(Document::parse("{\"a\":1,\"a\":2}").error().detail, "duplicate member \"a\"");
}

TEST(JsonDocument, AcceptsWhatStrictJsonAcceptsWithTheSameValues) {
  std::string many_members = "{";
  for (int i = 0; i < 300; ++i) many_members += (i ? ",\"m" : "\"m") + std::to_string(i) + "\":" + std::to_string(i);
  const std::vector<std::string> accepted = {
      "0",
      "-0",
      "1",
      "-1",
      "1.5",
      "-1.5e3",
      "1E-2",
      "1e+2",
      "1e308",
      "-1e-400",
      "true",
      "false",
      "null",
      "\"\"",
      "\"\\u0000\"",
      "\"\\uD834\\uDD1E\"",
      "\"\xF0\x9D\x84\x9E\"",
      "\"\xE2\x82\xAC\"",
      "\"\xEF\xBF\xBF\"",
      "[]",
      "{}",
      " [ 1 , { \"a\" : [ ] } ] ",
      "\t\r\n{}\n",
      std::string(32, '[') + std::string(32, ']'),
      many_members + "}",
      "{\"a\":{\"a\":{\"a\":1}}}",
      "{\"a\":1,\"A\":2}",
      "[\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"]",
  };
  for (const auto& text : accepted) {
    EXPECT_TRUE(Document::parse(text).ok()) << text;
    EXPECT_TRUE(same_as_parse_strict(text));
  }
  // A large object with a duplicate takes the sorting path.
  EXPECT_FALSE(Document::parse(many_members + ",\"m150\":0}").ok());
}

TEST(JsonDocument, AgreesOnEveryPublishedVectorFileAndTheExampleYear) {
  std::vector<std::string> files = {std::string(FEP_SOURCE_DIR) + "/docs/examples/record.json",
                                    test::vector_path("rfc8032_vectors.json"),
                                    test::vector_path("rfc8037_vectors.json")};
  for (const std::string folder : {"wycheproof", "jose-cookbook"}) {
    const std::string path = test::vector_path(folder);
    DIR* dir = opendir(path.c_str());
    ASSERT_NE(dir, nullptr) << path;
    while (const dirent* entry = readdir(dir)) {
      const std::string name = entry->d_name;
      if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) files.push_back(path + "/" + name);
    }
    closedir(dir);
  }
  ASSERT_GE(files.size(), 5u);
  for (const auto& file : files) {
    const std::string text = test::read_file(file);
    ASSERT_FALSE(text.empty()) << file;
    EXPECT_TRUE(same_as_parse_strict(text)) << file;
    EXPECT_TRUE(Document::parse(text).ok()) << file;
  }
}

TEST(JsonDocument, AgreesOnEveryOneByteChangeOfADenseSample) {
  const std::string sample =
      R"({"a":[0,-1,2.5e3,true,false,null],"s":"x\u00e9\ud83d\ude00\n\"","\u00e9":{"k":[{}],"k2":"\u4e2d"},"b":1e-2,"z":"é"})";
  ASSERT_TRUE(same_as_parse_strict(sample));
  const std::string bytes =
      std::string("\"\\{}[],:.-+0123456789eEtfnulrsaxbuU \t\n\x7f\x80\xC3\xBF\xED\xF0\x01") + '\0';
  int cases = 0;
  for (std::size_t i = 0; i <= sample.size(); ++i) {
    if (i < sample.size()) {
      EXPECT_TRUE(same_as_parse_strict(sample.substr(0, i) + sample.substr(i + 1)));  // deletion
      ++cases;
    }
    for (const char byte : bytes) {
      std::string inserted = sample;
      inserted.insert(i, 1, byte);
      EXPECT_TRUE(same_as_parse_strict(inserted));
      ++cases;
      if (i < sample.size() && sample[i] != byte) {
        std::string changed = sample;
        changed[i] = byte;
        EXPECT_TRUE(same_as_parse_strict(changed));
        ++cases;
      }
    }
  }
  EXPECT_GT(cases, 10000);
}

}  // namespace
}  // namespace fep
