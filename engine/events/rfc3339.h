// RFC 3339 timestamps for outbound events, written without a time-zone database: the caller
// passes the UTC offset (the case's calendar knows it). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/time/instant.h"

namespace caseflow::events {

// Appends `t` as "2026-11-26T09:30:00+08:00" (offset 0 gives "Z"); milliseconds are written
// (".250") only when not zero, so the text is the same for the same instant and offset.
void append_rfc3339(std::string& out, Instant t, Duration utc_offset = {});
// The same text written into `buf`, which must hold kMaxRfc3339Length bytes; returns the length.
inline constexpr size_t kMaxRfc3339Length = 29;  // "2026-11-26T09:30:00.250+08:00"
size_t write_rfc3339(char* buf, Instant t, Duration utc_offset = {});
std::string format_rfc3339(Instant t, Duration utc_offset = {});

// Reads "YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]"; nullopt for anything else.
std::optional<Instant> parse_rfc3339(std::string_view text);

}  // namespace caseflow::events
