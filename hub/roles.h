// Who an account is, said once: the hub's roles, their stored and wire names, and what each may do
// beyond its own students (hub/auth.h decides per request). The only hub file that spells a role.
#pragma once

#include <optional>
#include <string_view>

#include "core/json/reader.h"

namespace fep::hub {

enum class Role { teacher, counsellor, admin, family };

inline constexpr json::NameTable<Role, 4> kRoles{{"teacher", "counsellor", "admin", "family"}};

inline std::string_view to_string(Role role) { return kRoles[role]; }
// A staff role as `fep-hub staff add --role` and an import give it (family is no staff role).
inline std::optional<Role> staff_role(std::string_view name) {
  const auto role = kRoles.find(name);
  return role == Role::family ? std::nullopt : role;
}

// An administrator sees every student; everyone else the students the account holds.
inline bool sees_everyone(Role role) { return role == Role::admin; }

}  // namespace fep::hub
