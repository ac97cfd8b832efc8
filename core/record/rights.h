// Who may read a student's record through the portal and write to the school as its family
// (docs/hub.md, "Who reads a record"): a parent or legal guardian the record names without
// restrictions. Everyone else on the record (a grandmother who picks up, an emergency contact) is a
// person the school may contact, not a reader; an administrator can grant one access with a reason.
#pragma once

#include <string_view>

#include "core/record/record.h"

namespace fep::record {

// Relations (Ed-Fi RelationDescriptor, OneRoster roles as the import names them) that are a parent
// or a guardian in law. A parent whose rights a court limited is recorded with restrictions.
inline bool is_parent_or_guardian(std::string_view relation) {
  for (const std::string_view parent : {"Mother", "Father", "Parent", "Guardian", "Court appointed guardian"}) {
    if (relation == parent) return true;
  }
  return false;
}

inline bool reads_record(const Contact& contact) {
  return (contact.legal_guardian || is_parent_or_guardian(contact.relation)) && contact.restrictions.empty();
}

}  // namespace fep::record
