// The administrator's actions, shared by the command line and the demo school: each checks its input
// the way the core does and leaves the store unchanged when it refuses.
#pragma once

#include <date/date.h>

#include <chrono>
#include <string>

#include "core/import/import.h"
#include "core/json/json.h"
#include "core/result.h"
#include "hub/store.h"

namespace fep::hub {

// Validates a student's record (docs/record-schema.md, as JSON text) and stores it; the student's id.
// A record equal to the one stored is left alone (`changed` false), so its bundle is not re-issued.
Result<std::string> put_record(Store& store, const std::string& record, bool* changed = nullptr);

struct ImportCounts {
  std::size_t records_changed = 0, records_unchanged = 0, staff_changed = 0, staff_unchanged = 0;
  std::vector<Account> staff;        // every staff account the import holds, changed or not
  std::vector<std::string> removed;  // staff an earlier import brought in whom this one no longer holds
};

// An import (core/import) into the store: records and staff accounts, each stored only when it
// differs from what is held, so importing the same data twice re-issues nothing. The export is the
// district's whole truth about its staff: a member an earlier import brought in and this one lacks is
// removed (Store::remove_staff: devices revoked, audited as "import"); staff added by hand stay.
Result<ImportCounts> import_into(Store& store, import::Format format, const std::string& folder,
                                 const import::Options& options, import::Report& report, date::sys_seconds now);

// A one-time invite for an existing account ("contact:<id>" or "staff:<id>"): the code, shown once.
Result<std::string> create_invite(Store& store, const std::string& account, std::chrono::hours lifetime,
                                  date::sys_seconds now);

// An administrator lets a contact the student's record names, without the rights to read it (a
// grandmother who picks up), read it after all; refused without a reason or for a contact the record
// does not name. Audited with the reason.
Status grant_access(Store& store, const AccessGrant& grant);

struct IssuedInvite {
  std::string account, code;
};
// An invite for every family contact (`family`) or every staff member, stored in one transaction: the
// letters a school sends at the start of a year. The codes are shown once.
Result<std::vector<IssuedInvite>> create_invites_for_all(Store& store, bool family, std::chrono::hours lifetime,
                                                         date::sys_seconds now);

}  // namespace fep::hub
