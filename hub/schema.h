// The hub's schema, one description for SQLite and PostgreSQL: each step migrates version i to i + 1,
// written in the SQL both accept (TEXT, BIGINT, composite keys, ON CONFLICT, RETURNING).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fep::hub::schema {

// The version that adds the used contact record ids (record_ids), filled from older data as it opens.
inline constexpr std::int64_t kRecordIdsVersion = 6;
// The version that marks which family contacts read their record (family.reads), filled as it opens.
inline constexpr std::int64_t kReadersVersion = 7;

const std::vector<std::string>& migrations();

}  // namespace fep::hub::schema
