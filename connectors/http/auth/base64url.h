// base64url (RFC 4648 §5, no padding) as JWTs use it, through OpenSSL's decoder. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace caseflow::http::auth {

// The bytes `text` encodes; nullopt when it is not base64url.
std::optional<std::string> base64url_decode(std::string_view text);
// base64url without padding (tests sign tokens with it).
std::string base64url_encode(std::string_view bytes);

}  // namespace caseflow::http::auth
