// SQLite: one file, WAL, synchronous=FULL (a committed contact record survives a power cut), one
// connection lent to one thread at a time (the HTTP server's threads share it). Several hub processes
// may open the same file on one machine: SQLite's locks and a busy timeout order their writes.
#include <sqlite3.h>

#include <mutex>

#include "hub/sql.h"

namespace fep::hub::sql {
namespace {

const Dialect kSqlite{"BEGIN IMMEDIATE", "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                      "", "PRAGMA synchronous=NORMAL", "PRAGMA synchronous=FULL"};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close(db_); }

  Result<Rows> run(const std::string& statement, const std::vector<Value>& parameters) override {
    conflict_ = false;
    sqlite3_stmt* prepared = nullptr;
    if (sqlite3_prepare_v2(db_, statement.c_str(), static_cast<int>(statement.size()), &prepared, nullptr) !=
        SQLITE_OK) {
      return failed();
    }
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalize(prepared, sqlite3_finalize);
    // $n is a named parameter to SQLite: bound by name, so the order they appear in does not matter.
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      const int index = sqlite3_bind_parameter_index(prepared, ("$" + std::to_string(i + 1)).c_str());
      if (index == 0) continue;
      if (const auto* text = std::get_if<std::string>(&parameters[i])) {
        sqlite3_bind_text(prepared, index, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_int64(prepared, index, std::get<std::int64_t>(parameters[i]));
      }
    }
    Rows out;
    const int columns = sqlite3_column_count(prepared);
    int step;
    while ((step = sqlite3_step(prepared)) == SQLITE_ROW) {
      auto& row = out.rows.emplace_back();
      for (int c = 0; c < columns; ++c) {
        const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(prepared, c));
        row.emplace_back(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(prepared, c)));
      }
    }
    if (step != SQLITE_DONE) return failed();
    out.changed = sqlite3_changes(db_);
    return out;
  }

  Status script(const std::string& statements) override {
    if (sqlite3_exec(db_, statements.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return failed().error();
    return {};
  }

  bool conflict() const override { return conflict_; }

 private:
  Result<Rows> failed() {
    conflict_ = (sqlite3_extended_errcode(db_) & 0xff) == SQLITE_CONSTRAINT;
    return Error{ErrorCode::unavailable, std::string("sqlite: ") + sqlite3_errmsg(db_)};
  }

  sqlite3* db_;
  bool conflict_ = false;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(sqlite3* db) : connection_(db), db_(db) {}

  const Dialect& dialect() const override { return kSqlite; }

  Result<Lease> connection() override {
    mutex_.lock();
    return Lease(&connection_, std::shared_ptr<void>(nullptr, [this](void*) { mutex_.unlock(); }));
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
  SqliteConnection connection_;
  sqlite3* db_;
  std::mutex mutex_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    Error error{ErrorCode::unavailable, "cannot open " + path + ": " + sqlite3_errmsg(db)};
    sqlite3_close(db);
    return error;
  }
  sqlite3_busy_timeout(db, 5000);
  if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Error error{ErrorCode::unavailable, std::string("sqlite pragmas: ") + sqlite3_errmsg(db)};
    sqlite3_close(db);
    return error;
  }
  return std::unique_ptr<Database>(std::make_unique<SqliteDatabase>(db));
}

}  // namespace fep::hub::sql
