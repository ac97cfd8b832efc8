// PostgreSQL through libpq: a pool of connections, each lent to one thread for one transaction.
// A connection the server dropped (a restart, a terminated backend, a network cut) is reset when it
// is next lent, so the hub recovers on its own; while the server is away, every lease fails at once
// with `unavailable` (the HTTP layer answers 503 with Retry-After) instead of hanging.
#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>

#include <condition_variable>
#include <cstring>
#include <mutex>

#include "hub/sql.h"

extern char** environ;

namespace fep::hub::sql {
namespace {

// Migrations wait for one another on an advisory lock (two hubs starting at once migrate once).
const Dialect kPostgres{"BEGIN",
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                        "AND table_name = 'meta'",
                        "SELECT pg_advisory_xact_lock(7151)", "SET synchronous_commit TO OFF",
                        "SET synchronous_commit TO ON"};

constexpr const char* kUniqueViolation = "23505";

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* connection) : connection_(connection) {}
  ~PostgresConnection() override { PQfinish(connection_); }

  // A connection the server dropped is made again; false while the server cannot be reached.
  bool usable() {
    if (PQstatus(connection_) == CONNECTION_OK) return true;
    PQreset(connection_);
    return PQstatus(connection_) == CONNECTION_OK;
  }
  std::string error() const { return std::string("postgresql: ") + PQerrorMessage(connection_); }

  Result<Rows> run(const std::string& statement, const std::vector<Value>& parameters) override {
    std::vector<std::string> texts;
    texts.reserve(parameters.size());
    for (const auto& p : parameters) {
      texts.push_back(std::holds_alternative<std::string>(p) ? std::get<std::string>(p)
                                                             : std::to_string(std::get<std::int64_t>(p)));
    }
    std::vector<const char*> values;
    for (const auto& text : texts) values.push_back(text.c_str());
    const OwnedResult result(PQexecParams(connection_, statement.c_str(), static_cast<int>(values.size()), nullptr,
                                          values.data(), nullptr, nullptr, 0));
    if (!completed(result.get())) return failed(result.get());
    Rows out;
    const int rows = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    out.rows.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      auto& row = out.rows.emplace_back();
      for (int c = 0; c < columns; ++c) {
        row.emplace_back(PQgetvalue(result.get(), r, c), static_cast<std::size_t>(PQgetlength(result.get(), r, c)));
      }
    }
    out.changed = std::strtoll(PQcmdTuples(result.get()), nullptr, 10);
    return out;
  }

  Status script(const std::string& statements) override {
    const OwnedResult result(PQexec(connection_, statements.c_str()));
    if (!completed(result.get())) return failed(result.get()).error();
    return {};
  }

  bool conflict() const override { return conflict_; }

 private:
  struct Clear {
    void operator()(PGresult* result) const { PQclear(result); }
  };
  using OwnedResult = std::unique_ptr<PGresult, Clear>;

  bool completed(const PGresult* result) {
    conflict_ = false;
    const auto status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  }
  Result<Rows> failed(const PGresult* result) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    conflict_ = state && std::strcmp(state, kUniqueViolation) == 0;
    return Error{ErrorCode::unavailable, error()};
  }

  PGconn* connection_;
  bool conflict_ = false;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, int connections) : url_(std::move(url)), limit_(connections) {}

  const Dialect& dialect() const override { return kPostgres; }

  Result<Lease> connection() override {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || made_ < limit_; });
    PostgresConnection* connection;
    if (!idle_.empty()) {
      connection = idle_.back();
      idle_.pop_back();
    } else {
      // Kept even when the server is down: like any idle connection, it is reset below when unusable.
      PGconn* raw = connect();
      if (!raw) return Error{ErrorCode::unavailable, "postgresql: out of memory"};
      connection = all_.emplace_back(std::make_unique<PostgresConnection>(raw)).get();
      ++made_;
    }
    lock.unlock();
    if (!connection->usable()) {
      Error error{ErrorCode::unavailable, connection->error()};
      give_back(connection);
      return error;
    }
    return Lease(connection, std::shared_ptr<void>(nullptr, [this, connection](void*) { give_back(connection); }));
  }

  // pg_dump's custom format: consistent (one snapshot) while hubs keep writing; pg_restore reads it.
  Status backup(const std::string& path) override {
    const char* argv[] = {"pg_dump",    "--format=custom", "--no-owner", "--file",
                          path.c_str(), "--dbname",        url_.c_str(), nullptr};
    pid_t pid = 0;
    if (posix_spawnp(&pid, "pg_dump", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0) {
      return Error{ErrorCode::unavailable, "cannot run pg_dump (Debian: postgresql-client)"};
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return Error{ErrorCode::unavailable, "pg_dump failed"};
    return {};
  }

 private:
  PGconn* connect() const {
    // Defaults first: whatever the URL says overrides them.
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"5", "fep-hub", url_.c_str(), nullptr};
    return PQconnectdbParams(keywords, values, 1);
  }

  void give_back(PostgresConnection* connection) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(connection);
    }
    available_.notify_one();
  }

  std::string url_;
  int limit_;
  int made_ = 0;
  std::vector<std::unique_ptr<PostgresConnection>> all_;
  std::vector<PostgresConnection*> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres(const std::string& url, int connections) {
  auto database = std::make_unique<PostgresDatabase>(url, std::max(1, connections));
  // Fail at start with the server's own words (wrong password, no such database) rather than later.
  auto first = database->connection();
  if (!first) return first.error();
  return std::unique_ptr<Database>(std::move(database));
}

}  // namespace fep::hub::sql
