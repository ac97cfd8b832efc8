// An account's id as the hub stores it ("staff:<id>", "contact:<id>"), read and written in one place:
// the kind of person, and their id in the school's data (a staff id, a record's contacts[].id).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fep::hub {

struct AccountId {
  enum class Kind { staff, contact };
  Kind kind = Kind::staff;
  std::string id;

  static AccountId staff(std::string id) { return {Kind::staff, std::move(id)}; }
  static AccountId contact(std::string id) { return {Kind::contact, std::move(id)}; }

  // nullopt for text of neither kind.
  static std::optional<AccountId> parse(std::string_view text) {
    for (const auto& [kind, prefix] :
         {std::pair{Kind::staff, std::string_view("staff:")}, std::pair{Kind::contact, std::string_view("contact:")}}) {
      if (text.substr(0, prefix.size()) == prefix) return AccountId{kind, std::string(text.substr(prefix.size()))};
    }
    return std::nullopt;
  }

  std::string text() const { return (kind == Kind::staff ? "staff:" : "contact:") + id; }
  bool is_contact() const { return kind == Kind::contact; }
};

}  // namespace fep::hub
