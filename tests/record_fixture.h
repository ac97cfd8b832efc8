// Small hand-checkable records. The base: one school whose school days are the 20 weekdays from
// Monday 2025-09-01 to Friday 2025-09-26 (so 1 day absent is exactly 5 %), 7 periods, one enrollment.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/json/document.h"
#include "core/json/json.h"
#include "core/record/record.h"
#include "core/record/timestamp.h"
#include "core/trust/bundle.h"
#include "test_support.h"

namespace fep::test {

inline record::Day day(const char* text) { return *record::timestamp::parse_date(text); }

// `record` as the verified bundle trust::open would hand the views (signature already judged).
inline trust::Bundle bundle_with(json::Json record, std::string iss = "https://district.example.org", int ver = 1) {
  trust::Bundle b;
  b.typ = "fep-record+jwt";
  b.iss = std::move(iss);
  b.kid = "kid-1";
  b.iat = record::timestamp::from_epoch(1757000000);
  b.exp = record::timestamp::from_epoch(1759000000);
  b.seq = 4;
  b.ver = ver;
  b.document = std::move(json::Document::parse(json::Json{{"record", std::move(record)}}.dump()).value());
  return b;
}

// Calendar entries for every weekday in [from, to] as `event`, weekends as "Non-instructional day".
inline json::Json weekdays(const char* from, const char* to, const char* event = "Instructional day") {
  json::Json dates = json::Json::array();
  for (auto d = day(from); d <= day(to); d += date::days{1}) {
    const bool weekend = date::weekday{d} == date::Saturday || date::weekday{d} == date::Sunday;
    dates.push_back(
        {{"date", record::timestamp::format_date(d)}, {"event", weekend ? "Non-instructional day" : event}});
  }
  return dates;
}

inline json::Json base_record() {
  json::Json record = {
      {"student", {{"id", "s-1"}, {"displayName", "Test Student"}}},
      {"schoolYear", 2026},
      {"schools",
       {{{"id", "A"},
         {"name", "School A"},
         {"periodsPerDay", 7},
         {"calendarDates", weekdays("2025-09-01", "2025-09-26")}}}},
      {"enrollments", {{{"schoolId", "A"}, {"entryDate", "2025-09-01"}}}},
      {"courses", {{{"id", "math"}, {"title", "Math"}}, {{"id", "art"}, {"title", "Art"}}}},
      {"sections", json::Json::array()},
      {"attendanceEvents", json::Json::array()},
  };
  for (int period = 1; period <= 7; ++period) {
    record["sections"].push_back({{"id", "A-" + std::to_string(period)},
                                  {"courseId", period == 7 ? "art" : "math"},
                                  {"schoolId", "A"},
                                  {"classPeriod", period}});
  }
  return record;
}

inline void add_event(json::Json& record, const char* date, const char* descriptor, double duration = 1.0,
                      const char* school = "A", const char* section = nullptr) {
  json::Json event = {{"schoolId", school}, {"date", date}, {"descriptor", descriptor}};
  if (duration != 1.0) event["duration"] = duration;
  if (section) event["sectionId"] = section;
  record["attendanceEvents"].push_back(std::move(event));
}

inline record::Record parsed(const json::Json& json) {
  auto result = record::parse(json);
  if (!result) {
    ADD_FAILURE() << result.error().detail;
    return {};
  }
  return std::move(result).value();
}

}  // namespace fep::test
