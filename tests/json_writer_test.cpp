// json::Writer: the view's JSON text must read back as the values written, whatever their range.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "core/json/json.h"
#include "core/json/writer.h"
#include "test_support.h"

namespace fep {
namespace {

TEST(JsonWriter, WritesIntegersAcrossTheWholeRange) {
  json::Writer w;
  w.begin_array();
  const std::int64_t numbers[] = {0,
                                  7,
                                  -7,
                                  10,
                                  -10,
                                  1234567890123,
                                  std::numeric_limits<std::int64_t>::max(),
                                  std::numeric_limits<std::int64_t>::min()};
  for (const auto n : numbers) w.value(n);
  w.end_array();
  EXPECT_EQ(w.take(), "[0,7,-7,10,-10,1234567890123,9223372036854775807,-9223372036854775808]");
}

TEST(JsonWriter, ObjectsStringsAndNumbersReadBack) {
  json::Writer w;
  w.begin_object().member("a", 1).member("s", "q\"\\\n\x01é").member("f", 0.1).member("n", nullptr).member("b", false);
  w.key("list").begin_array().value(2.5).value(std::optional<int>()).end_array().end_object();
  const auto parsed = json::parse_strict(w.take());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ((*parsed)["a"].get<int>(), 1);
  EXPECT_EQ((*parsed)["s"].get<std::string>(), "q\"\\\n\x01é");
  EXPECT_EQ((*parsed)["f"].get<double>(), 0.1);
  EXPECT_TRUE((*parsed)["n"].is_null());
  EXPECT_FALSE((*parsed)["b"].get<bool>());
  EXPECT_EQ((*parsed)["list"].dump(), "[2.5,null]");
}

TEST(JsonWriter, EscapesWhatJsonRequiresAndRoundTripsThroughTheStrictParser) {
  const std::string nasty =
      std::string("quote \" backslash \\ newline \n tab \t nul ") + '\0' + " bell \x07 ünïcödé 中文 </script>";
  json::Writer w;
  w.begin_object()
      .member("text", std::string_view(nasty))
      .member("half", 0.5)
      .member("third", 1.0 / 3)
      .member("big", std::int64_t{9007199254740991})
      .member("none", nullptr)
      .member("yes", true)
      .key("list")
      .begin_array()
      .value(1)
      .value("two")
      .begin_object()
      .end_object()
      .end_array()
      .end_object();
  const std::string text = w.take();
  EXPECT_NE(text.find(R"(\u0000)"), std::string::npos);
  EXPECT_NE(text.find(R"(\u0007)"), std::string::npos);
  EXPECT_NE(text.find(R"(\u000a)"), std::string::npos);
  const auto parsed = json::parse_strict(text);
  ASSERT_TRUE(parsed.ok()) << text;
  EXPECT_EQ((*parsed)["text"].get<std::string>(), nasty);
  EXPECT_EQ((*parsed)["half"].get<double>(), 0.5);
  EXPECT_EQ((*parsed)["third"].get<double>(), 1.0 / 3);
  EXPECT_EQ((*parsed)["big"].get<std::int64_t>(), 9007199254740991);
  EXPECT_TRUE((*parsed)["none"].is_null());
  EXPECT_EQ((*parsed)["list"].size(), 3u);
}

}  // namespace
}  // namespace fep
