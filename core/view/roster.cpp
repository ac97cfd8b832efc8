#include "core/view/roster.h"

#include "core/json/writer.h"
#include "core/record/record.h"

namespace fep::view {

Result<std::string> render_roster(const trust::Bundle& bundle) {
  const auto roster = record::parse_roster(bundle.data());
  if (!roster) return roster.error();
  json::Writer w;
  w.begin_object()
      .key("teacher")
      .begin_object()
      .member("id", roster->teacher_id)
      .member("name", roster->teacher_name)
      .end_object();
  w.member("schoolYear", roster->school_year).key("students").begin_array();
  for (const auto& student : roster->students) {
    w.begin_object()
        .member("id", student.id)
        .member("displayName", student.display_name)
        .member("gradeLevel", student.grade_level);
    w.key("contacts").begin_array();
    for (const auto& c : student.contacts) {
      w.begin_object()
          .member("id", c.id)
          .member("name", c.name)
          .member("relation", c.relation)
          .member("preferredLanguage", c.preferred_language)
          .member("restrictions", c.restrictions)
          .end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return w.take();
}

}  // namespace fep::view
