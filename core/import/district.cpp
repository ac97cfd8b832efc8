#include "core/import/district.h"

#include <algorithm>

#include "core/json/document.h"
#include "core/json/writer.h"
#include "core/record/record.h"

namespace fep::import {
namespace {

using json::Json;

const std::string& id_of(const Json& item, const char* member) {
  static const std::string none;
  if (!item.is_object()) return none;
  const auto found = item.find(member);
  return found != item.end() && found->is_string() ? found->get_ref<const std::string&>() : none;
}

// The parts every student of a school (or a section) shares, serialised once.
class SharedParts {
 public:
  explicit SharedParts(const District& district) : district_(district) {}

  const std::string& school(const std::string& id) {
    auto [it, fresh] = schools_.try_emplace(id);
    if (!fresh) return it->second;
    const auto school = district_.schools.find(id);
    json::Writer w;
    w.begin_object().member("id", id).member("name", school == district_.schools.end() ? id : school->second.name);
    w.key("calendarDates").begin_array();
    if (school != district_.schools.end()) {
      for (const auto& [date, event] : school->second.calendar)
        w.begin_object().member("date", date).member("event", event).end_object();
    }
    w.end_array().end_object();
    return it->second = w.take();
  }

  const std::string& dump(std::map<std::string, std::string>& cache, const std::string& id, const Json& item) {
    auto [it, fresh] = cache.try_emplace(id);
    if (fresh) it->second = item.dump();
    return it->second;
  }

  std::map<std::string, std::string> sections, courses, periods, entries;

 private:
  const District& district_;
  std::map<std::string, std::string> schools_;
};

// Items that name a section (or a gradebook entry) the student is not enrolled in: the source
// contradicts itself, so the item is left out with a warning rather than the whole student.
bool enrolled(const std::string& id, const std::set<std::string>& known, const StudentData& data, const char* what,
              const char* field, Report& report) {
  if (id.empty() || known.count(id)) return true;
  report.warn({data.origin.file, data.origin.line, data.origin.pointer, field, id_of(data.student, "id"),
               std::string(what) + " for " + id + ", which the student is not enrolled in, is left out"});
  return false;
}

void items(json::Writer& w, const char* name, const std::vector<Json>& list) {
  w.key(name).begin_array();
  for (const auto& item : list) w.value(item);
  w.end_array();
}

// One student's record as JSON text: the district's shared data narrowed to the student's schools
// and sections.
std::string record_of(const District& district, const StudentData& data, SharedParts& shared, Report& report) {
  std::set<std::string> school_ids, course_ids, entry_ids;
  for (const auto& enrollment : data.enrollments) school_ids.insert(id_of(enrollment, "schoolId"));
  json::Writer w(64 * 1024);
  w.begin_object().key("student").value(data.student).member("schoolYear", district.school_year);
  w.key("schools").begin_array();
  for (const auto& id : school_ids) w.raw(shared.school(id));
  w.end_array();
  items(w, "enrollments", data.enrollments);
  w.key("attendanceDescriptors").begin_object();
  for (const auto& [code, category] : district.attendance_descriptors) w.member(code, category);
  w.end_object();
  w.key("attendanceEvents").begin_array();
  for (const auto& e : data.attendance_events) {
    const std::string& section = district.names[e.section];
    if (!section.empty() && !enrolled(section, data.sections, data, "an attendance event", "sectionId", report))
      continue;
    w.begin_object().member("schoolId", district.names[e.school]);
    if (!section.empty()) w.member("sectionId", section);
    w.member("date", std::string_view(e.date.data(), e.date.size()))
        .member("descriptor", district.names[e.descriptor])
        .member("reason", e.reason);
    if (e.duration > 0) w.member("duration", static_cast<double>(e.duration));
    w.end_object();
  }
  w.end_array();
  w.key("sections").begin_array();
  for (const auto& id : data.sections) {
    const auto section = district.sections.find(id);
    if (section == district.sections.end()) continue;
    w.raw(shared.dump(shared.sections, id, section->second));
    course_ids.insert(id_of(section->second, "courseId"));
  }
  w.end_array();
  w.key("courses").begin_array();
  for (const auto& id : course_ids) {
    if (const auto course = district.courses.find(id); course != district.courses.end())
      w.raw(shared.dump(shared.courses, id, course->second));
  }
  w.end_array();
  w.key("gradingPeriods").begin_array();
  for (const auto& [id, period] : district.grading_periods) {
    const auto school = district.grading_period_school.find(id);
    if (school == district.grading_period_school.end() || school_ids.count(school->second))
      w.raw(shared.dump(shared.periods, id, period));
  }
  w.end_array();
  w.key("grades").begin_array();
  for (const auto& grade : data.grades) {
    if (enrolled(id_of(grade, "sectionId"), data.sections, data, "a grade", "sectionId", report)) w.value(grade);
  }
  w.end_array();
  w.key("gradebookEntries").begin_array();
  for (const auto& [id, entry] : district.gradebook_entries) {
    if (!data.sections.count(id_of(entry, "sectionId"))) continue;
    w.raw(shared.dump(shared.entries, id, entry));
    entry_ids.insert(id);
  }
  w.end_array();
  w.key("studentGradebookEntries").begin_array();
  for (const auto& result : data.results) {
    if (enrolled(id_of(result, "gradebookEntryId"), entry_ids, data, "a result", "gradebookEntryId", report))
      w.value(result);
  }
  w.end_array();
  items(w, "contacts", data.contacts);
  w.key("contactRecords").begin_array().end_array();
  if (!data.demographics.is_null()) w.key("demographics").value(data.demographics);
  if (!data.interventions.empty()) items(w, "interventions", data.interventions);
  w.end_object();
  return w.take();
}

Status validate(std::string text) {
  auto document = json::Document::parse(std::move(text));
  if (!document) return document.error();
  const auto parsed = record::parse(document->root());
  if (!parsed) return parsed.error();
  return {};
}

}  // namespace

AttendanceRow District::attendance_row(const std::string& school, const std::string& section, std::string_view date,
                                       const std::string& descriptor, std::string reason, double duration) {
  AttendanceRow row;
  row.school = names.intern(school);
  row.section = names.intern(section);
  row.descriptor = names.intern(descriptor);
  std::copy_n(date.data(), std::min(date.size(), row.date.size()), row.date.begin());
  row.duration = static_cast<float>(duration);
  row.reason = std::move(reason);
  return row;
}

namespace {

void put_u32(std::FILE* file, std::uint32_t value) { std::fwrite(&value, sizeof value, 1, file); }
void put_text(std::FILE* file, const std::string& text) {
  put_u32(file, static_cast<std::uint32_t>(text.size()));
  std::fwrite(text.data(), 1, text.size(), file);
}
bool get_u32(std::FILE* file, std::uint32_t& value) { return std::fread(&value, sizeof value, 1, file) == 1; }
bool get_text(std::FILE* file, std::string& text) {
  std::uint32_t size = 0;
  if (!get_u32(file, size)) return false;
  text.resize(size);
  return std::fread(text.data(), 1, size, file) == size;
}

}  // namespace

std::string District::home_school(const StudentData& student) const {
  const Json* latest = nullptr;
  for (const auto& enrollment : student.enrollments) {
    if (!latest || id_of(enrollment, "entryDate") >= id_of(*latest, "entryDate")) latest = &enrollment;
  }
  return latest ? id_of(*latest, "schoolId") : std::string();
}

void District::add_attendance(const std::string& student, AttendanceRow row) {
  const auto found = students.find(student);
  if (found == students.end()) return;
  auto& file = spill_[home_school(found->second)];
  if (!file) file.reset(std::tmpfile());
  if (!file) {  // no temporary file: keep the row in memory instead
    found->second.attendance_events.push_back(std::move(row));
    return;
  }
  put_text(file.get(), student);
  for (const std::uint32_t value : {row.school, row.section, row.descriptor}) put_u32(file.get(), value);
  std::fwrite(row.date.data(), 1, row.date.size(), file.get());
  std::fwrite(&row.duration, sizeof row.duration, 1, file.get());
  put_text(file.get(), row.reason);
}

void District::load_attendance(const std::string& school) {
  const auto found = spill_.find(school);
  if (found == spill_.end() || !found->second) return;
  std::FILE* file = found->second.get();
  std::rewind(file);
  std::string student;
  for (AttendanceRow row; get_text(file, student);) {
    if (!(get_u32(file, row.school) && get_u32(file, row.section) && get_u32(file, row.descriptor) &&
          std::fread(row.date.data(), 1, row.date.size(), file) == row.date.size() &&
          std::fread(&row.duration, sizeof row.duration, 1, file) == 1 && get_text(file, row.reason)))
      break;
    const auto owner = students.find(student);
    if (owner != students.end()) owner->second.attendance_events.push_back(row);
  }
  spill_.erase(found);  // closes (and so deletes) the temporary file
}

namespace {

// Frees a vector's memory (`v = {}` keeps its capacity).
template <class T>
void release(std::vector<T>& items) {
  std::vector<T>().swap(items);
}

// One student's record: made, checked, handed to the sink; then the student's bulk is released.
void build_one(const District& district, const std::string& id, StudentData& data, SharedParts& shared, Report& report,
               const RecordSink& sink, Imported& out, std::set<std::string>& valid,
               std::map<std::string, Json>& roster_entries) {
  if (district.refused.count(id)) {
    release(data.attendance_events);
    return;
  }
  std::string record = record_of(district, data, shared, report);
  // What is written is not needed again; a district's attendance is most of the memory.
  release(data.attendance_events);
  release(data.results);
  release(data.grades);
  if (auto checked = validate(record); !checked) {
    report.error({data.origin.file, data.origin.line, data.origin.pointer, "", id,
                  "the student's record is not valid: " + checked.error().detail});
    return;
  }
  sink(id, std::move(record));
  ++out.records;
  valid.insert(id);
  Json entry = data.student;
  entry["contacts"] = data.contacts;
  roster_entries.emplace(id, std::move(entry));
}

}  // namespace

bool District::ended(const std::string& end, const std::string& latest) const {
  return !end.empty() && !as_of.empty() && end < as_of && (latest.empty() || end < latest);
}

namespace {

// The later of two ends, where "" (no end) is the latest of all.
std::string later(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return {};
  return std::max(a, b);
}

}  // namespace

// The day a student left, once every enrollment has an exit date (empty while one runs).
std::string left_on(const StudentData& data) {
  std::string last;
  for (const auto& enrollment : data.enrollments) {
    const std::string exit = enrollment.value("exitWithdrawDate", "");
    if (exit.empty()) return {};
    last = std::max(last, exit);
  }
  return last;
}

Imported build(District& district, Report& report, const RecordSink& sink) {
  Imported out;
  report.students = district.students.size();
  for (auto& [id, data] : district.students) data.left = left_on(data);  // read before records release data
  SharedParts shared(district);
  std::set<std::string> valid;
  std::map<std::string, Json> roster_entries;  // each valid student as a roster lists them
  // School by school, so only one school's attendance is in memory at a time.
  std::map<std::string, std::vector<std::string>> by_school;
  for (const auto& [id, data] : district.students) by_school[district.home_school(data)].push_back(id);
  for (const auto& [school, ids] : by_school) {
    district.load_attendance(school);
    for (const auto& id : ids) {
      auto& data = district.students.at(id);
      build_one(district, id, data, shared, report, sink, out, valid, roster_entries);
    }
  }
  // Each staff member's students: those in the sections they teach, with their families, while both
  // associations run. What "ended" is compared with: the latest end in each section, and the latest day
  // any student left the district ("" while one is still enrolled).
  std::map<std::string, std::string> latest_in_section;
  std::map<std::string, bool> seen_section;
  std::string latest_left;
  bool first_student = true;
  const auto note_end = [&](const std::string& section, const std::string& end) {
    latest_in_section[section] = seen_section[section] ? later(latest_in_section[section], end) : end;
    seen_section[section] = true;
  };
  for (const auto& [id, data] : district.students) {
    latest_left = first_student ? data.left : later(latest_left, data.left);
    first_student = false;
    for (const auto& section : data.sections) {
      const auto end = data.section_ends.find(section);
      note_end(section, end == data.section_ends.end() ? "" : end->second);
    }
  }
  for (const auto& [section, staff] : district.section_staff) {
    const auto& ends = district.section_staff_ends[section];
    for (const auto& member : staff) {
      const auto end = ends.find(member);
      note_end(section, end == ends.end() ? "" : end->second);
    }
  }
  std::map<std::string, std::set<std::string>> taught;
  for (const auto& [id, data] : district.students) {
    if (!valid.count(id) || district.ended(data.left, latest_left)) continue;
    for (const auto& section : data.sections) {
      const auto staff = district.section_staff.find(section);
      if (staff == district.section_staff.end()) continue;
      const std::string& latest = latest_in_section[section];
      if (const auto end = data.section_ends.find(section);
          end != data.section_ends.end() && district.ended(end->second, latest))
        continue;
      const auto& staff_ends = district.section_staff_ends[section];
      for (const auto& member : staff->second) {
        if (const auto end = staff_ends.find(member); end != staff_ends.end() && district.ended(end->second, latest))
          continue;
        taught[member].insert(id);
      }
    }
  }
  for (const auto& [id, member] : district.staff) {
    Json students = Json::array();
    Json roster_students = Json::array();
    for (const auto& student : taught[id]) {
      students.push_back(student);
      roster_students.push_back(roster_entries.at(student));
    }
    out.staff.push_back({{"id", id}, {"name", member.name}, {"role", member.role}, {"students", students}});
    if (roster_students.empty()) continue;
    out.rosters.emplace(id, Json{{"teacher", {{"id", id}, {"name", member.name}}},
                                 {"schoolYear", district.school_year},
                                 {"students", roster_students}});
  }
  return out;
}

}  // namespace fep::import
