// The little the hub's store needs from a SQL database, so one store (store_sql.cpp) runs on SQLite
// and on PostgreSQL: statements with $1, $2 … parameters, rows as text, a connection held for the
// length of one transaction. Drivers: sqlite_database.cpp, postgres_database.cpp.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"

namespace fep::hub::sql {

using Value = std::variant<std::string, std::int64_t>;

struct Rows {
  std::vector<std::vector<std::string>> rows;  // every column as text (the schema has no NULLs)
  std::int64_t changed = 0;                    // rows an INSERT, UPDATE or DELETE touched

  bool empty() const { return rows.empty(); }
  const std::string& text(std::size_t row, std::size_t column) const { return rows[row][column]; }
  std::int64_t integer(std::size_t row, std::size_t column) const {
    return std::strtoll(rows[row][column].c_str(), nullptr, 10);
  }
};

// One connection, held by one thread for one transaction at a time.
class Connection {
 public:
  virtual ~Connection() = default;
  // One statement. A failure is Error{unavailable, "<what the database said>"}; `conflict()` tells
  // whether the last one broke a unique constraint.
  virtual Result<Rows> run(const std::string& statement, const std::vector<Value>& parameters = {}) = 0;
  // Several statements without parameters (a migration step).
  virtual Status script(const std::string& statements) = 0;
  virtual bool conflict() const = 0;
};

// Where SQL differs between the two databases, said once.
struct Dialect {
  const char* begin;           // starts a transaction that writes ("BEGIN IMMEDIATE" takes SQLite's lock)
  const char* has_meta_table;  // one row, one column: 1 when the `meta` table exists
  const char* lock_schema;     // run first in a migration's transaction (one migrator at a time) or ""
  // Around a write that need not wait for the disk (the replay cache): the next commits return
  // before the log is flushed, and then commits wait again.
  const char* relaxed_on;
  const char* relaxed_off;
};

// A connection lent until the lease is destroyed.
class Lease {
 public:
  Lease(Connection* connection, std::shared_ptr<void> release)
      : connection_(connection), release_(std::move(release)) {}
  Connection* operator->() const { return connection_; }
  Connection& operator*() const { return *connection_; }

 private:
  Connection* connection_;
  std::shared_ptr<void> release_;  // gives the connection back when the last copy goes
};

class Database {
 public:
  virtual ~Database() = default;
  virtual const Dialect& dialect() const = 0;
  // A connection for one transaction; waits while all are lent, fails when the database is away.
  virtual Result<Lease> connection() = 0;
  // A consistent copy of everything into `path`, taken while the hub runs.
  virtual Status backup(const std::string& path) = 0;
};

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path);
// `url`: a libpq connection URI (postgresql://user@host:port/db?...). `connections`: at most this many.
Result<std::unique_ptr<Database>> open_postgres(const std::string& url, int connections);

}  // namespace fep::hub::sql
