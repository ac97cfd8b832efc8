// What a new school needs first about a student arriving with a record from another district, on one
// card (docs/transfers.md): the chronic-absence history, open interventions, the last contacts with the
// family and what they were about, the grades and the work missing at departure, and the family's
// languages. From a
// verified bundle only; locale-neutral like the family view (codes and ISO dates, no sentences).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/json/json.h"
#include "core/record/record.h"
#include "core/result.h"
#include "core/trust/bundle.h"

namespace fep::view {

struct FirstNeedsOptions {
  record::Day departure;    // the day the card is as of: the student's last day there, or today
  std::string issuer_name;  // as the trust directory names the bundle's issuer
  std::size_t last_contacts = 3;
};

// {issuer, issuerName, student {id, displayName, gradeLevel}, schoolYear, asOf,
//  attendance {daysEnrolled, absentDays, rate, tier, chronicallyAbsent, byMonth [{month, rate}]},
//  openInterventions [{class, purpose, since, staff}], lastContacts [{at, direction, channel, outcome,
//  topics}], grades [{course, letter, numeric}], missingWork [{title, course, due}], languages [{name,
//  relation, preferredLanguage, primary}]}. bad_record if the bundle's record does not parse.
Result<json::Json> first_needs(const trust::Bundle& bundle, const FirstNeedsOptions& options);

}  // namespace fep::view
