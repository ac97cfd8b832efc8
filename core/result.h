// Result<T>: a value or an Error. The core is built without exceptions (docs/architecture.md), so every
// fallible function returns one of these.
#pragma once

#include <optional>
#include <utility>

#include "core/error.h"

namespace fep {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  Result(ErrorCode code, std::string detail = {}) : error_{code, std::move(detail)} {}

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  const T* operator->() const { return &*value_; }

  const Error& error() const { return error_; }
  ErrorCode code() const { return ok() ? ErrorCode::ok : error_.code; }

 private:
  std::optional<T> value_;
  Error error_;
};

// Status: success or an Error, for operations that produce no value (check_rollback, a parser step).
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  Result(ErrorCode code, std::string detail = {}) : error_{code, std::move(detail)} {}

  bool ok() const { return error_.code == ErrorCode::ok; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }
  ErrorCode code() const { return error_.code; }

 private:
  Error error_;
};

using Status = Result<void>;

}  // namespace fep
