#include "core/import/edfi.h"

#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <set>

#include "core/import/descriptors.h"
#include "core/import/files.h"
#include "core/import/import.h"
#include "core/import/names.h"
#include "core/json/document.h"
#include "core/record/timestamp.h"

namespace fep::import {
namespace {

using json::Json;

using Use = std::function<void(json::Value item, const Origin& origin)>;

// Each element of <resource>.json (the API's JSON array) or <resource>.jsonl (one per line), read with
// the core's own strict parser (json::Document: several times faster than a DOM of maps). False when
// the file is required and missing, or unreadable (reported).
bool each_item(const std::string& folder, const std::string& resource, bool required, Report& report, const Use& use) {
  const std::string lines = folder + "/" + resource + ".jsonl";
  const std::string array = folder + "/" + resource + ".json";
  if (exists(lines)) {
    const auto read = each_line(lines, [&](std::string&& line, std::size_t number) {
      if (line.find_first_not_of(" \t\r\n") == std::string::npos) return;
      const auto item = json::Document::parse(std::move(line));
      if (!item || !item->root().is_object()) {
        report.error({resource + ".jsonl", number, "", "", "", "not a JSON object"});
        return;
      }
      use(item->root(), {resource + ".jsonl", number, ""});
    });
    if (!read) return report.error({resource + ".jsonl", 0, "", "", "", "cannot be read"}), false;
    return true;
  }
  if (!exists(array)) {
    if (required) report.error({resource + ".json", 0, "", "", "", "missing: the import needs " + resource});
    return !required;
  }
  auto text = read_file(array);
  if (!text) return report.error({resource + ".json", 0, "", "", "", text.error().detail}), false;
  const auto items = json::Document::parse(std::move(text).value());
  if (!items || !items->root().is_array()) {
    report.error({resource + ".json", 0, "", "", "", "expected a JSON array, as the API returns"});
    return false;
  }
  std::size_t i = 0;
  for (const json::Value item : items->root().elements()) {
    const std::string pointer = "/" + std::to_string(i++);
    if (!item.is_object()) {
      report.error({resource + ".json", 0, pointer, "", "", "not a JSON object"});
      continue;
    }
    use(item, {resource + ".json", 0, pointer});
  }
  return true;
}

// A member by path ({"schoolReference", "schoolId"}) as text: strings as they are, numbers written
// out (the API's ids are often integers); empty when absent.
std::string get(json::Value item, std::initializer_list<const char*> path) {
  for (const char* name : path) item = item.find(name);
  switch (item.kind()) {
    case json::Value::Kind::string:
      return std::string(item.string());
    case json::Value::Kind::integer:
      return std::to_string(item.integer());
    case json::Value::Kind::number:
      return std::to_string(item.number());
    case json::Value::Kind::boolean:
      return item.boolean() ? "true" : "false";
    default:
      return {};
  }
}

// The elements of the array member `name` (none when it is absent or not an array).
std::vector<json::Value> array_at(json::Value item, const char* name) {
  std::vector<json::Value> out;
  const json::Value array = item.find(name);
  if (array.is_array()) {
    for (const json::Value element : array.elements()) out.push_back(element);
  }
  return out;
}

// A section's identity in every reference to it (Ed-Fi's natural key), as the record's section id.
std::string section_key(json::Value reference, const std::string& identifier = {}) {
  return get(reference, {"schoolId"}) + "/" + get(reference, {"sessionName"}) + "/" +
         get(reference, {"localCourseCode"}) + "/" +
         (identifier.empty() ? get(reference, {"sectionIdentifier"}) : identifier);
}

// A grading period's identity: its name (Data Standard 5.1 and later) or descriptor and sequence (5.0),
// within its school.
std::string period_key(json::Value reference, const std::string& school) {
  std::string name = get(reference, {"gradingPeriodName"});
  if (name.empty()) {
    const auto descriptor = parse_descriptor(get(reference, {"gradingPeriodDescriptor"}));
    name = (descriptor ? descriptor->code_value : std::string()) + " " + get(reference, {"periodSequence"});
  }
  return school + "/" + name;
}

std::optional<double> number_at(json::Value item, const char* name) {
  const json::Value value = item.find(name);
  return value.is_number() ? std::optional<double>(value.number()) : std::nullopt;
}

std::optional<bool> flag_at(json::Value item, const char* name) {
  const json::Value value = item.find(name);
  return value.is_boolean() ? std::optional<bool>(value.boolean()) : std::nullopt;
}

// ISO 639-2/3 language codes of Ed-Fi's LanguageDescriptor to the widget's language tags.
std::string language_tag(const std::string& code) {
  static const std::map<std::string, std::string> tags = {
      {"eng", "en"}, {"spa", "es"}, {"zho", "zh-Hans"}, {"cmn", "zh-Hans"}, {"chi", "zh-Hans"}, {"vie", "vi"},
      {"ara", "ar"}, {"fra", "fr"}, {"fre", "fr"},      {"hat", "ht"},      {"amh", "am"},      {"som", "so"}};
  const auto found = tags.find(code);
  return found == tags.end() ? code : found->second;
}

std::string person_name(json::Value item) {
  std::string first = get(item, {"preferredFirstName"});
  if (first.empty()) first = get(item, {"firstName"});
  const std::string last = get(item, {"lastSurname"});
  return first.empty() ? last : last.empty() ? first : first + " " + last;
}

class EdFi {
 public:
  EdFi(std::string folder, const Options& options, District& district, Report& report)
      : folder_(std::move(folder)), options_(options), d_(district), report_(report) {}

  bool run() {
    auto map = DescriptorMap::load(options_.descriptor_map);
    if (!map) return report_.error({options_.descriptor_map, 0, "", "", "", map.error().detail}), false;
    map_ = std::move(map).value();
    return school_year() && schools() && grading_periods() && calendar() && sections() && staff() && students() &&
           enrollments() && section_enrollments() && attendance() && grades() && gradebook() && contacts() &&
           demographics() && interventions();
  }

 private:
  // The Ed-Fi code value of a descriptor, or empty; an unknown one is reported once per URI.
  std::string value_of(const std::string& uri, const Origin& origin, const char* field) {
    if (uri.empty()) return {};
    if (auto value = map_.ed_fi_value(uri)) return *value;
    if (unknown_.insert(uri).second) {
      report_.warn({origin.file, origin.line, origin.pointer, field, "",
                    "unknown descriptor " + uri + " (add it to the --descriptors mapping file)"});
    }
    return {};
  }

  bool in_year(const std::string& year, const std::string& day) const {
    if (!year.empty()) return year == std::to_string(d_.school_year);
    // Without a school year on the item, its date decides: July 1 to August 31 of the year's span.
    return day >= std::to_string(d_.school_year - 1) + "-07-01" && day <= std::to_string(d_.school_year) + "-08-31";
  }

  bool is_date(const std::string& day, const Origin& origin, const char* field, const std::string& student) {
    if (day.empty() || record::timestamp::parse_date(day)) return true;
    report_.error(
        {origin.file, origin.line, origin.pointer, field, student, "\"" + day + "\" is not a date (YYYY-MM-DD)"});
    if (!student.empty()) d_.refused.insert(student);
    return false;
  }

  StudentData* student_of(json::Value item, const Origin& origin, std::initializer_list<const char*> path) {
    const std::string id = get(item, path);
    const auto found = d_.students.find(id);
    if (found != d_.students.end()) return &found->second;
    report_.warn({origin.file, origin.line, origin.pointer, "studentUniqueId", id, "unknown student " + id});
    return nullptr;
  }

  bool school_year() {
    if (options_.school_year) {
      d_.school_year = options_.school_year;
      return true;
    }
    const bool read =
        each_item(folder_, "studentSchoolAssociations", true, report_, [&](json::Value item, const Origin&) {
          const int year = std::atoi(get(item, {"schoolYearTypeReference", "schoolYear"}).c_str());
          if (year > d_.school_year) d_.school_year = year;
        });
    if (read && !d_.school_year) {
      report_.error({"studentSchoolAssociations.json", 0, "", "schoolYearTypeReference", "",
                     "no school year in the associations: give --year"});
      return false;
    }
    return read;
  }

  bool schools() {
    return each_item(folder_, "schools", true, report_, [&](json::Value item, const Origin&) {
      SchoolData school;
      school.id = get(item, {"schoolId"});
      school.name = get(item, {"nameOfInstitution"});
      d_.schools.emplace(school.id, std::move(school));
    });
  }

  bool grading_periods() {
    return each_item(folder_, "gradingPeriods", false, report_, [&](json::Value item, const Origin& origin) {
      const std::string year = get(item, {"schoolYearTypeReference", "schoolYear"});
      if (!year.empty() && year != std::to_string(d_.school_year)) return;
      const std::string school = get(item, {"schoolReference", "schoolId"});
      const std::string id = period_key(item, school);
      const std::string begin = get(item, {"beginDate"}), end = get(item, {"endDate"});
      if (!is_date(begin, origin, "beginDate", "") || !is_date(end, origin, "endDate", "")) return;
      std::string name = get(item, {"gradingPeriodName"});
      if (name.empty()) name = value_of(get(item, {"gradingPeriodDescriptor"}), origin, "gradingPeriodDescriptor");
      d_.grading_periods[id] = {{"id", id}, {"name", name}, {"beginDate", begin}, {"endDate", end}};
      d_.grading_period_school[id] = school;
    });
  }

  bool calendar() {
    return each_item(folder_, "calendarDates", false, report_, [&](json::Value item, const Origin& origin) {
      const std::string day = get(item, {"date"});
      if (!in_year(get(item, {"calendarReference", "schoolYear"}), day) || !is_date(day, origin, "date", "")) return;
      const auto school = d_.schools.find(get(item, {"calendarReference", "schoolId"}));
      if (school == d_.schools.end()) return;
      const auto events = array_at(item, "calendarEvents");
      if (events.empty()) return;
      const std::string event =
          value_of(get(events[0], {"calendarEventDescriptor"}), origin, "calendarEventDescriptor");
      if (!event.empty()) school->second.calendar[day] = event;
    });
  }

  bool sections() {
    const bool offerings = each_item(folder_, "courseOfferings", false, report_, [&](json::Value item, const Origin&) {
      const std::string code = get(item, {"localCourseCode"});
      std::string title = get(item, {"localCourseTitle"});
      if (title.empty()) title = code;
      d_.courses[code] = {{"id", code}, {"code", get(item, {"courseReference", "courseCode"})}, {"title", title}};
    });
    return offerings && each_item(folder_, "sections", false, report_, [&](json::Value item, const Origin&) {
             const json::Value reference = item.find("courseOfferingReference");
             if (!reference.is_object()) return;
             if (get(reference, {"schoolYear"}) != std::to_string(d_.school_year)) return;
             const std::string id = section_key(reference, get(item, {"sectionIdentifier"}));
             const std::string code = get(reference, {"localCourseCode"});
             if (!d_.courses.count(code)) d_.courses[code] = {{"id", code}, {"code", code}, {"title", code}};
             int period = 0;
             if (const auto periods = array_at(item, "classPeriods"); !periods.empty())
               period = std::atoi(get(periods[0], {"classPeriodReference", "classPeriodName"}).c_str());
             d_.sections[id] = {{"id", id},
                                {"courseId", code},
                                {"schoolId", get(reference, {"schoolId"})},
                                {"teacher", ""},
                                {"classPeriod", period >= 0 && period <= 20 ? period : 0}};
           });
  }

  bool staff() {
    if (!each_item(folder_, "staffs", false, report_, [&](json::Value item, const Origin&) {
          const std::string id = get(item, {"staffUniqueId"});
          const std::string prefix = get(item, {"personalTitlePrefix"});
          const std::string last = get(item, {"lastSurname"});
          d_.staff[id] = {id, prefix.empty() || last.empty() ? person_name(item) : prefix + " " + last, "teacher"};
        }))
      return false;
    return each_item(folder_, "staffSectionAssociations", false, report_, [&](json::Value item, const Origin& origin) {
      const json::Value reference = item.find("sectionReference");
      if (!reference.is_object()) return;
      const std::string section = section_key(reference);
      const auto known = d_.sections.find(section);
      if (known == d_.sections.end()) return;  // another year's section
      const std::string staff_id = get(item, {"staffReference", "staffUniqueId"});
      const auto member = d_.staff.find(staff_id);
      if (member == d_.staff.end()) {
        report_.warn({origin.file, origin.line, origin.pointer, "staffReference", "", "unknown staff " + staff_id});
        return;
      }
      d_.section_staff[section].insert(staff_id);
      if (const std::string end = get(item, {"endDate"}); is_date(end, origin, "endDate", ""))
        note_end(d_.section_staff_ends[section], staff_id, end);
      const std::string position =
          value_of(get(item, {"classroomPositionDescriptor"}), origin, "classroomPositionDescriptor");
      if (known->second["teacher"] == "" || position == "Teacher of Record")
        known->second["teacher"] = member->second.name;
    });
  }

  bool students() {
    return each_item(folder_, "students", true, report_, [&](json::Value item, const Origin& origin) {
      const std::string id = get(item, {"studentUniqueId"});
      if (id.empty()) {
        report_.error({origin.file, origin.line, origin.pointer, "studentUniqueId", "", "a student without an id"});
        return;
      }
      StudentData student;
      student.origin = origin;
      student.student = {{"id", id}, {"displayName", person_name(item)}};
      if (!d_.students.emplace(id, std::move(student)).second) {
        report_.error(
            {origin.file, origin.line, origin.pointer, "studentUniqueId", id, "student " + id + " listed twice"});
        d_.refused.insert(id);
      }
    });
  }

  bool enrollments() {
    return each_item(folder_, "studentSchoolAssociations", true, report_, [&](json::Value item, const Origin& origin) {
      const std::string entry = get(item, {"entryDate"});
      if (!in_year(get(item, {"schoolYearTypeReference", "schoolYear"}), entry)) return;
      StudentData* student = student_of(item, origin, {"studentReference", "studentUniqueId"});
      if (!student) return;
      const std::string id = student->student["id"];
      const std::string exit = get(item, {"exitWithdrawDate"});
      if (!is_date(entry, origin, "entryDate", id) || !is_date(exit, origin, "exitWithdrawDate", id)) return;
      Json enrollment = {{"schoolId", get(item, {"schoolReference", "schoolId"})}, {"entryDate", entry}};
      if (auto type = value_of(get(item, {"entryTypeDescriptor"}), origin, "entryTypeDescriptor"); !type.empty())
        enrollment["entryType"] = type;
      if (!exit.empty()) enrollment["exitWithdrawDate"] = exit;
      if (auto type = value_of(get(item, {"exitWithdrawTypeDescriptor"}), origin, "exitWithdrawTypeDescriptor");
          !type.empty())
        enrollment["exitWithdrawType"] = type;
      if (auto grade = value_of(get(item, {"entryGradeLevelDescriptor"}), origin, "entryGradeLevelDescriptor");
          !grade.empty())
        student->student["gradeLevel"] = grade;
      student->enrollments.push_back(std::move(enrollment));
    });
  }

  bool section_enrollments() {
    return each_item(folder_, "studentSectionAssociations", false, report_,
                     [&](json::Value item, const Origin& origin) {
                       const json::Value reference = item.find("sectionReference");
                       if (!reference.is_object() || !d_.sections.count(section_key(reference))) return;
                       StudentData* student = student_of(item, origin, {"studentReference", "studentUniqueId"});
                       if (!student) return;
                       student->sections.insert(section_key(reference));
                       const std::string id = student->student["id"];
                       if (const std::string end = get(item, {"endDate"}); is_date(end, origin, "endDate", id))
                         note_end(student->section_ends, section_key(reference), end);
                     });
  }

  // One attendance event; `section` empty for a school-level event.
  void attendance_event(json::Value item, const Origin& origin, const std::string& school, const std::string& section,
                        const std::string& year) {
    const std::string day = get(item, {"eventDate"});
    if (!in_year(year, day)) return;
    StudentData* student = student_of(item, origin, {"studentReference", "studentUniqueId"});
    if (!student) return;
    const std::string id = student->student["id"];
    if (!is_date(day, origin, "eventDate", id)) return;
    const std::string uri = get(item, {"attendanceEventCategoryDescriptor"});
    const std::string category = map_.ed_fi_value(uri).value_or("");
    if (!is_attendance_category(category)) {
      // Counting an absence wrongly is worse than not showing the student: the student waits for the mapping.
      report_.error({origin.file, origin.line, origin.pointer, "attendanceEventCategoryDescriptor", id,
                     "\"" + uri + "\" is not an attendance category Ed-Fi or the mapping file knows"});
      d_.refused.insert(id);
      return;
    }
    const auto descriptor = parse_descriptor(uri);
    d_.attendance_descriptors[descriptor->code_value] = category;
    d_.add_attendance(
        id, d_.attendance_row(school, section, day, descriptor->code_value, get(item, {"attendanceEventReason"}),
                              number_at(item, "eventDuration").value_or(0)));
  }

  bool attendance() {
    return each_item(folder_, "studentSchoolAttendanceEvents", false, report_,
                     [&](json::Value item, const Origin& origin) {
                       attendance_event(item, origin, get(item, {"schoolReference", "schoolId"}), "",
                                        get(item, {"sessionReference", "schoolYear"}));
                     }) &&
           each_item(
               folder_, "studentSectionAttendanceEvents", false, report_, [&](json::Value item, const Origin& origin) {
                 const json::Value reference = item.find("sectionReference");
                 if (!reference.is_object()) return;
                 const std::string section = section_key(reference);
                 if (!d_.sections.count(section)) return;
                 attendance_event(item, origin, get(reference, {"schoolId"}), section, get(reference, {"schoolYear"}));
               });
  }

  bool grades() {
    return each_item(folder_, "grades", false, report_, [&](json::Value item, const Origin& origin) {
      const json::Value association = item.find("studentSectionAssociationReference");
      if (!association.is_object()) return;
      const std::string section = section_key(association);
      if (!d_.sections.count(section)) return;
      StudentData* student = student_of(item, origin, {"studentSectionAssociationReference", "studentUniqueId"});
      if (!student) return;
      Json grade = {{"sectionId", section},
                    {"gradeType", value_of(get(item, {"gradeTypeDescriptor"}), origin, "gradeTypeDescriptor")}};
      if (const json::Value period = item.find("gradingPeriodReference"); period.is_object()) {
        const std::string id = period_key(period, get(period, {"schoolId"}));
        if (d_.grading_periods.count(id)) grade["gradingPeriodId"] = id;
      }
      if (auto letter = get(item, {"letterGradeEarned"}); !letter.empty()) grade["letter"] = letter;
      if (const auto numeric = number_at(item, "numericGradeEarned")) grade["numeric"] = *numeric;
      if (const auto current = flag_at(item, "currentGradeIndicator")) grade["current"] = *current;
      if (auto as_of = get(item, {"currentGradeAsOfDate"}); !as_of.empty()) grade["asOf"] = as_of;
      student->grades.push_back(std::move(grade));
    });
  }

  bool gradebook() {
    std::map<std::string, std::string> entry_ids;  // namespace#identifier -> the record's entry id
    if (!each_item(folder_, "gradebookEntries", false, report_, [&](json::Value item, const Origin& origin) {
          const json::Value reference = item.find("sectionReference");
          if (!reference.is_object() || !d_.sections.count(section_key(reference))) return;
          const std::string id = get(item, {"gradebookEntryIdentifier"});
          entry_ids[get(item, {"namespace"}) + "#" + id] = id;
          Json entry = {{"id", id}, {"sectionId", section_key(reference)}, {"title", get(item, {"title"})}};
          if (auto type = value_of(get(item, {"gradebookEntryTypeDescriptor"}), origin, "gradebookEntryTypeDescriptor");
              !type.empty())
            entry["type"] = type;
          for (const char* field : {"dateAssigned", "dueDate"}) {
            const std::string day = get(item, {field});
            if (!day.empty() && is_date(day, origin, field, "")) entry[field] = day;
          }
          if (const auto max = number_at(item, "maxPoints")) entry["maxPoints"] = *max;
          if (const json::Value period = item.find("gradingPeriodReference"); period.is_object()) {
            const std::string period_id = period_key(period, get(period, {"schoolId"}));
            if (d_.grading_periods.count(period_id)) entry["gradingPeriodId"] = period_id;
          }
          d_.gradebook_entries[id] = std::move(entry);
        }))
      return false;
    std::set<std::string> inferred;  // students whose sections were taken from their results
    return each_item(folder_, "studentGradebookEntries", false, report_, [&](json::Value item, const Origin& origin) {
      const std::string key = get(item, {"gradebookEntryReference", "namespace"}) + "#" +
                              get(item, {"gradebookEntryReference", "gradebookEntryIdentifier"});
      const auto entry = entry_ids.find(key);
      if (entry == entry_ids.end()) return;  // another year's, or another section's
      std::string student_id = get(item, {"studentReference", "studentUniqueId"});
      if (student_id.empty()) student_id = get(item, {"studentSectionAssociationReference", "studentUniqueId"});
      const auto student = d_.students.find(student_id);
      if (student == d_.students.end()) return;
      // Data Standard 5 ties a result to the student and the gradebook entry, not to an enrollment in
      // the section: an export without studentSectionAssociations still says the student takes the
      // entry's section. Said once per student, not once per result.
      const std::string section = d_.gradebook_entries[entry->second].value("sectionId", "");
      if (!section.empty() && student->second.sections.insert(section).second && inferred.insert(student_id).second) {
        report_.warn({origin.file, origin.line, origin.pointer, "studentSectionAssociationReference", student_id,
                      "no studentSectionAssociation for a section with results: its sections taken from the "
                      "gradebook entries"});
      }
      Json result = {{"gradebookEntryId", entry->second}};
      if (const auto points = number_at(item, "pointsEarned")) result["pointsEarned"] = *points;
      if (auto letter = get(item, {"letterGradeEarned"}); !letter.empty()) result["letter"] = letter;
      if (const auto numeric = number_at(item, "numericGradeEarned")) result["numeric"] = *numeric;
      if (auto status = value_of(get(item, {"submissionStatusDescriptor"}), origin, "submissionStatusDescriptor");
          !status.empty())
        result["submissionStatus"] = status;
      if (value_of(get(item, {"assignmentLateStatusDescriptor"}), origin, "assignmentLateStatusDescriptor") == "Late")
        result["lateStatus"] = "Late";
      if (auto day = get(item, {"dateFulfilled"}); !day.empty() && is_date(day, origin, "dateFulfilled", student_id))
        result["dateFulfilled"] = day;
      student->second.results.push_back(std::move(result));
    });
  }

  bool contacts() {
    std::map<std::string, Json> people;
    if (!each_item(folder_, "contacts", false, report_, [&](json::Value item, const Origin& origin) {
          const std::string id = get(item, {"contactUniqueId"});
          Json contact = {{"id", id}, {"name", person_name(item)}};
          if (const auto languages = array_at(item, "languages"); !languages.empty()) {
            const auto language = parse_descriptor(get(languages[0], {"languageDescriptor"}));
            if (language) contact["preferredLanguage"] = language_tag(language->code_value);
          }
          (void)origin;
          people[id] = std::move(contact);
        }))
      return false;
    return each_item(
        folder_, "studentContactAssociations", false, report_, [&](json::Value item, const Origin& origin) {
          const std::string id = get(item, {"contactReference", "contactUniqueId"});
          const auto person = people.find(id);
          StudentData* student = student_of(item, origin, {"studentReference", "studentUniqueId"});
          if (!student) return;
          if (person == people.end()) {
            report_.warn({origin.file, origin.line, origin.pointer, "contactReference", student->student["id"],
                          "unknown contact " + id});
            return;
          }
          Json contact = person->second;
          if (auto relation = value_of(get(item, {"relationDescriptor"}), origin, "relationDescriptor");
              !relation.empty())
            contact["relation"] = relation;
          for (const auto& [from, to] : {std::pair<const char*, const char*>{"primaryContactStatus", "primary"},
                                         {"livesWith", "livesWith"},
                                         {"emergencyContactStatus", "emergency"},
                                         {"legalGuardian", "legalGuardian"}}) {
            if (const auto flag = flag_at(item, from)) contact[to] = *flag;
          }
          if (const json::Value priority = item.find("contactPriority"); priority.is_integer())
            contact["priority"] = priority.integer();
          if (auto restrictions = get(item, {"contactRestrictions"}); !restrictions.empty())
            contact["restrictions"] = restrictions;
          student->contacts.push_back(std::move(contact));
        });
  }

  // Demographics for dashboards (never shown in a family's view): sex, races, ethnicity, English
  // learner, disability, economic disadvantage, home language.
  bool demographics() {
    return each_item(
        folder_, "studentEducationOrganizationAssociations", false, report_,
        [&](json::Value item, const Origin& origin) {
          StudentData* student = student_of(item, origin, {"studentReference", "studentUniqueId"});
          if (!student) return;
          Json out = student->demographics.is_object() ? student->demographics : Json::object();
          if (auto sex = value_of(get(item, {"sexDescriptor"}), origin, "sexDescriptor"); !sex.empty())
            out["sex"] = sex;
          if (const auto hispanic = flag_at(item, "hispanicLatinoEthnicity"))
            out["hispanicLatinoEthnicity"] = *hispanic;
          Json races = Json::array();
          for (const auto& race : array_at(item, "races")) {
            if (auto value = value_of(get(race, {"raceDescriptor"}), origin, "raceDescriptor"); !value.empty())
              races.push_back(value);
          }
          out["races"] = races;
          const std::string proficiency = value_of(get(item, {"limitedEnglishProficiencyDescriptor"}), origin,
                                                   "limitedEnglishProficiencyDescriptor");
          if (!proficiency.empty()) out["englishLearner"] = proficiency == "Limited";
          if (item.find("disabilities").exists()) out["disability"] = !array_at(item, "disabilities").empty();
          bool disadvantaged = false;
          for (const auto& trait : array_at(item, "studentCharacteristics")) {
            disadvantaged |= value_of(get(trait, {"studentCharacteristicDescriptor"}), origin,
                                      "studentCharacteristicDescriptor") == "Economic Disadvantaged";
          }
          out["economicallyDisadvantaged"] = disadvantaged;
          // Digital equity: internet at home as reported; a learning device when one is provided.
          if (const auto internet = flag_at(item, "internetAccessInResidence")) out["internetAccess"] = *internet;
          const std::string provider = value_of(get(item, {"primaryLearningDeviceProviderDescriptor"}), origin,
                                                "primaryLearningDeviceProviderDescriptor");
          if (provider == "School" || provider == "Personal") out["deviceAccess"] = true;
          for (const auto& language : array_at(item, "languages")) {
            for (const auto& use : array_at(language, "uses")) {
              if (value_of(get(use, {"languageUseDescriptor"}), origin, "languageUseDescriptor") == "Home language") {
                const auto code = parse_descriptor(get(language, {"languageDescriptor"}));
                if (code) out["homeLanguage"] = language_tag(code->code_value);
              }
            }
          }
          student->demographics = std::move(out);
        });
  }

  bool interventions() {
    std::map<std::string, Json> known;  // educationOrganizationId/code -> the record's intervention
    if (!each_item(folder_, "interventions", false, report_, [&](json::Value item, const Origin& origin) {
          const std::string code = get(item, {"interventionIdentificationCode"});
          Json intervention = {
              {"id", code},
              {"class", value_of(get(item, {"interventionClassDescriptor"}), origin, "interventionClassDescriptor")},
              {"beginDate", get(item, {"beginDate"})}};
          if (auto purpose = get(item, {"purposeDescription"}); !purpose.empty()) intervention["purpose"] = purpose;
          if (auto end = get(item, {"endDate"}); !end.empty()) intervention["endDate"] = end;
          Json staff = Json::array();
          for (const auto& member : array_at(item, "staffs")) {
            const auto found = d_.staff.find(get(member, {"staffReference", "staffUniqueId"}));
            if (found != d_.staff.end()) staff.push_back(found->second.name);
          }
          intervention["staff"] = staff;
          known[get(item, {"educationOrganizationReference", "educationOrganizationId"}) + "/" + code] = intervention;
        }))
      return false;
    return each_item(
        folder_, "studentInterventionAssociations", false, report_, [&](json::Value item, const Origin& origin) {
          const auto intervention = known.find(get(item, {"interventionReference", "educationOrganizationId"}) + "/" +
                                               get(item, {"interventionReference", "interventionIdentificationCode"}));
          StudentData* student = student_of(item, origin, {"studentReference", "studentUniqueId"});
          if (!student || intervention == known.end()) return;
          student->interventions.push_back(intervention->second);
        });
  }

  std::string folder_;
  const Options& options_;
  District& d_;
  Report& report_;
  DescriptorMap map_;
  std::set<std::string> unknown_;
};

}  // namespace

bool read_edfi(const std::string& folder, const Options& options, District& district, Report& report) {
  return EdFi(folder, options, district, report).run();
}

}  // namespace fep::import
