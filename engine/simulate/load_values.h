// The scalar forms LOAD.yaml accepts, as pure functions on text, so the loader's messages and the
// schema's patterns (config/simulate/load.schema.json) can agree on one definition of each.
// Private to engine/simulate.
#pragma once

#include <optional>
#include <string_view>

namespace caseflow::simulate {

// The longest duration a load model may give, in hours (ten years, as engine/time's spans).
inline constexpr double kMaxLoadHours = 3650.0 * 24;

// A plain decimal number: "30000", "0.7", "-2". nullopt for anything else (text, exponents,
// "inf", "nan", trailing characters). The sign is kept, so callers can say "must not be negative".
std::optional<double> parse_number(std::string_view text);

// A number, or a percentage as its fraction: "2%" and "2.5 %" give 0.02 and 0.025.
std::optional<double> parse_share(std::string_view text);

// An elapsed duration in hours: a decimal count (0 allowed, sign kept) and a unit s, m, h or d,
// optionally separated by spaces: "90m" = 1.5, "1.5h", "2d" = 48. Working spans ("1 workday")
// are refused: a load model speaks of elapsed hours.
std::optional<double> parse_hours(std::string_view text);

}  // namespace caseflow::simulate
