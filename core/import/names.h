// The SIS vocabularies an import translates, each by an explicit table: grade levels, roles,
// relations, sex, races, submission statuses. Nothing is classified by substring.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace fep::import {

// CEDS grade codes (OneRoster "grades": "KG", "01".."13", "PK"...) to Ed-Fi GradeLevelDescriptor
// code values ("Kindergarten", "First grade"...); empty when unknown.
std::string grade_level_name(std::string_view code);
// OneRoster roles to the hub's staff roles (teacher, counsellor, admin); empty for anyone else.
std::string staff_role_of(std::string_view role);
// OneRoster guardian roles to a relation shown to staff ("Parent", "Guardian", "Relative").
std::string relation_name(std::string_view role);
// OneRoster sex ("female", "male", "other", "unspecified") to Ed-Fi SexDescriptor code values.
std::string sex_name(std::string_view sex);
// OneRoster demographics race columns and the Ed-Fi RaceDescriptor code value each stands for.
inline constexpr std::pair<std::string_view, std::string_view> kOneRosterRaces[] = {
    {"americanIndianOrAlaskaNative", "American Indian or Alaska Native"},
    {"asian", "Asian"},
    {"blackOrAfricanAmerican", "Black or African American"},
    {"nativeHawaiianOrOtherPacificIslander", "Native Hawaiian or Other Pacific Islander"},
    {"white", "White"},
};
// OneRoster scoreStatus to Ed-Fi SubmissionStatusDescriptor code values; empty when unknown.
std::string submission_status(std::string_view score_status);
// Whether `name` is one of the record schema's attendance categories (Ed-Fi's, plus Suspension).
bool is_attendance_category(std::string_view name);
// Every weekday from `begin` to `end` (YYYY-MM-DD, inclusive) as an Instructional day.
std::map<std::string, std::string> weekdays(const std::string& begin, const std::string& end);

}  // namespace fep::import
