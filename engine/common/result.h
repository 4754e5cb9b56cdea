// Errors as values at every boundary of caseflow.
//
// `Error` is a cheap value: a stable machine-readable code plus a human message. `Result<T>` holds
// either a T or an Error. Neither throws; callers must check `ok()` before `value()`.
// Thread rules: plain values, safe to copy and move between threads.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace caseflow {

struct Error {
  std::string code;     // short, stable, snake_case: "bad_yaml", "unknown_case", ...
  std::string message;  // for people: what was wrong and where

  friend bool operator==(const Error&, const Error&) = default;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit on purpose, like std::expected
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> v_;
};

// A Result that carries nothing on success.
using Status = Result<std::monostate>;
inline Status ok_status() { return std::monostate{}; }

}  // namespace caseflow
