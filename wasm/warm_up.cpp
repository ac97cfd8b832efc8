#include "warm_up.h"

#include <chrono>
#include <string>

#include "core/jose/jwk.h"
#include "core/jose/jws.h"
#include "core/json/writer.h"
#include "core/record/timestamp.h"
#include "core/trust/open.h"
#include "core/trust/profile.h"
#include "core/view/family.h"

namespace fep::wasm {
namespace {

constexpr std::int64_t kIssuedAt = 1'780'000'000;  // 2026-05-28: any fixed time inside the bundle's window

// A synthetic year shaped like a real one (a school calendar, eight courses of assignments with
// results, attendance events, contact records), about a third of the example year's size: enough for
// V8 to compile and optimise the hot functions before the real bundle arrives.
void write_synthetic_record(json::Writer& w) {
  w.begin_object().key("student").begin_object().member("id", "warm-up").member("displayName", "Warm-up").end_object();
  w.member("schoolYear", 2026).key("schools").begin_array().begin_object().member("id", "s").member("name", "School");
  w.key("calendarDates").begin_array();
  const auto first_day = date::sys_days{date::year{2025} / 9 / 1};
  for (int i = 0; i < 180; ++i) {
    w.begin_object()
        .member("date", record::timestamp::format_date(first_day + date::days{i}))
        .member("event", "Instructional day")
        .end_object();
  }
  w.end_array().end_object().end_array();
  w.key("enrollments")
      .begin_array()
      .begin_object()
      .member("schoolId", "s")
      .member("entryDate", "2025-09-01")
      .end_object()
      .end_array();
  w.key("courses").begin_array();
  for (int c = 0; c < 8; ++c)
    w.begin_object().member("id", "c" + std::to_string(c)).member("title", "Course").end_object();
  w.end_array().key("sections").begin_array();
  for (int c = 0; c < 8; ++c) {
    w.begin_object()
        .member("id", "x" + std::to_string(c))
        .member("courseId", "c" + std::to_string(c))
        .member("schoolId", "s")
        .member("classPeriod", c + 1)
        .end_object();
  }
  w.end_array().key("attendanceEvents").begin_array();
  for (int i = 0; i < 20; ++i) {
    w.begin_object()
        .member("schoolId", "s")
        .member("date", record::timestamp::format_date(first_day + date::days{i * 7}))
        .member("descriptor", i % 3 ? "Tardy" : "Excused Absence")
        .end_object();
  }
  w.end_array().key("gradebookEntries").begin_array();
  for (int i = 0; i < 120; ++i) {
    w.begin_object()
        .member("id", "g" + std::to_string(i))
        .member("sectionId", "x" + std::to_string(i % 8))
        .member("title", "Assignment \u00e9 " + std::to_string(i))
        .member("dueDate", record::timestamp::format_date(first_day + date::days{i}))
        .member("maxPoints", 20.0)
        .end_object();
  }
  w.end_array().key("studentGradebookEntries").begin_array();
  for (int i = 0; i < 100; ++i) {
    w.begin_object()
        .member("gradebookEntryId", "g" + std::to_string(i))
        .member("pointsEarned", 17.5)
        .member("submissionStatus", "Graded")
        .end_object();
  }
  w.end_array().key("contactRecords").begin_array();
  for (int i = 0; i < 10; ++i) {
    w.begin_object()
        .member("id", "r" + std::to_string(i))
        .member("at", record::timestamp::format_rfc3339(record::timestamp::from_epoch(kIssuedAt - 86400 * i)))
        .member("direction", "school_to_family")
        .member("channel", "phone")
        .member("note", "Called \"home\"\n")
        .end_object();
  }
  w.end_array().end_object();
}

}  // namespace

bool warm_up() {
  const auto key = jose::crypto::SecretKey::generate();
  const jose::jwk::PublicKey public_key{jose::jwk::thumbprint(key.public_key()), key.public_key()};
  json::Writer claims(64 * 1024);
  claims.begin_object()
      .member("iss", "https://warm-up.invalid")
      .member("sub", "warm-up")
      .member("jti", "warm-up")
      .member("iat", kIssuedAt)
      .member("nbf", kIssuedAt)
      .member("exp", kIssuedAt + 3600)
      .member("seq", 1)
      .member("ver", 1);
  claims.key("record");
  write_synthetic_record(claims);
  claims.end_object();
  const std::string compact =
      jose::jws::sign(trust::profile::header_json(trust::profile::kTypRecord, public_key.kid), claims.take(), key);

  trust::OpenRequest request;
  request.bundle = compact;
  request.typ = trust::profile::kTypRecord;
  request.keys = {public_key};
  request.now = record::timestamp::from_epoch(kIssuedAt);
  const auto opened = trust::open(request, {});
  if (!opened) return false;
  const view::Options options{date::sys_days{date::year{2026} / 3 / 2}, std::nullopt,
                              record::attendance::Rule::percent_10};
  return view::render(opened->bundle, options).ok() && view::render_summary(opened->bundle, options).ok();
}

}  // namespace fep::wasm
