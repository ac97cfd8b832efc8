#include "hub/demo.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/import/files.h"
#include "core/json/json.h"
#include "core/record/timestamp.h"
#include "hub/account_id.h"
#include "hub/admin.h"
#include "hub/auth.h"

namespace fep::hub {
namespace {

using json::Json;

// "Maya Hernández and Leo Hernández", "Kofi Mensah".
std::string names_of(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

// The contact log a school kept before the portal, when the export has one (contact-history.json:
// {student id: [contact record, ...]}): put into each student's record, where a record's own contact
// history lives (docs/record-schema.md), so the demo's dashboards have families reached and not.
Status bring_in_contact_history(Store& store, const std::string& folder) {
  const std::string file = folder + "/contact-history.json";
  if (!import::exists(file)) return {};
  const auto text = import::read_file(file);
  if (!text) return text.error();
  const auto history = json::parse_strict(*text);
  if (!history || !history->is_object()) return Error{ErrorCode::malformed, file + ": expected {student: [...]}"};
  for (const auto& [student, contacts] : history->items()) {
    const auto stored = store.record(student);
    if (!stored) return stored.error();
    if (!stored->has_value()) continue;
    auto parsed = json::parse_strict(**stored);
    if (!parsed) return parsed.error();
    json::Json record = std::move(parsed).value();
    record["contactRecords"] = contacts;
    if (auto put = put_record(store, json::to_text(record)); !put) return put.error();
  }
  return {};
}

}  // namespace

Result<std::vector<DemoInvite>> create_demo_school(Store& store, const std::string& folder, date::sys_seconds now) {
  const auto existing = store.students();
  if (!existing) return existing.error();
  if (!existing->empty()) return Error{ErrorCode::unavailable, "the data folder already holds records"};
  import::Report report;
  import::Options options;
  options.descriptor_map = folder + "/descriptors.json";
  options.as_of = record::timestamp::format_rfc3339(now).substr(0, 10);
  const auto imported = import_into(store, import::Format::edfi, folder, options, report, now);
  if (!imported) return imported.error();
  if (!report.errors.empty() || report.written == 0) {
    return Error{ErrorCode::bad_record, "the demo export does not import cleanly: " + json::to_text(report.to_json())};
  }
  if (auto history = bring_in_contact_history(store, folder); !history) return history.error();
  const auto everyone = store.students();
  if (!everyone) return everyone.error();
  // Who signs in: the families demo.json names (a demo school of hundreds names its few), else all.
  std::set<std::string> signing_in;
  if (import::exists(folder + "/demo.json")) {
    const auto text = import::read_file(folder + "/demo.json");
    if (!text) return text.error();
    const auto listed = json::parse_strict(*text);
    if (!listed || !listed->is_object() || !listed->contains("families") || !(*listed)["families"].is_array())
      return Error{ErrorCode::malformed, "demo.json: expected {\"families\": [contact id, ...]}"};
    for (const auto& id : (*listed)["families"])
      if (id.is_string()) signing_in.insert(id.get<std::string>());
  }
  // Each family's first contact, with the children it sees.
  std::map<std::string, std::pair<std::string, std::vector<std::string>>> families;
  std::vector<std::string> family_order;
  for (const auto& id : *everyone) {
    const auto text = store.record(id);
    if (!text) return text.error();
    const auto record = json::parse_strict(text->value_or("{}"));
    if (!record || !record->is_object() || !record->contains("contacts") || (*record)["contacts"].empty()) continue;
    const auto& contact = (*record)["contacts"][0];
    const std::string contact_id = contact.value("id", "");
    if (!signing_in.empty() && !signing_in.count(contact_id)) continue;
    if (!families.count(contact_id)) family_order.push_back(contact_id);
    auto& family = families[contact_id];
    family.first = contact.value("name", "");
    family.second.push_back((*record)["student"].value("displayName", id));
  }
  std::vector<std::pair<std::string, std::string>> people;  // account, who
  for (const auto& contact : family_order) {
    people.emplace_back(AccountId::contact(contact).text(),
                        families[contact].first + ", family of " + names_of(families[contact].second));
  }
  // Two teachers of the export (one per school) sign in; every teacher has an account.
  for (const auto& account : imported->staff) {
    if (account.name == "Ms. Okafor" || account.name == "Mr. Haile")
      people.emplace_back(AccountId::staff(account.id).text(), account.name + ", teacher");
  }
  for (const Account& extra : {Account{"s-ruiz", "Mr. Ruiz", Role::counsellor, *everyone},
                               Account{"office", "Front office", Role::admin, {}}}) {
    if (auto put = store.put_staff(extra); !put) return put.error();
    people.emplace_back(AccountId::staff(extra.id).text(),
                        extra.name + (extra.role == Role::admin ? ", administrator" : ", counsellor"));
  }
  std::vector<DemoInvite> invites;
  for (const auto& [account, who] : people) {
    auto code = create_invite(store, account, kInviteLifetime, now);
    if (!code) return code.error();
    invites.push_back({account, who, std::move(code).value()});
  }
  return invites;
}

std::string demo_invites_file(const std::vector<DemoInvite>& invites) {
  std::string text;
  for (const auto& invite : invites) text += invite.account + "\t" + invite.code + "\t" + invite.who + "\n";
  return text;
}

std::vector<DemoInvite> parse_demo_invites(const std::string& text) {
  std::vector<DemoInvite> invites;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start);
    const auto first = line.find('\t'), second = line.find('\t', first + 1);
    if (first != std::string::npos && second != std::string::npos)
      invites.push_back({line.substr(0, first), line.substr(second + 1), line.substr(first + 1, second - first - 1)});
    start = end + 1;
  }
  return invites;
}

std::string demo_text(Store& store, const std::vector<DemoInvite>& invites, const std::string& url,
                      const std::string& data, date::sys_seconds now) {
  std::string text = "Demo school: one-time sign-in codes (type one in the page, or open its link):\n";
  std::string family_id, staff_id;  // an example of each for the line on making more
  for (const auto& invite : invites) {
    const auto named = AccountId::parse(invite.account).value_or(AccountId{});
    const bool family = named.is_contact();
    const std::string& id = named.id;
    std::string& example = family ? family_id : staff_id;
    if (example.empty()) example = id;
    const auto usable = store.invite_usable(invite_hash(invite.code), now);
    const bool used = usable && !*usable;
    text += "  " + invite.code + (used ? "  (used)" : "") + "  " + invite.who + "  [" +
            (family ? "--contact " : "--staff ") + id + "]\n";
    if (!used) text += "    " + url + "#invite=" + invite.code + "\n";
  }
  return text + "A code works once. Make another with the id in brackets:\n  scripts/fep-hub invite --data " + data +
         " --contact " + (family_id.empty() ? "ID" : family_id) + "   (or --staff " +
         (staff_id.empty() ? "ID" : staff_id) + ")\n";
}

}  // namespace fep::hub
