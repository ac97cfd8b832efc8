// The hub's schema, one description for SQLite and PostgreSQL: each step migrates version i to i + 1,
// written in the SQL both accept (TEXT, BIGINT, composite keys, ON CONFLICT, RETURNING).
#pragma once

#include <string>
#include <vector>

namespace fep::hub::schema {

const std::vector<std::string>& migrations();

}  // namespace fep::hub::schema
