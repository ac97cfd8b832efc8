#include "hub/demo.h"

#include "core/json/json.h"
#include "hub/admin.h"
#include "hub/auth.h"

namespace fep::hub {
namespace {

using json::Json;

// Another child with the example's school year: the same calendar, courses and teachers, a different
// name, family and attendance (every `keep`-th absence kept, so the rates differ), no contact history.
Json variant(const Json& example, const std::string& id, const std::string& name, const std::string& grade,
             const Json& contacts, int keep) {
  Json record = example;
  record["student"] = {{"id", id}, {"displayName", name}, {"gradeLevel", grade}};
  record["contacts"] = contacts;
  record["contactRecords"] = Json::array();
  Json events = Json::array();
  int index = 0;
  for (const auto& event : example["attendanceEvents"]) {
    if (index++ % keep == 0) events.push_back(event);
  }
  record["attendanceEvents"] = events;
  return record;
}

Json contact(const std::string& id, const std::string& name, const std::string& relation, const std::string& lang) {
  return {{"id", id},          {"name", name},  {"relation", relation},     {"primary", true},
          {"livesWith", true}, {"priority", 1}, {"preferredLanguage", lang}};
}

}  // namespace

Result<std::vector<DemoInvite>> create_demo_school(Store& store, date::sys_seconds now) {
  const auto existing = store.students();
  if (!existing) return existing.error();
  if (!existing->empty()) return Error{ErrorCode::unavailable, "the data folder already holds records"};
  const auto example = json::parse_strict(kExampleRecord);
  if (!example) return example.error();

  const Json& maya = *example;  // stu-7f3a9c, whose family is Rosa (c-mother), Daniel and Lucía
  const std::vector<Json> records = {
      maya,
      variant(maya, "stu-leo", "Leo Hernández", "Fourth grade", maya["contacts"], 2),
      variant(maya, "stu-kofi", "Kofi Mensah", "Seventh grade",
              Json::array({contact("c-ama", "Ama Mensah", "Mother", "en")}), 3),
      variant(maya, "stu-amira", "Amira Haddad", "Seventh grade",
              Json::array({contact("c-samir", "Samir Haddad", "Father", "ar")}), 1),
  };
  for (const auto& record : records) {
    if (auto put = put_record(store, record); !put) return put.error();
  }
  const std::vector<Account> staff = {
      {"t-okafor", "Ms. Okafor", "teacher", {"stu-7f3a9c", "stu-kofi"}},
      {"t-haile", "Mr. Haile", "teacher", {"stu-leo", "stu-amira"}},
      {"s-ruiz", "Mr. Ruiz", "counsellor", {"stu-7f3a9c", "stu-leo", "stu-kofi", "stu-amira"}},
      {"office", "Front office", "admin", {}},
  };
  for (const auto& member : staff) {
    if (auto put = store.put_staff(member); !put) return put.error();
  }
  const std::vector<std::pair<std::string, std::string>> people = {
      {"contact:c-mother", "Rosa Hernández, family of Maya and Leo"},
      {"contact:c-ama", "Ama Mensah, family of Kofi"},
      {"contact:c-samir", "Samir Haddad, family of Amira"},
      {"staff:t-okafor", "Ms. Okafor, teacher of Maya and Kofi"},
      {"staff:t-haile", "Mr. Haile, teacher of Leo and Amira"},
      {"staff:s-ruiz", "Mr. Ruiz, counsellor"},
      {"staff:office", "Front office, administrator"},
  };
  std::vector<DemoInvite> invites;
  for (const auto& [account, who] : people) {
    auto code = create_invite(store, account, kInviteLifetime, now);
    if (!code) return code.error();
    invites.push_back({who, std::move(code).value()});
  }
  return invites;
}

}  // namespace fep::hub
