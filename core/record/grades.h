// Grades and assignments per course, missing work, and what changed since the family last looked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/record/record.h"

namespace fep::record::grades {

using record::Day;

// One status per assignment, the first that applies, in this order:
//   exempt     the result says Exempt;
//   missing    not submitted (no result, Not Submitted, or no status and no score) and due before today;
//   late       submitted or graded, marked Late;
//   graded     has a score, letter or numeric grade, or is Graded/Returned;
//   submitted  handed in, not graded yet;
//   upcoming   not submitted, due today or later (or no due date).
enum class Status : std::uint8_t { exempt, missing, late, graded, submitted, upcoming };

struct Assignment {
  const record::GradebookEntry* entry = nullptr;
  const record::StudentGradebookEntry* result = nullptr;  // null when the student has none
  Status status = Status::upcoming;
  bool is_new = false;  // result updated after the family last looked
};

struct PeriodGrade {
  const record::GradingPeriod* period = nullptr;
  const record::Grade* grade = nullptr;
};

// A course across every section the student took it in: a transfer changes the section (school,
// teacher, period), never the course's history.
struct Course {
  const record::Course* course = nullptr;
  std::vector<const record::Section*> sections;  // in record order; the last is the current one
  const record::Grade* current = nullptr;        // the CurrentGradeIndicator grade with the latest as-of date
  std::vector<PeriodGrade> by_period;            // grading-period grades from every section, in period order
  std::vector<Assignment> assignments;           // missing first, then by due date
  int missing = 0;
  int new_items = 0;  // grades and results updated since last viewed
};

struct Summary {
  std::vector<Course> courses;      // in the class-period order of their current sections
  std::vector<Assignment> missing;  // across all courses, oldest due date first
  int new_items = 0;
};

// `last_viewed` is when the family last looked (nullopt: never), compared with each item's updatedAt. The summary
// points into `record`, which must outlive it (hence no temporaries).
Summary summarize(const record::Record& record, Day today, std::optional<date::sys_seconds> last_viewed);
Summary summarize(record::Record&& record, Day today, std::optional<date::sys_seconds> last_viewed) = delete;

std::string_view to_string(Status status);

}  // namespace fep::record::grades
