// The store, once, over either database (sql.h). Rules that must hold across hub processes are single
// statements the database itself makes atomic: an invite is burnt by one UPDATE … RETURNING, a proof's
// jti is remembered by one INSERT … ON CONFLICT DO NOTHING, a bundle's seq moves by one conditional
// UPDATE, a device's chain place is a primary key.
#include <algorithm>
#include <atomic>

#include "core/jose/jws.h"
#include "core/json/document.h"
#include "core/json/json.h"
#include "core/record/record.h"
#include "core/record/rights.h"
#include "core/record/timestamp.h"
#include "hub/account_id.h"
#include "hub/schema.h"
#include "hub/sql.h"
#include "hub/store.h"

namespace fep::hub {
namespace {

using record::timestamp::from_epoch;
using record::timestamp::to_epoch;

// A `family` row whose contact reads the record: by the record's rights, or by an administrator's grant.
constexpr const char* kReads =
    "(reads = 1 OR EXISTS (SELECT 1 FROM access_grants g WHERE g.contact = family.contact AND "
    "g.student = family.student))";
using sql::Connection;
using sql::Rows;

// Expired proofs and old attempts are purged at most this often, not on every request.
constexpr std::int64_t kPurgeEverySeconds = 60;

std::optional<std::string> first_text(const Rows& rows) {
  return rows.empty() ? std::nullopt : std::optional<std::string>(rows.text(0, 0));
}
std::vector<std::string> column(const Rows& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows.rows) out.push_back(row[0]);
  return out;
}
Device device_of(const Rows& rows, std::size_t r) {
  return Device{rows.text(r, 0), rows.text(r, 1), rows.text(r, 2), from_epoch(rows.integer(r, 3)),
                rows.integer(r, 4) != 0};
}

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}

  Status migrate() {
    const auto& steps = schema::migrations();
    return transaction([&](Connection& c) -> Status {
      if (*db_->dialect().lock_schema) {
        if (auto locked = c.run(db_->dialect().lock_schema); !locked) return locked.error();
      }
      auto exists = c.run(db_->dialect().has_meta_table);
      if (!exists) return exists.error();
      std::int64_t version = 0;
      if (exists->integer(0, 0) == 1) {
        auto read = c.run("SELECT value FROM meta WHERE name = 'schema_version'");
        if (!read) return read.error();
        if (!read->empty()) version = read->integer(0, 0);
      }
      if (version > static_cast<std::int64_t>(steps.size())) {
        return Error{ErrorCode::unavailable, "the data was written by a newer fep-hub"};
      }
      for (; version < static_cast<std::int64_t>(steps.size()); ++version) {
        if (auto step = c.script(steps[static_cast<std::size_t>(version)]); !step) return step;
        if (version + 1 == schema::kRecordIdsVersion) {
          if (auto filled = fill_record_ids(c); !filled) return filled;
        }
        if (version + 1 == schema::kReadersVersion) {
          if (auto filled = fill_readers(c); !filled) return filled;
        }
        auto set = c.run(
            "INSERT INTO meta (name, value) VALUES ('schema_version', $1) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            {std::to_string(version + 1)});
        if (!set) return set.error();
      }
      return {};
    });
  }

  // The used-id table for data written before it existed: every record's own contact record ids and
  // every accepted record's, read once.
  static Status fill_record_ids(Connection& c) {
    const auto insert = [&](const std::string& student, std::string_view id, int from_record) {
      return done(c.run("INSERT INTO record_ids (student, id, from_record) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        {student, std::string(id), std::int64_t{from_record}}));
    };
    auto records = c.run("SELECT student, record FROM records");
    if (!records) return records.error();
    for (std::size_t r = 0; r < records->rows.size(); ++r) {
      const auto document = json::Document::parse(records->text(r, 1));
      if (!document) continue;
      for (const json::Value item : document->root().find("contactRecords").elements()) {
        if (auto added = insert(records->text(r, 0), item.find("id").string(), 1); !added) return added;
      }
    }
    auto contacts = c.run("SELECT student, compact FROM contacts WHERE accepted = 1");
    if (!contacts) return contacts.error();
    for (std::size_t r = 0; r < contacts->rows.size(); ++r) {
      auto decoded = jose::jws::decode(contacts->text(r, 1));
      const auto document = decoded ? json::Document::parse(std::move(decoded->unverified_payload))
                                    : Result<json::Document>(decoded.error());
      if (!document) continue;
      if (auto added = insert(contacts->text(r, 0), document->root().find("record").find("id").string(), 0); !added)
        return added;
    }
    return {};
  }

  // Which family contacts read their record, for data written before the hub told readers apart.
  static Status fill_readers(Connection& c) {
    auto records = c.run("SELECT student, record FROM records");
    if (!records) return records.error();
    for (std::size_t r = 0; r < records->rows.size(); ++r) {
      const auto parsed = json::parse_strict(records->text(r, 1));
      const auto record = parsed ? record::parse(*parsed) : Result<record::Record>(parsed.error());
      if (!record) continue;
      for (const auto& contact : record->contacts) {
        if (!record::reads_record(contact)) continue;
        if (auto marked = c.run("UPDATE family SET reads = 1 WHERE contact = $1 AND student = $2",
                                {contact.id, records->text(r, 0)});
            !marked) {
          return marked.error();
        }
      }
    }
    return {};
  }

  Result<std::optional<std::string>> setting(const std::string& name) override {
    auto rows = run("SELECT value FROM meta WHERE name = $1", {name});
    if (!rows) return rows.error();
    return first_text(*rows);
  }

  Status set_setting(const std::string& name, const std::string& value) override {
    return done(
        run("INSERT INTO meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            {name, value}));
  }

  Status put_record(const std::string& student, const std::string& record_json, const std::vector<FamilyMember>& family,
                    const std::vector<std::string>& record_ids) override {
    return transaction([&](Connection& c) -> Status {
      if (auto put = c.run("INSERT INTO records (student, record) VALUES ($1, $2) "
                           "ON CONFLICT (student) DO UPDATE SET record = excluded.record",
                           {student, record_json});
          !put) {
        return put.error();
      }
      if (auto clear = c.run("DELETE FROM family WHERE student = $1", {student}); !clear) return clear.error();
      for (const auto& member : family) {
        if (auto link = c.run("INSERT INTO family (contact, student, reads) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                              {member.id, student, std::int64_t{member.reads ? 1 : 0}});
            !link) {
          return link.error();
        }
      }
      if (auto clear = c.run("DELETE FROM record_ids WHERE student = $1 AND from_record = 1", {student}); !clear)
        return clear.error();
      for (const auto& id : record_ids) {
        if (auto used = c.run("INSERT INTO record_ids (student, id, from_record) VALUES ($1, $2, 1) "
                              "ON CONFLICT DO NOTHING",
                              {student, id});
            !used) {
          return used.error();
        }
      }
      return mark_changed(c, student);
    });
  }

  Result<std::optional<std::string>> record(const std::string& student) override {
    auto rows = run("SELECT record FROM records WHERE student = $1", {student});
    if (!rows) return rows.error();
    return first_text(*rows);
  }

  Result<std::vector<std::string>> students() override {
    auto rows = run("SELECT student FROM records ORDER BY student");
    if (!rows) return rows.error();
    return column(*rows);
  }

  Result<std::optional<StoredBundle>> bundle(const std::string& key) override {
    auto rows = run("SELECT compact, seq, expires, stale FROM bundles WHERE key = $1", {key});
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<StoredBundle>();
    return std::optional<StoredBundle>(
        StoredBundle{rows->text(0, 0), rows->integer(0, 1), from_epoch(rows->integer(0, 2)), rows->integer(0, 3)});
  }

  Result<std::map<std::string, std::pair<std::int64_t, std::int64_t>>> bundle_versions(
      const std::vector<std::string>& keys) override {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> versions;
    constexpr std::size_t kChunk = 500;  // parameters per statement, well inside both databases' limits
    for (std::size_t begin = 0; begin < keys.size(); begin += kChunk) {
      std::string statement = "SELECT key, seq, stale FROM bundles WHERE key IN (";
      std::vector<sql::Value> parameters;
      for (std::size_t i = begin; i < std::min(keys.size(), begin + kChunk); ++i) {
        statement += (i == begin ? "$" : ", $") + std::to_string(i - begin + 1);
        parameters.emplace_back(keys[i]);
      }
      auto rows = run(statement + ")", parameters);
      if (!rows) return rows.error();
      for (std::size_t r = 0; r < rows->rows.size(); ++r)
        versions[rows->text(r, 0)] = {rows->integer(r, 1), rows->integer(r, 2)};
    }
    return versions;
  }

  Result<bool> save_bundle(const std::string& key, const StoredBundle& bundle, std::int64_t changes_seen) override {
    const std::int64_t expires = to_epoch(bundle.expires);
    if (bundle.seq == 1) {
      auto first =
          run("INSERT INTO bundles (key, seq, compact, expires, stale) VALUES ($1, 1, $2, $3, 0) "
              "ON CONFLICT (key) DO NOTHING",
              {key, bundle.compact, expires});
      if (!first) return first.error();
      if (first->changed == 1) return true;
    }
    // The row moves from seq - 1 to seq or not at all: of two racing writers, one finds seq taken.
    auto next =
        run("UPDATE bundles SET seq = $2, compact = $3, expires = $4, stale = stale - $5 "
            "WHERE key = $1 AND seq = $2 - 1",
            {key, bundle.seq, bundle.compact, expires, changes_seen});
    if (!next) return next.error();
    return next->changed == 1;
  }

  Status put_staff(const Account& staff) override {
    return transaction([&](Connection& c) -> Status {
      if (auto put = c.run("INSERT INTO staff (id, name, role) VALUES ($1, $2, $3) "
                           "ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role",
                           {staff.id, staff.name, std::string(to_string(staff.role))});
          !put) {
        return put.error();
      }
      if (auto clear = c.run("DELETE FROM staff_students WHERE staff = $1", {staff.id}); !clear) return clear.error();
      for (const auto& student : staff.students) {
        if (auto link = c.run("INSERT INTO staff_students (staff, student) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                              {staff.id, student});
            !link) {
          return link.error();
        }
      }
      return mark_changed(c, "roster:" + staff.id);
    });
  }

  Result<bool> remove_staff(const std::string& id, const std::string& actor, date::sys_seconds now) override {
    bool found = false;
    auto removed = transaction([&](Connection& c) -> Status {
      auto gone = c.run("DELETE FROM staff WHERE id = $1 RETURNING id", {id});
      if (!gone) return gone.error();
      found = !gone->empty();
      if (!found) return {};
      const std::string account = AccountId::staff(id).text();
      for (const auto& [statement, value] : {std::pair{"DELETE FROM staff_students WHERE staff = $1", &id},
                                             std::pair{"UPDATE devices SET revoked = 1 WHERE account = $1", &account},
                                             std::pair{"UPDATE invites SET used = 1 WHERE account = $1", &account}}) {
        if (auto step = c.run(statement, {*value}); !step) return step.error();
      }
      if (auto marked = mark_changed(c, "roster:" + id); !marked) return marked;
      return done(c.run("INSERT INTO audit (at, action, subject, actor, detail) VALUES ($1, $2, $3, $4, $5)",
                        {to_epoch(now), std::string("staff.remove"), id, actor, std::string("devices revoked")}));
    });
    if (!removed) return removed.error();
    return found;
  }

  Result<std::optional<Account>> account(const std::string& id) override {
    auto lease = db_->connection();
    if (!lease) return lease.error();
    Connection& c = **lease;
    Account account;
    account.id = id;
    const auto named = AccountId::parse(id);
    if (named && !named->is_contact()) {
      const std::string& staff = named->id;
      auto person = c.run("SELECT name, role FROM staff WHERE id = $1", {staff});
      if (!person) return person.error();
      if (person->empty()) return std::optional<Account>();
      account.name = person->text(0, 0);
      account.role = staff_role(person->text(0, 1)).value_or(Role::teacher);
      // An administrator sees every student; others their own.
      auto list = sees_everyone(account.role)
                      ? c.run("SELECT student FROM records ORDER BY student")
                      : c.run("SELECT student FROM staff_students WHERE staff = $1 ORDER BY student", {staff});
      if (!list) return list.error();
      account.students = column(*list);
    } else if (named) {
      // The students whose record this contact reads: by the record's rights, or by a grant (while the
      // record still names the contact).
      auto list =
          c.run("SELECT student FROM family WHERE contact = $1 AND " + std::string(kReads) + " ORDER BY student",
                {named->id});
      if (!list) return list.error();
      account.students = column(*list);
      if (account.students.empty()) return std::optional<Account>();
      account.name = named->id;
      account.role = Role::family;
    } else {
      return std::optional<Account>();
    }
    return std::optional<Account>(std::move(account));
  }

  Result<std::vector<std::string>> accounts(bool family) override {
    auto rows = run(family ? "SELECT DISTINCT contact FROM family WHERE " + std::string(kReads) + " ORDER BY 1"
                           : "SELECT id FROM staff ORDER BY 1");
    if (!rows) return rows.error();
    std::vector<std::string> ids;  // sorted as the bare ids are: one prefix before all keeps the order
    for (auto& id : column(*rows)) ids.push_back((family ? AccountId::contact(id) : AccountId::staff(id)).text());
    return ids;
  }

  Status add_invites(const std::vector<Invite>& invites) override {
    return transaction([&](Connection& c) -> Status {
      for (const auto& invite : invites) {
        if (auto added = c.run("INSERT INTO invites (hash, account, expires) VALUES ($1, $2, $3)",
                               {invite.code_hash, invite.account, to_epoch(invite.expires)});
            !added) {
          return added.error();
        }
      }
      return {};
    });
  }

  Result<bool> invite_usable(const std::string& code_hash, date::sys_seconds now) override {
    auto rows = run("SELECT 1 FROM invites WHERE hash = $1 AND used = 0 AND expires > $2", {code_hash, to_epoch(now)});
    if (!rows) return rows.error();
    return !rows->empty();
  }

  Result<std::optional<std::string>> enroll_device(const std::string& code_hash, const Device& device,
                                                   date::sys_seconds now) override {
    std::optional<std::string> account;
    auto enrolled = transaction([&](Connection& c) -> Status {
      // One statement burns the code and returns its account: two redemptions, by one hub process or
      // two, can never both succeed.
      auto burnt = c.run("UPDATE invites SET used = 1 WHERE hash = $1 AND used = 0 AND expires > $2 RETURNING account",
                         {code_hash, to_epoch(now)});
      if (!burnt) return burnt.error();
      account = first_text(*burnt);
      if (!account) return {};
      auto added =
          c.run("INSERT INTO devices (kid, jwk, account, enrolled) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                {device.kid, device.jwk, *account, to_epoch(device.enrolled)});
      if (!added) return added.error();
      if (added->changed == 0) return Error{ErrorCode::bad_key, "this device is already enrolled"};  // rolled back
      return {};
    });
    if (!enrolled) return enrolled.error();
    return account;
  }

  Result<std::optional<Device>> device(const std::string& kid) override {
    auto rows = run("SELECT kid, jwk, account, enrolled, revoked FROM devices WHERE kid = $1", {kid});
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<Device>();
    return std::optional<Device>(device_of(*rows, 0));
  }

  Result<std::vector<Device>> devices() override {
    auto rows = run("SELECT kid, jwk, account, enrolled, revoked FROM devices ORDER BY account, enrolled");
    if (!rows) return rows.error();
    std::vector<Device> out;
    for (std::size_t r = 0; r < rows->rows.size(); ++r) out.push_back(device_of(*rows, r));
    return out;
  }

  Result<bool> revoke_device(const std::string& kid) override {
    auto revoked = run("UPDATE devices SET revoked = 1 WHERE kid = $1", {kid});
    if (!revoked) return revoked.error();
    return revoked->changed > 0;
  }

  Result<bool> remember_proof(const std::string& jti, date::sys_seconds expires) override {
    if (due(next_proof_purge_, to_epoch(expires))) {
      (void)run("DELETE FROM proofs WHERE expires < $1", {to_epoch(expires) - 3600});
    }
    // Every signed-in request writes here, so this write does not wait for the disk: a crash forgets
    // at most the last moment's proofs, each valid for minutes anyway (docs/scaling.md). Whether a
    // proof was seen is still decided by the database, across every hub process.
    bool added = false;
    const auto remembered = relaxed([&](Connection& c) -> Status {
      auto inserted =
          c.run("INSERT INTO proofs (jti, expires) VALUES ($1, $2) ON CONFLICT DO NOTHING", {jti, to_epoch(expires)});
      if (!inserted) return inserted.error();
      added = inserted->changed == 1;
      return {};
    });
    if (!remembered) return remembered.error();
    return added;
  }

  // Attempts are counts for limits and quotas: like proofs, written without waiting for the disk (a
  // crash forgets the last moment's counts, never a record), so an upload waits for one fsync, its own.
  Status add_attempt(const std::string& key, date::sys_seconds now) override { return add_attempts(key, now, 1); }

  Status add_attempts(const std::string& key, date::sys_seconds now, int count) override {
    if (count <= 0) return {};
    if (due(next_attempt_purge_, to_epoch(now))) {
      (void)run("DELETE FROM attempts WHERE at < $1", {to_epoch(now) - 86400});
    }
    return relaxed([&](Connection& c) -> Status {
      if (auto begun = c.run(db_->dialect().begin); !begun) return begun.error();
      for (int n = 0; n < count; ++n) {
        if (auto added = c.run("INSERT INTO attempts (key, at) VALUES ($1, $2)", {key, to_epoch(now)}); !added) {
          (void)c.run("ROLLBACK");
          return added.error();
        }
      }
      return done(c.run("COMMIT"));
    });
  }

  Result<int> attempts(const std::string& key, date::sys_seconds since) override {
    auto count = run("SELECT count(*) FROM attempts WHERE key = $1 AND at >= $2", {key, to_epoch(since)});
    if (!count) return count.error();
    return static_cast<int>(count->integer(0, 0));
  }

  Result<std::pair<std::int64_t, std::string>> head(const std::string& dev) override {
    auto rows = run("SELECT seq, hash FROM contacts WHERE dev = $1 ORDER BY seq DESC LIMIT 1", {dev});
    if (!rows) return rows.error();
    if (rows->empty()) return std::pair<std::int64_t, std::string>{0, ""};
    return std::pair<std::int64_t, std::string>{rows->integer(0, 0), rows->text(0, 1)};
  }

  Result<bool> holds(const std::string& dev, const std::string& idem) override {
    auto rows = run("SELECT 1 FROM contacts WHERE dev = $1 AND idem = $2", {dev, idem});
    if (!rows) return rows.error();
    return !rows->empty();
  }

  Status append_contacts(const std::vector<StoredContact>& records) override {
    // A batch racing another copy of itself (the device retried at another hub process) breaks the
    // (dev, seq) key and is rolled back whole: the device's retry then finds its records held.
    return transaction([&](Connection& c) -> Status {
      for (const auto& r : records) {
        auto added = c.run(
            "INSERT INTO contacts (dev, seq, idem, student, account, compact, hash, accepted, code, received_at, "
            "received) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
            "(SELECT COALESCE(MAX(received), 0) + 1 FROM contacts WHERE student = $4))",
            {r.dev, r.seq, r.idem, r.student, r.account, r.compact, r.hash, std::int64_t{r.accepted ? 1 : 0}, r.code,
             to_epoch(r.received_at)});
        if (!added && c.conflict()) {
          return Error{ErrorCode::unavailable, "another request stored these records just now: send them again"};
        }
        if (!added) return added.error();
        if (r.accepted) {
          if (auto used = c.run("INSERT INTO record_ids (student, id, from_record) VALUES ($1, $2, 0) "
                                "ON CONFLICT DO NOTHING",
                                {r.student, r.record_id});
              !used) {
            return used.error();
          }
          if (auto marked = mark_changed(c, r.student); !marked) return marked;
        }
      }
      return {};
    });
  }

  Result<std::vector<StoredContact>> contacts_of(const std::string& student) override {
    return contacts_where("student = $1", student);
  }

  Result<bool> quarantine_contact(const std::string& idem, const std::string& by, const std::string& reason,
                                  date::sys_seconds now) override {
    bool found = false;
    auto done_here = transaction([&](Connection& c) -> Status {
      auto held = c.run(
          "UPDATE contacts SET accepted = 0, code = 'quarantined' WHERE idem = $1 AND accepted = 1 "
          "RETURNING student",
          {idem});
      if (!held) return held.error();
      const auto student = first_text(*held);
      if (!student) return {};
      found = true;
      if (auto marked = mark_changed(c, *student); !marked) return marked;  // the next bundle leaves it out
      return done(c.run("INSERT INTO audit (at, action, subject, actor, detail) VALUES ($1, $2, $3, $4, $5)",
                        {to_epoch(now), std::string("contacts.quarantine"), idem, by, reason}));
    });
    if (!done_here) return done_here.error();
    return found;
  }

  Status grant_access(const AccessGrant& grant) override {
    return transaction([&](Connection& c) -> Status {
      if (auto put =
              c.run("INSERT INTO access_grants (contact, student, reason, actor, at) VALUES ($1, $2, $3, $4, $5) "
                    "ON CONFLICT (contact, student) DO UPDATE SET reason = excluded.reason, "
                    "actor = excluded.actor, at = excluded.at",
                    {grant.contact, grant.student, grant.reason, grant.actor, to_epoch(grant.at)});
          !put) {
        return put.error();
      }
      return done(c.run("INSERT INTO audit (at, action, subject, actor, detail) VALUES ($1, $2, $3, $4, $5)",
                        {to_epoch(grant.at), std::string("access.grant"), grant.contact + " " + grant.student,
                         grant.actor, grant.reason}));
    });
  }

  Result<std::vector<std::string>> audit_log() override {
    auto rows = run("SELECT at, action, subject, actor, detail FROM audit ORDER BY at, subject");
    if (!rows) return rows.error();
    std::vector<std::string> out;
    for (std::size_t r = 0; r < rows->rows.size(); ++r) {
      out.push_back(record::timestamp::format_rfc3339(from_epoch(rows->integer(r, 0))) + "\t" + rows->text(r, 1) +
                    "\t" + rows->text(r, 2) + "\t" + rows->text(r, 3) + "\t" + rows->text(r, 4));
    }
    return out;
  }

  Result<bool> uses_record_id(const std::string& student, const std::string& id) override {
    auto rows = run("SELECT 1 FROM record_ids WHERE student = $1 AND id = $2", {student, id});
    if (!rows) return rows.error();
    return !rows->empty();
  }

  Result<bool> is_family_of(const std::string& contact, const std::string& student) override {
    auto rows = run("SELECT 1 FROM family WHERE contact = $1 AND student = $2", {contact, student});
    if (!rows) return rows.error();
    return !rows->empty();
  }

  Result<std::vector<StoredContact>> accepted_contacts(const std::string& student) override {
    return contacts_where("student = $1 AND accepted = 1", student);
  }

  Result<bool> add_transfer(const StoredTransfer& t) override {
    auto added = run(
        "INSERT INTO transfers (student, iss, sub, seq, issuer_name, sender, compact, keyset, revocations, received, "
        "held) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
        {t.student, t.iss, t.sub, t.seq, t.issuer_name, t.sender, t.compact, t.keyset, t.revocations,
         to_epoch(t.received), std::int64_t{t.held ? 1 : 0}});
    if (!added) return added.error();
    return added->changed > 0;
  }

  Result<std::vector<StoredTransfer>> transfers(const std::string& student) override {
    auto rows =
        run("SELECT student, iss, sub, seq, issuer_name, sender, compact, keyset, revocations, received, held "
            "FROM transfers WHERE student = $1 ORDER BY received, iss, seq",
            {student});
    if (!rows) return rows.error();
    std::vector<StoredTransfer> out;
    for (std::size_t r = 0; r < rows->rows.size(); ++r) {
      const auto& t = *rows;
      out.push_back({t.text(r, 0), t.text(r, 1), t.text(r, 2), t.integer(r, 3), t.text(r, 4), t.text(r, 5),
                     t.text(r, 6), t.text(r, 7), t.text(r, 8), from_epoch(t.integer(r, 9)), t.integer(r, 10) == 1});
    }
    return out;
  }

  Result<bool> confirm_transfer(const std::string& student, const std::string& iss, const std::string& sub,
                                std::int64_t seq, const std::string& actor, date::sys_seconds now) override {
    bool found = false;
    auto confirmed = transaction([&](Connection& c) -> Status {
      auto released =
          c.run("UPDATE transfers SET held = 0 WHERE student = $1 AND iss = $2 AND sub = $3 AND seq = $4 AND held = 1",
                {student, iss, sub, seq});
      if (!released) return released.error();
      found = released->changed > 0;
      if (!found) return {};
      return done(c.run("INSERT INTO audit (at, action, subject, actor, detail) VALUES ($1, $2, $3, $4, $5)",
                        {to_epoch(now), std::string("transfers.confirm"), student, actor,
                         iss + " " + sub + " seq " + std::to_string(seq)}));
    });
    if (!confirmed) return confirmed.error();
    return found;
  }

  Status backup(const std::string& path) override { return db_->backup(path); }

 private:
  // One statement on its own (its own transaction).
  Result<Rows> run(const std::string& statement, const std::vector<sql::Value>& parameters = {}) {
    auto lease = db_->connection();
    if (!lease) return lease.error();
    return (*lease)->run(statement, parameters);
  }

  // `body` inside BEGIN … COMMIT on one connection, rolled back if it fails.
  template <class Body>
  Status transaction(Body&& body) {
    auto lease = db_->connection();
    if (!lease) return lease.error();
    Connection& c = **lease;
    if (auto begun = c.run(db_->dialect().begin); !begun) return begun.error();
    if (auto status = body(c); !status) {
      (void)c.run("ROLLBACK");
      return status;
    }
    if (auto committed = c.run("COMMIT"); !committed) {
      (void)c.run("ROLLBACK");
      return committed.error();
    }
    return {};
  }

  // Runs `body` on one connection whose writes do not wait for the disk (the dialect's relaxed mode),
  // then puts the connection back to waiting: for counters and caches only, never for records.
  template <class Body>
  Status relaxed(Body&& body) {
    auto lease = db_->connection();
    if (!lease) return lease.error();
    Connection& c = **lease;
    if (auto on = c.script(db_->dialect().relaxed_on); !on) return on.error();
    const auto status = body(c);
    const auto off = c.script(db_->dialect().relaxed_off);
    if (!status) return status;
    if (!off) return off.error();
    return {};
  }

  static Status done(const Result<Rows>& rows) { return rows ? Status{} : Status{rows.error()}; }

  // A student's contact records that meet `condition` (on $1, the student), in the order they arrived
  // (each device's in chain order).
  Result<std::vector<StoredContact>> contacts_where(const char* condition, const std::string& student) {
    auto rows = run(std::string("SELECT dev, idem, student, account, compact, hash, seq, accepted, code, received_at "
                                "FROM contacts WHERE ") +
                        condition + " ORDER BY received, dev, seq",
                    {student});
    if (!rows) return rows.error();
    std::vector<StoredContact> out;
    for (std::size_t r = 0; r < rows->rows.size(); ++r) {
      out.push_back({rows->text(r, 0), rows->text(r, 1), rows->text(r, 2), rows->text(r, 3), rows->text(r, 4),
                     rows->text(r, 5), rows->integer(r, 6), rows->integer(r, 7) == 1, rows->text(r, 8), "",
                     from_epoch(rows->integer(r, 9))});
    }
    return out;
  }

  // Counts a change against the bundle signed from `key`; a row is made for a bundle never signed,
  // so a change during its first signing is counted too.
  static Status mark_changed(Connection& c, const std::string& key) {
    return done(
        c.run("INSERT INTO bundles (key, seq, compact, expires, stale) VALUES ($1, 0, '', 0, 1) "
              "ON CONFLICT (key) DO UPDATE SET stale = bundles.stale + 1",
              {key}));
  }

  // True once per kPurgeEverySeconds for each kind of purge, across this process's threads.
  static bool due(std::atomic<std::int64_t>& next, std::int64_t now) {
    std::int64_t expected = next.load();
    return now >= expected && next.compare_exchange_strong(expected, now + kPurgeEverySeconds);
  }

  std::unique_ptr<sql::Database> db_;
  std::atomic<std::int64_t> next_proof_purge_{0}, next_attempt_purge_{0};
};

Result<std::unique_ptr<Store>> open_on(Result<std::unique_ptr<sql::Database>> database) {
  if (!database) return database.error();
  auto store = std::make_unique<SqlStore>(std::move(database).value());
  if (auto migrated = store->migrate(); !migrated) return migrated.error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace

bool is_postgres_url(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Store>> open_store(const std::string& location, int connections) {
  return is_postgres_url(location) ? open_on(sql::open_postgres(location, connections)) : open_sqlite(location);
}

Result<std::unique_ptr<Store>> open_sqlite(const std::string& path) { return open_on(sql::open_sqlite(path)); }

}  // namespace fep::hub
