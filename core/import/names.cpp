#include "core/import/names.h"

#include <date/date.h>

#include "core/record/timestamp.h"

namespace fep::import {
namespace {

template <std::size_t N>
std::string lookup(const std::pair<std::string_view, std::string_view> (&table)[N], std::string_view key) {
  for (const auto& [from, to] : table) {
    if (from == key) return std::string(to);
  }
  return {};
}

constexpr std::pair<std::string_view, std::string_view> kGrades[] = {{"IT", "Infant/toddler"},
                                                                     {"PR", "Preschool/Prekindergarten"},
                                                                     {"PK", "Preschool/Prekindergarten"},
                                                                     {"TK", "Transitional Kindergarten"},
                                                                     {"KG", "Kindergarten"},
                                                                     {"01", "First grade"},
                                                                     {"02", "Second grade"},
                                                                     {"03", "Third grade"},
                                                                     {"04", "Fourth grade"},
                                                                     {"05", "Fifth grade"},
                                                                     {"06", "Sixth grade"},
                                                                     {"07", "Seventh grade"},
                                                                     {"08", "Eighth grade"},
                                                                     {"09", "Ninth grade"},
                                                                     {"10", "Tenth grade"},
                                                                     {"11", "Eleventh grade"},
                                                                     {"12", "Twelfth grade"},
                                                                     {"13", "Grade 13"},
                                                                     {"PS", "Postsecondary"},
                                                                     {"UG", "Ungraded"},
                                                                     {"Other", "Other"}};

constexpr std::pair<std::string_view, std::string_view> kStaffRoles[] = {{"teacher", "teacher"},
                                                                         {"aide", "teacher"},
                                                                         {"counselor", "counsellor"},
                                                                         {"administrator", "admin"},
                                                                         {"principal", "admin"},
                                                                         {"siteAdministrator", "admin"},
                                                                         {"districtAdministrator", "admin"}};

constexpr std::pair<std::string_view, std::string_view> kRelations[] = {
    {"parent", "Parent"}, {"guardian", "Guardian"}, {"relative", "Relative"}};

constexpr std::pair<std::string_view, std::string_view> kSexes[] = {
    {"female", "Female"}, {"male", "Male"}, {"other", "Non-binary"}, {"unspecified", "Not selected"}};

constexpr std::pair<std::string_view, std::string_view> kScoreStatuses[] = {{"exempt", "Exempt"},
                                                                            {"fully graded", "Graded"},
                                                                            {"partially graded", "Submitted"},
                                                                            {"submitted", "Submitted"},
                                                                            {"not submitted", "Not Submitted"}};

constexpr std::string_view kCategories[] = {"In Attendance",   "Excused Absence", "Unexcused Absence", "Tardy",
                                            "Early departure", "Partial",         "Suspension"};

}  // namespace

std::string grade_level_name(std::string_view code) { return lookup(kGrades, code); }
std::string staff_role_of(std::string_view role) { return lookup(kStaffRoles, role); }
std::string relation_name(std::string_view role) { return lookup(kRelations, role); }
std::string sex_name(std::string_view sex) { return lookup(kSexes, sex); }
std::string submission_status(std::string_view score_status) { return lookup(kScoreStatuses, score_status); }

bool is_attendance_category(std::string_view name) {
  for (const auto category : kCategories) {
    if (category == name) return true;
  }
  return false;
}

std::map<std::string, std::string> weekdays(const std::string& begin, const std::string& end) {
  std::map<std::string, std::string> days;
  const auto first = record::timestamp::parse_date(begin);
  const auto last = record::timestamp::parse_date(end);
  if (!first || !last) return days;
  for (date::sys_days day = *first; day <= *last; day += date::days{1}) {
    const date::weekday weekday{day};
    if (weekday == date::Saturday || weekday == date::Sunday) continue;
    const date::year_month_day ymd{day};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    days.emplace(text, "Instructional day");
  }
  return days;
}

}  // namespace fep::import
