// The SQLite store: one file, WAL, synchronous=FULL (a committed contact record survives a power cut),
// one connection serialised by a mutex (the HTTP server's threads share it), schema versioned in
// `meta` and migrated forward by the binary.
#include <sqlite3.h>

#include <cstdlib>
#include <mutex>

#include "core/record/timestamp.h"
#include "hub/store.h"

namespace fep::hub {
namespace {

using record::timestamp::from_epoch;
using record::timestamp::to_epoch;

// Each entry migrates the schema from version i to i + 1.
constexpr const char* kMigrations[] = {
    R"sql(
    CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE records (student TEXT PRIMARY KEY, record TEXT NOT NULL);
    CREATE TABLE family (contact TEXT NOT NULL, student TEXT NOT NULL, PRIMARY KEY (contact, student));
    CREATE TABLE bundles (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, compact TEXT NOT NULL,
                          expires INTEGER NOT NULL, stale INTEGER NOT NULL);
    CREATE TABLE staff (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL);
    CREATE TABLE staff_students (staff TEXT NOT NULL, student TEXT NOT NULL, PRIMARY KEY (staff, student));
    CREATE TABLE invites (hash TEXT PRIMARY KEY, account TEXT NOT NULL, expires INTEGER NOT NULL,
                          used INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE devices (kid TEXT PRIMARY KEY, jwk TEXT NOT NULL, account TEXT NOT NULL,
                          enrolled INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE proofs (jti TEXT PRIMARY KEY, expires INTEGER NOT NULL);
    CREATE TABLE attempts (key TEXT NOT NULL, at INTEGER NOT NULL);
    CREATE INDEX attempts_by_key ON attempts (key, at);
    CREATE TABLE contacts (dev TEXT NOT NULL, seq INTEGER NOT NULL, idem TEXT NOT NULL, student TEXT NOT NULL,
                           account TEXT NOT NULL, compact TEXT NOT NULL, hash TEXT NOT NULL,
                           accepted INTEGER NOT NULL, code TEXT NOT NULL,
                           PRIMARY KEY (dev, seq), UNIQUE (dev, idem));
    CREATE INDEX contacts_by_student ON contacts (student, accepted);
    )sql",
    R"sql(
    CREATE TABLE transfers (student TEXT NOT NULL, iss TEXT NOT NULL, sub TEXT NOT NULL, seq INTEGER NOT NULL,
                            issuer_name TEXT NOT NULL, sender TEXT NOT NULL, compact TEXT NOT NULL,
                            keyset TEXT NOT NULL, revocations TEXT NOT NULL, received INTEGER NOT NULL,
                            PRIMARY KEY (student, iss, sub, seq));
    )sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

Error failure(sqlite3* db, const std::string& what) {
  return Error{ErrorCode::unavailable, what + ": " + sqlite3_errmsg(db)};
}

// One prepared statement, finalised when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(const std::string& text) {
    sqlite3_bind_text(statement_, ++index_, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(std::int64_t number) {
    sqlite3_bind_int64(statement_, ++index_, number);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return ok_ ? sqlite3_step(statement_) : SQLITE_ERROR; }
  bool done() { return step() == SQLITE_DONE; }
  std::string text(int column) const {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    return bytes ? std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                 : std::string();
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  bool ok_ = false;
  int index_ = 0;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override { sqlite3_close(db_); }

  Status migrate() {
    std::lock_guard lock(mutex_);
    if (!exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"))
      return failure(db_, "pragmas");
    int version = 0;
    {
      Statement exists(db_, "SELECT count(*) FROM sqlite_master WHERE name = 'meta'");
      if (exists.step() == SQLITE_ROW && exists.integer(0) == 1) {
        Statement read(db_, "SELECT value FROM meta WHERE name = 'schema_version'");
        if (read.step() == SQLITE_ROW) version = static_cast<int>(std::strtol(read.text(0).c_str(), nullptr, 10));
      }
    }
    if (version > kSchemaVersion) return Error{ErrorCode::unavailable, "the data was written by a newer fep-hub"};
    for (; version < kSchemaVersion; ++version) {
      if (!exec("BEGIN IMMEDIATE") || !exec(kMigrations[version])) return rollback("migration");
      Statement set(db_,
                    "INSERT INTO meta (name, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
      if (!set.bind(std::to_string(version + 1)).done() || !exec("COMMIT")) return rollback("migration");
    }
    return {};
  }

  Result<std::optional<std::string>> setting(const std::string& name) override {
    std::lock_guard lock(mutex_);
    Statement read(db_, "SELECT value FROM meta WHERE name = ?");
    read.bind(name);
    const int step = read.step();
    if (step == SQLITE_ROW) return std::optional<std::string>(read.text(0));
    if (step == SQLITE_DONE) return std::optional<std::string>();
    return failure(db_, "setting");
  }

  Status set_setting(const std::string& name, const std::string& value) override {
    std::lock_guard lock(mutex_);
    Statement set(
        db_, "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    if (!set.bind(name).bind(value).done()) return failure(db_, "setting");
    return {};
  }

  Status put_record(const std::string& student, const std::string& record_json,
                    const std::vector<std::string>& contact_ids) override {
    std::lock_guard lock(mutex_);
    if (!exec("BEGIN IMMEDIATE")) return failure(db_, "record");
    Statement put(db_,
                  "INSERT INTO records (student, record) VALUES (?, ?) "
                  "ON CONFLICT (student) DO UPDATE SET record = excluded.record");
    Statement clear(db_, "DELETE FROM family WHERE student = ?");
    if (!put.bind(student).bind(record_json).done() || !clear.bind(student).done()) return rollback("record");
    for (const auto& contact : contact_ids) {
      Statement link(db_, "INSERT OR IGNORE INTO family (contact, student) VALUES (?, ?)");
      if (!link.bind(contact).bind(student).done()) return rollback("record");
    }
    if (!mark_stale(student) || !exec("COMMIT")) return rollback("record");
    return {};
  }

  Result<std::optional<std::string>> record(const std::string& student) override {
    std::lock_guard lock(mutex_);
    Statement read(db_, "SELECT record FROM records WHERE student = ?");
    read.bind(student);
    const int step = read.step();
    if (step == SQLITE_ROW) return std::optional<std::string>(read.text(0));
    if (step == SQLITE_DONE) return std::optional<std::string>();
    return failure(db_, "record");
  }

  Result<std::vector<std::string>> students() override {
    std::lock_guard lock(mutex_);
    Statement read(db_, "SELECT student FROM records ORDER BY student");
    std::vector<std::string> out;
    int step;
    while ((step = read.step()) == SQLITE_ROW) out.push_back(read.text(0));
    if (step != SQLITE_DONE) return failure(db_, "students");
    return out;
  }

  Result<std::optional<StoredBundle>> bundle(const std::string& key) override {
    std::lock_guard lock(mutex_);
    Statement read(db_, "SELECT compact, seq, expires, stale FROM bundles WHERE key = ?");
    read.bind(key);
    const int step = read.step();
    if (step == SQLITE_DONE) return std::optional<StoredBundle>();
    if (step != SQLITE_ROW) return failure(db_, "bundle");
    return std::optional<StoredBundle>(
        StoredBundle{read.text(0), read.integer(1), from_epoch(read.integer(2)), read.integer(3) != 0});
  }

  Result<bool> save_bundle(const std::string& key, const StoredBundle& bundle) override {
    std::lock_guard lock(mutex_);
    if (!exec("BEGIN IMMEDIATE")) return failure(db_, "bundle");
    Statement last(db_, "SELECT seq FROM bundles WHERE key = ?");
    last.bind(key);
    const int step = last.step();
    const std::int64_t previous = step == SQLITE_ROW ? last.integer(0) : 0;
    if (step != SQLITE_ROW && step != SQLITE_DONE) return rollback("bundle");
    if (bundle.seq != previous + 1) {
      exec("ROLLBACK");
      return false;
    }
    Statement save(db_,
                   "INSERT INTO bundles (key, seq, compact, expires, stale) VALUES (?, ?, ?, ?, 0) "
                   "ON CONFLICT (key) DO UPDATE SET seq = excluded.seq, compact = excluded.compact, "
                   "expires = excluded.expires, stale = 0");
    if (!save.bind(key).bind(bundle.seq).bind(bundle.compact).bind(to_epoch(bundle.expires)).done() ||
        !exec("COMMIT")) {
      return rollback("bundle");
    }
    return true;
  }

  Status put_staff(const Account& staff) override {
    std::lock_guard lock(mutex_);
    if (!exec("BEGIN IMMEDIATE")) return failure(db_, "staff");
    Statement put(db_,
                  "INSERT INTO staff (id, name, role) VALUES (?, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role");
    Statement clear(db_, "DELETE FROM staff_students WHERE staff = ?");
    if (!put.bind(staff.id).bind(staff.name).bind(staff.role).done() || !clear.bind(staff.id).done()) {
      return rollback("staff");
    }
    for (const auto& student : staff.students) {
      Statement link(db_, "INSERT OR IGNORE INTO staff_students (staff, student) VALUES (?, ?)");
      if (!link.bind(staff.id).bind(student).done()) return rollback("staff");
    }
    if (!mark_stale("roster:" + staff.id) || !exec("COMMIT")) return rollback("staff");
    return {};
  }

  Result<std::optional<Account>> account(const std::string& id) override {
    std::lock_guard lock(mutex_);
    Account account;
    account.id = id;
    if (id.rfind("staff:", 0) == 0) {
      const std::string staff = id.substr(6);
      Statement read(db_, "SELECT name, role FROM staff WHERE id = ?");
      read.bind(staff);
      const int step = read.step();
      if (step == SQLITE_DONE) return std::optional<Account>();
      if (step != SQLITE_ROW) return failure(db_, "account");
      account.name = read.text(0);
      account.role = read.text(1);
      // An administrator sees every student; others their own.
      Statement list(db_, account.role == "admin"
                              ? "SELECT student FROM records WHERE ? IS NOT NULL ORDER BY student"
                              : "SELECT student FROM staff_students WHERE staff = ? ORDER BY student");
      list.bind(staff);
      while (list.step() == SQLITE_ROW) account.students.push_back(list.text(0));
    } else if (id.rfind("contact:", 0) == 0) {
      Statement list(db_, "SELECT student FROM family WHERE contact = ? ORDER BY student");
      list.bind(id.substr(8));
      while (list.step() == SQLITE_ROW) account.students.push_back(list.text(0));
      if (account.students.empty()) return std::optional<Account>();
      account.name = id.substr(8);
      account.role = "family";
    } else {
      return std::optional<Account>();
    }
    return std::optional<Account>(std::move(account));
  }

  Status add_invite(const std::string& code_hash, const std::string& account, date::sys_seconds expires) override {
    std::lock_guard lock(mutex_);
    Statement add(db_, "INSERT INTO invites (hash, account, expires) VALUES (?, ?, ?)");
    if (!add.bind(code_hash).bind(account).bind(to_epoch(expires)).done()) return failure(db_, "invite");
    return {};
  }

  Result<std::optional<std::string>> redeem_invite(const std::string& code_hash, date::sys_seconds now) override {
    std::lock_guard lock(mutex_);
    // One statement burns the code and returns its account: two redemptions can never both succeed.
    Statement burn(db_, "UPDATE invites SET used = 1 WHERE hash = ? AND used = 0 AND expires > ? RETURNING account");
    burn.bind(code_hash).bind(to_epoch(now));
    const int step = burn.step();
    if (step == SQLITE_ROW) {
      std::string account = burn.text(0);
      if (burn.step() != SQLITE_DONE) return failure(db_, "invite");
      return std::optional<std::string>(std::move(account));
    }
    if (step == SQLITE_DONE) return std::optional<std::string>();
    return failure(db_, "invite");
  }

  Status add_device(const Device& device) override {
    std::lock_guard lock(mutex_);
    Statement add(db_, "INSERT INTO devices (kid, jwk, account, enrolled) VALUES (?, ?, ?, ?)");
    if (!add.bind(device.kid).bind(device.jwk).bind(device.account).bind(to_epoch(device.enrolled)).done()) {
      return Error{ErrorCode::malformed, "this device is already enrolled"};
    }
    return {};
  }

  Result<std::optional<Device>> device(const std::string& kid) override {
    std::lock_guard lock(mutex_);
    Statement read(db_, "SELECT kid, jwk, account, enrolled, revoked FROM devices WHERE kid = ?");
    read.bind(kid);
    const int step = read.step();
    if (step == SQLITE_DONE) return std::optional<Device>();
    if (step != SQLITE_ROW) return failure(db_, "device");
    return std::optional<Device>(device_of(read));
  }

  Result<std::vector<Device>> devices() override {
    std::lock_guard lock(mutex_);
    Statement read(db_, "SELECT kid, jwk, account, enrolled, revoked FROM devices ORDER BY account, enrolled");
    std::vector<Device> out;
    int step;
    while ((step = read.step()) == SQLITE_ROW) out.push_back(device_of(read));
    if (step != SQLITE_DONE) return failure(db_, "devices");
    return out;
  }

  Result<bool> revoke_device(const std::string& kid) override {
    std::lock_guard lock(mutex_);
    Statement revoke(db_, "UPDATE devices SET revoked = 1 WHERE kid = ?");
    if (!revoke.bind(kid).done()) return failure(db_, "device");
    return sqlite3_changes(db_) > 0;
  }

  Result<bool> remember_proof(const std::string& jti, date::sys_seconds expires) override {
    std::lock_guard lock(mutex_);
    Statement forget(db_, "DELETE FROM proofs WHERE expires < ?");
    forget.bind(to_epoch(expires) - 3600).done();
    Statement add(db_, "INSERT OR IGNORE INTO proofs (jti, expires) VALUES (?, ?)");
    if (!add.bind(jti).bind(to_epoch(expires)).done()) return failure(db_, "proof");
    return sqlite3_changes(db_) == 1;
  }

  Status add_attempt(const std::string& key, date::sys_seconds now) override {
    std::lock_guard lock(mutex_);
    Statement forget(db_, "DELETE FROM attempts WHERE at < ?");
    forget.bind(to_epoch(now) - 86400).done();
    Statement add(db_, "INSERT INTO attempts (key, at) VALUES (?, ?)");
    if (!add.bind(key).bind(to_epoch(now)).done()) return failure(db_, "attempt");
    return {};
  }

  Result<int> attempts(const std::string& key, date::sys_seconds since) override {
    std::lock_guard lock(mutex_);
    Statement count(db_, "SELECT count(*) FROM attempts WHERE key = ? AND at >= ?");
    if (count.bind(key).bind(to_epoch(since)).step() != SQLITE_ROW) return failure(db_, "attempt");
    return static_cast<int>(count.integer(0));
  }

  Result<std::pair<std::int64_t, std::string>> head(const std::string& dev) override {
    std::lock_guard lock(mutex_);
    Statement read(db_, "SELECT seq, hash FROM contacts WHERE dev = ? ORDER BY seq DESC LIMIT 1");
    read.bind(dev);
    const int step = read.step();
    if (step == SQLITE_DONE) return std::pair<std::int64_t, std::string>{0, ""};
    if (step != SQLITE_ROW) return failure(db_, "head");
    return std::pair<std::int64_t, std::string>{read.integer(0), read.text(1)};
  }

  Result<bool> holds(const std::string& dev, const std::string& idem) override {
    std::lock_guard lock(mutex_);
    Statement read(db_, "SELECT 1 FROM contacts WHERE dev = ? AND idem = ?");
    read.bind(dev).bind(idem);
    const int step = read.step();
    if (step != SQLITE_ROW && step != SQLITE_DONE) return failure(db_, "contacts");
    return step == SQLITE_ROW;
  }

  Status append_contacts(const std::vector<StoredContact>& records) override {
    std::lock_guard lock(mutex_);
    if (!exec("BEGIN IMMEDIATE")) return failure(db_, "contacts");
    for (const auto& c : records) {
      Statement add(db_,
                    "INSERT INTO contacts (dev, seq, idem, student, account, compact, hash, accepted, code) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      add.bind(c.dev).bind(c.seq).bind(c.idem).bind(c.student).bind(c.account).bind(c.compact).bind(c.hash);
      if (!add.bind(std::int64_t{c.accepted ? 1 : 0}).bind(c.code).done()) return rollback("contacts");
      if (c.accepted && !mark_stale(c.student)) return rollback("contacts");
    }
    if (!exec("COMMIT")) return rollback("contacts");
    return {};
  }

  Result<std::vector<StoredContact>> accepted_contacts(const std::string& student) override {
    std::lock_guard lock(mutex_);
    Statement read(db_,
                   "SELECT dev, idem, student, account, compact, hash, seq FROM contacts "
                   "WHERE student = ? AND accepted = 1 ORDER BY dev, seq");
    read.bind(student);
    std::vector<StoredContact> out;
    int step;
    while ((step = read.step()) == SQLITE_ROW) {
      out.push_back({read.text(0), read.text(1), read.text(2), read.text(3), read.text(4), read.text(5),
                     read.integer(6), true, ""});
    }
    if (step != SQLITE_DONE) return failure(db_, "contacts");
    return out;
  }

  Result<bool> add_transfer(const StoredTransfer& t) override {
    std::lock_guard lock(mutex_);
    Statement add(db_,
                  "INSERT OR IGNORE INTO transfers (student, iss, sub, seq, issuer_name, sender, compact, keyset, "
                  "revocations, received) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    add.bind(t.student).bind(t.iss).bind(t.sub).bind(t.seq).bind(t.issuer_name).bind(t.sender).bind(t.compact);
    if (!add.bind(t.keyset).bind(t.revocations).bind(to_epoch(t.received)).done()) return failure(db_, "transfers");
    return sqlite3_changes(db_) > 0;
  }

  Result<std::vector<StoredTransfer>> transfers(const std::string& student) override {
    std::lock_guard lock(mutex_);
    Statement read(db_,
                   "SELECT student, iss, sub, seq, issuer_name, sender, compact, keyset, revocations, received "
                   "FROM transfers WHERE student = ? ORDER BY received, iss, seq");
    read.bind(student);
    std::vector<StoredTransfer> out;
    int step;
    while ((step = read.step()) == SQLITE_ROW) {
      out.push_back({read.text(0), read.text(1), read.text(2), read.integer(3), read.text(4), read.text(5),
                     read.text(6), read.text(7), read.text(8), from_epoch(read.integer(9))});
    }
    if (step != SQLITE_DONE) return failure(db_, "transfers");
    return out;
  }

  Status backup(const std::string& path) override {
    std::lock_guard lock(mutex_);
    sqlite3* target = nullptr;
    if (sqlite3_open(path.c_str(), &target) != SQLITE_OK) {
      sqlite3_close(target);
      return Error{ErrorCode::unavailable, "cannot create " + path};
    }
    sqlite3_backup* copy = sqlite3_backup_init(target, "main", db_, "main");
    const bool done = copy && sqlite3_backup_step(copy, -1) == SQLITE_DONE;
    sqlite3_backup_finish(copy);
    sqlite3_close(target);
    if (!done) return Error{ErrorCode::unavailable, "backup to " + path + " failed"};
    return {};
  }

 private:
  bool exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
  Error rollback(const std::string& what) {
    Error error = failure(db_, what);
    exec("ROLLBACK");
    return error;
  }
  bool mark_stale(const std::string& key) {
    Statement stale(db_, "UPDATE bundles SET stale = 1 WHERE key = ?");
    return stale.bind(key).done();
  }
  static Device device_of(const Statement& row) {
    return Device{row.text(0), row.text(1), row.text(2), from_epoch(row.integer(3)), row.integer(4) != 0};
  }

  sqlite3* db_;
  std::mutex mutex_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    Error error = failure(db, "cannot open " + path);
    sqlite3_close(db);
    return error;
  }
  sqlite3_busy_timeout(db, 5000);
  auto store = std::make_unique<SqliteStore>(db);
  if (auto migrated = store->migrate(); !migrated) return migrated.error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace fep::hub
