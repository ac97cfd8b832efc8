#include "hub/schema.h"

namespace fep::hub::schema {

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> steps = {
      // 1: records, people, devices, the replay cache, rate limits, contact records.
      R"sql(
      CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE records (student TEXT PRIMARY KEY, record TEXT NOT NULL);
      CREATE TABLE family (contact TEXT NOT NULL, student TEXT NOT NULL, PRIMARY KEY (contact, student));
      CREATE TABLE bundles (key TEXT PRIMARY KEY, seq BIGINT NOT NULL, compact TEXT NOT NULL,
                            expires BIGINT NOT NULL, stale BIGINT NOT NULL);
      CREATE TABLE staff (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL);
      CREATE TABLE staff_students (staff TEXT NOT NULL, student TEXT NOT NULL, PRIMARY KEY (staff, student));
      CREATE TABLE invites (hash TEXT PRIMARY KEY, account TEXT NOT NULL, expires BIGINT NOT NULL,
                            used BIGINT NOT NULL DEFAULT 0);
      CREATE TABLE devices (kid TEXT PRIMARY KEY, jwk TEXT NOT NULL, account TEXT NOT NULL,
                            enrolled BIGINT NOT NULL, revoked BIGINT NOT NULL DEFAULT 0);
      CREATE TABLE proofs (jti TEXT PRIMARY KEY, expires BIGINT NOT NULL);
      CREATE TABLE attempts (key TEXT NOT NULL, at BIGINT NOT NULL);
      CREATE INDEX attempts_by_key ON attempts (key, at);
      CREATE TABLE contacts (dev TEXT NOT NULL, seq BIGINT NOT NULL, idem TEXT NOT NULL, student TEXT NOT NULL,
                             account TEXT NOT NULL, compact TEXT NOT NULL, hash TEXT NOT NULL,
                             accepted BIGINT NOT NULL, code TEXT NOT NULL,
                             PRIMARY KEY (dev, seq), UNIQUE (dev, idem));
      CREATE INDEX contacts_by_student ON contacts (student, accepted);
      )sql",
      // 2: records handed over from other districts (docs/transfers.md).
      R"sql(
      CREATE TABLE transfers (student TEXT NOT NULL, iss TEXT NOT NULL, sub TEXT NOT NULL, seq BIGINT NOT NULL,
                              issuer_name TEXT NOT NULL, sender TEXT NOT NULL, compact TEXT NOT NULL,
                              keyset TEXT NOT NULL, revocations TEXT NOT NULL, received BIGINT NOT NULL,
                              PRIMARY KEY (student, iss, sub, seq));
      )sql",
      // 3: expired proofs and old attempts are purged by time, which must not scan the whole table.
      R"sql(
      CREATE INDEX proofs_by_expiry ON proofs (expires);
      CREATE INDEX attempts_by_time ON attempts (at);
      )sql",
      // 4: what administrators did to records (a quarantine), kept for good.
      R"sql(
      CREATE TABLE audit (at BIGINT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, actor TEXT NOT NULL,
                          detail TEXT NOT NULL);
      CREATE INDEX contacts_by_idem ON contacts (idem);
      )sql",
      // 5: the order a student's records arrived in: archives keep the older ones, and a record that
      // arrives late (from a phone that was offline) joins the newest part, so a full part never changes.
      R"sql(
      ALTER TABLE contacts ADD COLUMN received BIGINT NOT NULL DEFAULT 0;
      CREATE INDEX contacts_by_arrival ON contacts (student, received);
      )sql",
      // 6: the contact record ids each student's history uses (the record's own, and those accepted):
      // an upload checks its ids here instead of reading the history. Filled for older data as it opens.
      R"sql(
      CREATE TABLE record_ids (student TEXT NOT NULL, id TEXT NOT NULL, from_record BIGINT NOT NULL,
                               PRIMARY KEY (student, id));
      )sql",
      // 7: who reads a record (a parent or legal guardian without restrictions, filled from the records
      // as it opens), an administrator's grants to others, and when the hub received each contact record.
      R"sql(
      ALTER TABLE family ADD COLUMN reads BIGINT NOT NULL DEFAULT 0;
      CREATE TABLE access_grants (contact TEXT NOT NULL, student TEXT NOT NULL, reason TEXT NOT NULL,
                                  actor TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (contact, student));
      ALTER TABLE contacts ADD COLUMN received_at BIGINT NOT NULL DEFAULT 0;
      )sql",
      // 8: a handed-over record that names another student than the one it was given for waits for a
      // staff member's confirmation (held = 1), never shown as history before it.
      R"sql(
      ALTER TABLE transfers ADD COLUMN held BIGINT NOT NULL DEFAULT 0;
      )sql",
  };
  return steps;
}

}  // namespace fep::hub::schema
