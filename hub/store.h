// The hub's storage, one interface over SQLite (the default, one file) and PostgreSQL (several hub
// processes sharing one database): every method is one transaction, and a method that reports success
// has committed. A failure is `unavailable` (retry later). One implementation serves both databases
// (store_sql.cpp over sql.h); their schema is one description (schema.cpp).
#pragma once

#include <date/date.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "hub/roles.h"

namespace fep::hub {

// Who signs in: staff (teacher, counsellor, admin) or a family contact (a record's contacts[].id).
struct Account {
  std::string id;    // "staff:<id>" or "contact:<id>"
  std::string name;  // shown as a record's author
  Role role = Role::teacher;
  std::vector<std::string> students;  // whom the account may see (staff: roster; family: own children)
};

// A contact a student's record names; `reads`: a parent or legal guardian without restrictions, who
// signs in to read the record (others only with an administrator's grant).
struct FamilyMember {
  std::string id;
  bool reads = false;
};

// An administrator's decision that a contact without the rights may read one student's record.
struct AccessGrant {
  std::string contact, student, reason, actor;
  date::sys_seconds at;
};

struct Device {
  std::string kid;  // RFC 7638 thumbprint of its public key
  std::string jwk;  // the public JWK, JSON text
  std::string account;
  date::sys_seconds enrolled;
  bool revoked = false;
};

struct StoredBundle {
  std::string compact;
  std::int64_t seq = 0;  // 0: never signed yet
  date::sys_seconds expires;
  // Changes to the record or its contact records since it was signed (0: current). A count, not a
  // flag, so a change made while a bundle is being signed is never lost (save_bundle).
  std::int64_t changes = 1;
};

// A contact record as the device signed it, with what the hub decided about it.
struct StoredContact {
  std::string dev, idem, student, account, compact, hash;
  std::int64_t seq = 0;
  bool accepted = false;  // false: kept for the chain, never shown (the reason is in `code`)
  std::string code;
  std::string record_id;            // the contact record's own id (its `id`), which the student's history then uses
  date::sys_seconds received_at{};  // when the hub received it (0: before hubs kept it, schema 7)
};

// A record received from another district for one of this hub's students (docs/transfers.md): the
// original signed bundle and the trust material it was verified with, stored unchanged, never re-signed.
struct StoredTransfer {
  std::string student;      // this hub's student it was received for
  std::string iss, sub;     // the issuing district and its id for the student
  std::int64_t seq = 0;     // the bundle's seq in that district's stream
  std::string issuer_name;  // as the trust directory names the issuer
  std::string sender;       // the account that handed it over
  std::string compact, keyset, revocations;
  date::sys_seconds received;
  bool held = false;  // it names another student: shown only once a staff member confirms it
};

class Store {
 public:
  virtual ~Store() = default;

  // Settings kept with the data: the issuer, published key sets and revocation lists, counters.
  virtual Result<std::optional<std::string>> setting(const std::string& name) = 0;
  virtual Status set_setting(const std::string& name, const std::string& value) = 0;

  // A student's record (JSON text), its family contacts, and the bundle signed from it.
  // `family`: every contact the record names, each saying whether it reads the record
  // (core/record/rights.h); `record_ids`: the ids of the contact records it holds itself.
  virtual Status put_record(const std::string& student, const std::string& record_json,
                            const std::vector<FamilyMember>& family, const std::vector<std::string>& record_ids) = 0;
  virtual Result<std::optional<std::string>> record(const std::string& student) = 0;
  virtual Result<std::vector<std::string>> students() = 0;
  virtual Result<std::optional<StoredBundle>> bundle(const std::string& key) = 0;
  // Each key's signed seq and changes since (StoredBundle's), without the bundles; a key never signed
  // nor changed is absent. For checking many bundles at once (a dashboard's students).
  virtual Result<std::map<std::string, std::pair<std::int64_t, std::int64_t>>> bundle_versions(
      const std::vector<std::string>& keys) = 0;
  // Saves a newly signed bundle if `seq` is exactly one more than the last: two writers, in one process
  // or several, never issue the same seq (false: another writer was first). `changes_seen`: the
  // bundle's `changes` read before its data was read; changes made since stay counted.
  virtual Result<bool> save_bundle(const std::string& key, const StoredBundle& bundle, std::int64_t changes_seen) = 0;

  virtual Status put_staff(const Account& staff) = 0;
  // Off-boarding: the account and its students go, its devices are revoked and its unused invites
  // burnt, all at once, and the audit log says who did it. False: no such staff member.
  virtual Result<bool> remove_staff(const std::string& id, const std::string& actor, date::sys_seconds now) = 0;
  virtual Result<std::optional<Account>> account(const std::string& id) = 0;

  // Every family contact ("contact:<id>") or every staff member ("staff:<id>"), sorted.
  virtual Result<std::vector<std::string>> accounts(bool family) = 0;

  // Invites: stored by the SHA-256 of the code. redeem burns it (once, before it expires).
  struct Invite {
    std::string code_hash, account;
    date::sys_seconds expires;
  };
  virtual Status add_invites(const std::vector<Invite>& invites) = 0;  // all or none
  // Whether the invite with this hash can still be used (unknown, used and expired: false).
  virtual Result<bool> invite_usable(const std::string& code_hash, date::sys_seconds now) = 0;
  Status add_invite(const std::string& code_hash, const std::string& account, date::sys_seconds expires) {
    return add_invites({{code_hash, account, expires}});
  }
  // Enrols `device` (its account left empty) with the invite: burns the code and adds the device
  // in one transaction, so a code is spent only on a device that is enrolled by it. nullopt: the code
  // is unknown, used or expired. Error `bad_key`: the device is already enrolled (the code stays unused).
  virtual Result<std::optional<std::string>> enroll_device(const std::string& code_hash, const Device& device,
                                                           date::sys_seconds now) = 0;

  virtual Result<std::optional<Device>> device(const std::string& kid) = 0;
  virtual Result<std::vector<Device>> devices() = 0;
  virtual Result<bool> revoke_device(const std::string& kid) = 0;

  // A proof's jti, remembered until `expires`: false if it was already seen (a replay).
  virtual Result<bool> remember_proof(const std::string& jti, date::sys_seconds expires) = 0;
  // Failed attempts (rate limits): record one under `key`, count those since `since`.
  virtual Status add_attempt(const std::string& key, date::sys_seconds now) = 0;
  // `count` of them at once (records stored, for quotas), in one transaction.
  virtual Status add_attempts(const std::string& key, date::sys_seconds now, int count) = 0;
  virtual Result<int> attempts(const std::string& key, date::sys_seconds since) = 0;

  // Contact records: the device's chain head, whether (dev, idem) is held, and appending verified
  // records (one transaction for the batch; nothing is stored if any insert fails).
  virtual Result<std::pair<std::int64_t, std::string>> head(const std::string& dev) = 0;
  virtual Result<bool> holds(const std::string& dev, const std::string& idem) = 0;
  virtual Status append_contacts(const std::vector<StoredContact>& records) = 0;
  // The records shown for the student, in the order they arrived (archives depend on it).
  virtual Result<std::vector<StoredContact>> accepted_contacts(const std::string& student) = 0;
  // Whether the student's history uses contact record id `id` (in the record, or accepted; a
  // quarantined record keeps its id), and whether `contact` is one of the student's family contacts.
  virtual Result<bool> uses_record_id(const std::string& student, const std::string& id) = 0;
  virtual Result<bool> is_family_of(const std::string& contact, const std::string& student) = 0;
  // Every record kept for the student, shown or not, for an administrator.
  virtual Result<std::vector<StoredContact>> contacts_of(const std::string& student) = 0;
  // Takes an accepted record out of the student's bundles (code "quarantined"), keeping it, and writes
  // who did it and why to the audit log. False: no accepted record has that idem.
  virtual Result<bool> quarantine_contact(const std::string& idem, const std::string& by, const std::string& reason,
                                          date::sys_seconds now) = 0;
  // Lets a contact without the record's rights read one student's record (replacing an earlier grant),
  // written to the audit log with the reason. The caller checks that the record names the contact.
  virtual Status grant_access(const AccessGrant& grant) = 0;
  // The audit log, oldest first: tab-separated time, action, subject, by and detail.
  virtual Result<std::vector<std::string>> audit_log() = 0;

  // Transfers: stored once per (student, iss, sub, seq); false when that one is already held.
  virtual Result<bool> add_transfer(const StoredTransfer& transfer) = 0;
  // A student's transfers, held ones included (StoredTransfer::held), in the order received.
  virtual Result<std::vector<StoredTransfer>> transfers(const std::string& student) = 0;
  // A staff member's word that a held transfer is the student's after all: it joins the history,
  // audited. False: no held transfer has that key.
  virtual Result<bool> confirm_transfer(const std::string& student, const std::string& iss, const std::string& sub,
                                        std::int64_t seq, const std::string& actor, date::sys_seconds now) = 0;

  // A consistent copy of everything, taken while the hub runs (SQLite: a database file; PostgreSQL:
  // pg_dump's custom format, for pg_restore).
  virtual Status backup(const std::string& path) = 0;
};

// Opens (creating and migrating) a store. `location`: a postgresql:// (or postgres://) URL, or the
// path of a SQLite file. `connections`: PostgreSQL connections at most (one per serving thread).
Result<std::unique_ptr<Store>> open_store(const std::string& location, int connections = 8);
Result<std::unique_ptr<Store>> open_sqlite(const std::string& path);
bool is_postgres_url(const std::string& location);

}  // namespace fep::hub
