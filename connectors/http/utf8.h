// UTF-8 checks for text that clients send and caseflow writes into JSON events: what the events'
// JSON reader would refuse is refused before anything is encoded. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace caseflow::http {

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF), the same rule as the JSON parser the engine decodes events with.
bool valid_utf8(std::string_view text);

// Characters, not bytes (code points of well-formed UTF-8).
size_t utf8_length(std::string_view text);

}  // namespace caseflow::http
