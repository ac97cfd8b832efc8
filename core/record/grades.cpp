#include "core/record/grades.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace fep::record::grades {
namespace {

using record::SubmissionStatus;

bool has_grade(const record::StudentGradebookEntry& r) { return r.points_earned || r.numeric || !r.letter.empty(); }

Status status_of(const record::GradebookEntry& entry, const record::StudentGradebookEntry* result, Day today) {
  const auto submission = result ? result->submission_status : SubmissionStatus::none;
  if (submission == SubmissionStatus::exempt) return Status::exempt;
  const bool graded = result && (has_grade(*result) || submission == SubmissionStatus::graded ||
                                 submission == SubmissionStatus::returned);
  const bool handed_in = graded || submission == SubmissionStatus::submitted;
  if (!handed_in) return entry.due_date && *entry.due_date < today ? Status::missing : Status::upcoming;
  if (result->late) return Status::late;
  return graded ? Status::graded : Status::submitted;
}

// Missing work first, then by due date (undated last), then by title.
bool assignment_order(const Assignment& a, const Assignment& b) {
  const auto key = [](const Assignment& x) {
    return std::make_tuple(x.status != Status::missing, !x.entry->due_date.has_value(),
                           x.entry->due_date.value_or(Day{}), x.entry->title);
  };
  return key(a) < key(b);
}

}  // namespace

namespace {

// Changed since the family last looked (never looked: nothing is new).
bool is_new(const std::optional<date::sys_seconds>& updated_at, const std::optional<date::sys_seconds>& last_viewed) {
  return updated_at && last_viewed && *updated_at > *last_viewed;
}

}  // namespace

Summary summarize(const record::Record& record, Day today, std::optional<date::sys_seconds> last_viewed) {
  Summary summary;
  std::map<std::string, std::size_t> course_index;  // section id -> index in summary.courses
  std::map<std::string, std::size_t> by_course_id;
  for (const auto& section : record.sections) {
    auto [it, added] = by_course_id.emplace(section.course_id, summary.courses.size());
    if (added) {
      Course course;
      course.course = record.course(section.course_id);
      summary.courses.push_back(std::move(course));
    }
    summary.courses[it->second].sections.push_back(&section);
    course_index[section.id] = it->second;
  }

  for (const auto& grade : record.grades) {
    auto& course = summary.courses[course_index.at(grade.section_id)];
    if (grade.current && (!course.current || grade.as_of >= course.current->as_of)) course.current = &grade;
    if (!grade.grading_period_id.empty() && !grade.current) {
      const auto period = std::find_if(record.grading_periods.begin(), record.grading_periods.end(),
                                       [&](const record::GradingPeriod& p) { return p.id == grade.grading_period_id; });
      course.by_period.push_back({&*period, &grade});
    }
    if (is_new(grade.updated_at, last_viewed)) ++course.new_items;
  }

  std::map<std::string, const record::StudentGradebookEntry*> results;
  for (const auto& result : record.results) results[result.gradebook_entry_id] = &result;
  for (const auto& entry : record.gradebook_entries) {
    auto& course = summary.courses[course_index.at(entry.section_id)];
    const auto found = results.find(entry.id);
    const auto* result = found == results.end() ? nullptr : found->second;
    Assignment assignment{&entry, result, status_of(entry, result, today),
                          result && is_new(result->updated_at, last_viewed)};
    course.missing += assignment.status == Status::missing;
    course.new_items += assignment.is_new;
    if (assignment.status == Status::missing) summary.missing.push_back(assignment);
    course.assignments.push_back(assignment);
  }

  for (auto& course : summary.courses) {
    std::sort(course.assignments.begin(), course.assignments.end(), assignment_order);
    std::sort(course.by_period.begin(), course.by_period.end(),
              [](const PeriodGrade& a, const PeriodGrade& b) { return a.period->begin_date < b.period->begin_date; });
    summary.new_items += course.new_items;
  }
  std::stable_sort(summary.courses.begin(), summary.courses.end(), [](const Course& a, const Course& b) {
    return a.sections.back()->class_period < b.sections.back()->class_period;
  });
  std::stable_sort(summary.missing.begin(), summary.missing.end(), assignment_order);
  return summary;
}

std::string_view to_string(Status status) {
  constexpr std::string_view kNames[] = {"exempt", "missing", "late", "graded", "submitted", "upcoming"};
  return kNames[static_cast<int>(status)];
}

}  // namespace fep::record::grades
