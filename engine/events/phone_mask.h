// Masking of residents' phone numbers (a resident's phone must never travel further than intake):
// no output of caseflow carries one. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace caseflow::events {

// A phone number as it may be shown: the first 3 and last 4 digits kept, the digits between
// replaced by '*' ("13812345678" -> "138****5678"). Separators (' ', '-', '+') are dropped.
// Numbers of 7 digits or fewer keep only their last 2 digits. A '*' counts as a hidden digit, so
// a masked number masks to itself. Other non-digits than separators make the whole value "***"
// (we cannot tell what it is, so we show nothing).
std::string mask_phone(std::string_view phone);

// `text` with every run of 11 digits that looks like a mainland mobile number (starts with 1)
// masked as mask_phone does, so numbers typed into descriptions do not leak either.
std::string mask_phones_in_text(std::string_view text);
// The same, in place (no allocation).
void mask_phones_in_place(std::string& text);

}  // namespace caseflow::events
