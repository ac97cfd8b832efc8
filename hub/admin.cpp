#include "hub/admin.h"

#include "core/record/record.h"
#include "hub/auth.h"

namespace fep::hub {

Result<std::string> put_record(Store& store, const json::Json& record) {
  const auto parsed = record::parse(record);
  if (!parsed) return parsed.error();
  std::vector<std::string> contacts;
  for (const auto& contact : parsed->contacts) contacts.push_back(contact.id);
  if (auto put = store.put_record(parsed->student.id, record.dump(), contacts); !put) return put.error();
  return parsed->student.id;
}

Result<std::string> create_invite(Store& store, const std::string& account, std::chrono::hours lifetime,
                                  date::sys_seconds now) {
  const auto known = store.account(account);
  if (!known) return known.error();
  if (!known->has_value()) return Error{ErrorCode::unavailable, "no such account: " + account};
  std::string code = new_invite_code();
  if (auto added = store.add_invite(invite_hash(code), account, now + lifetime); !added) return added.error();
  return code;
}

}  // namespace fep::hub
