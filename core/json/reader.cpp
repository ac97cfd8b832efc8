#include "core/json/reader.h"

#include <cmath>

namespace fep::json {

std::string Pointer::text() const {
  if (!parent_) return {};
  std::string out = parent_->text() + '/';
  if (index_plus_one_) return out + std::to_string(index_plus_one_ - 1);
  for (const char c : member_) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

bool Reader::fail(const Pointer& pointer, const std::string& message) {
  if (ok()) error_ = Error{code_, pointer.text() + ": " + message};
  return false;
}

Value Reader::member(Value object, const Pointer& at, const char* name, Need need) {
  const Value value = object.find(name);
  if (!value.exists() || value.is_null()) {
    if (need == Need::required) fail(at / name, "is required");
    return {};
  }
  return value;
}

bool Reader::text(Value object, const Pointer& at, const char* name, std::string& out, Need need) {
  const Value value = member(object, at, name, need);
  if (!value.exists()) return need == Need::optional && ok();
  if (!value.is_string()) return fail(at / name, "must be a string");
  out.assign(value.string());
  if (need == Need::required && out.empty()) return fail(at / name, "must not be empty");
  return true;
}

bool Reader::number(Value object, const Pointer& at, const char* name, std::optional<double>& out) {
  const Value value = member(object, at, name, Need::optional);
  if (!value.exists()) return ok();
  if (!value.is_number() || !std::isfinite(value.number())) return fail(at / name, "must be a number");
  out = value.number();
  return true;
}

bool Reader::integer(Value object, const Pointer& at, const char* name, int& out, int min, int max, Need need) {
  const Value value = member(object, at, name, need);
  if (!value.exists()) return ok();
  if (!value.is_integer() || value.integer() < min || value.integer() > max) {
    return fail(at / name, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  out = static_cast<int>(value.integer());
  return true;
}

bool Reader::boolean(Value object, const Pointer& at, const char* name, bool& out) {
  const Value value = member(object, at, name, Need::optional);
  if (!value.exists()) return ok();
  if (!value.is_boolean()) return fail(at / name, "must be true or false");
  out = value.boolean();
  return true;
}

}  // namespace fep::json
