// Checking the names and closed-set values of query parameters. A misspelt name (`?stauts=open`)
// or an unknown value (`?status=nonsense`) would otherwise filter nothing or everything and
// answer a plausible but wrong 200; these checks turn both into a 400 that says what is allowed.
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connectors/http/form.h"
#include "engine/common/result.h"
#include "engine/time/instant.h"

namespace caseflow::http {

// The error of a query that cannot be answered (400 bad_query), with what is wrong.
inline Error bad_query(std::string message) { return Error{"bad_query", std::move(message)}; }

struct QueryParam {
  std::string_view name;
  bool repeatable = false;  // may be given more than once (lists); otherwise a repeat is an error
};

// The first problem with the parameter names of `query`, as a message for a 400: a name not in
// `known` (the message lists the known names) or a repeated name that takes one value.
// nullopt when there is none.
std::optional<std::string> check_query_names(const FormFields& query,
                                             const std::vector<QueryParam>& known);

// "NAME must be one of: a, b, c".
std::string must_be_one_of(std::string_view name, const std::vector<std::string_view>& allowed);

// The paging and time-range parameters list paths share. Each reads its parameters when given
// and leaves the outputs alone otherwise; the result is the message for a 400, nullopt when fine.
//   from, to        RFC 3339 date-times with a zone
//   offset, limit   whole numbers
std::optional<std::string> read_time_range(const FormFields& query, std::optional<Instant>& from,
                                           std::optional<Instant>& to);
std::optional<std::string> read_paging(const FormFields& query, size_t& offset, size_t& limit);

}  // namespace caseflow::http
