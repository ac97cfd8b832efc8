// RFC 3339 timestamps at the edges.
#include "core/record/timestamp.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace fep {
namespace {

TEST(Timestamp, ParsesUtcOffsetsAndFractions) {
  EXPECT_EQ(record::timestamp::to_epoch(*record::timestamp::parse_rfc3339("1970-01-01T00:00:00Z")), 0);
  EXPECT_EQ(record::timestamp::to_epoch(*record::timestamp::parse_rfc3339("2026-11-22T10:00:00Z")), 1795341600);
  EXPECT_EQ(record::timestamp::to_epoch(*record::timestamp::parse_rfc3339("2026-11-22T12:00:00+02:00")), 1795341600);
  EXPECT_EQ(record::timestamp::to_epoch(*record::timestamp::parse_rfc3339("2026-11-22T05:30:00-04:30")), 1795341600);
  EXPECT_EQ(record::timestamp::to_epoch(*record::timestamp::parse_rfc3339("2026-11-22T10:00:00.999Z")), 1795341600);
  EXPECT_EQ(record::timestamp::to_epoch(*record::timestamp::parse_rfc3339("2024-02-29T00:00:00Z")),
            1709164800);  // leap day
}

TEST(Timestamp, RejectsImpossibleOrSloppyTimes) {
  for (const char* text :
       {"", "2026-11-22", "2026-11-22T10:00:00", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z",
        "2026-11-22T24:00:00Z", "2026-11-22T10:60:00Z", "2026-11-22 10:00:00Z", "2026-11-22T10:00:00.Z",
        "2026-11-22T10:00:00+2:00", "2026-11-22T10:00:00ZZ", "+2026-11-22T10:00:00Z"}) {
    EXPECT_EQ(record::timestamp::parse_rfc3339(text).code(), ErrorCode::malformed) << text;
  }
}

TEST(Timestamp, EpochSecondsOrRfc3339AndBackAgain) {
  EXPECT_EQ(record::timestamp::to_epoch(*record::timestamp::parse_epoch_or_rfc3339("1795341600")), 1795341600);
  EXPECT_EQ(record::timestamp::to_epoch(*record::timestamp::parse_epoch_or_rfc3339("2026-11-22T10:00:00Z")),
            1795341600);
  EXPECT_EQ(record::timestamp::parse_epoch_or_rfc3339("-5").code(), ErrorCode::malformed);
  EXPECT_EQ(record::timestamp::format_rfc3339(record::timestamp::from_epoch(1795341600)), "2026-11-22T10:00:00Z");
  EXPECT_EQ(record::timestamp::format_rfc3339(record::timestamp::from_epoch(1709164799)), "2024-02-28T23:59:59Z");
  EXPECT_EQ(record::timestamp::format_rfc3339(record::timestamp::from_epoch(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(record::timestamp::format_rfc3339(record::timestamp::from_epoch(1709251199)), "2024-02-29T23:59:59Z");
  EXPECT_EQ(record::timestamp::format_rfc3339(record::timestamp::from_epoch(253402300799)), "9999-12-31T23:59:59Z");
  for (const char* text : {"0001-01-01", "1999-12-31", "2024-02-29", "2026-05-15", "9999-12-31"}) {
    EXPECT_EQ(record::timestamp::format_date(*record::timestamp::parse_date(text)), text);
  }
}

}  // namespace
}  // namespace fep
