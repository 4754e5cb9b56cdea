// Static bearer tokens from config, for small deployments and tests. The config holds only the
// SHA-256 of each token (hex), so a leaked config file gives no usable token; a presented token
// is hashed and compared with CRYPTO_memcmp (constant time, so the time taken says nothing about
// how much of a hash matched).
//
// Thread rules: build before serving; find() is const and thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/http/auth/principal.h"
#include "engine/common/result.h"

namespace caseflow::http::auth {

using Sha256 = std::array<unsigned char, 32>;

Sha256 sha256(std::string_view text);
// Lower-case hex of sha256(text): what `caseflow hash-token` prints and config stores.
std::string sha256_hex(std::string_view text);
// The digest written as 64 hex digits (either case); nullopt for anything else.
std::optional<Sha256> parse_sha256_hex(std::string_view hex);

struct StaticToken {
  std::string name;  // for logs ("grid-app", "dashboard"): never the token
  std::string sha256_hex;
  Principal principal;
};

class StaticTokens {
 public:
  // Checks each entry (a 64-digit hex digest, a valid principal, no digest twice); the Error
  // (code bad_token_config) names the entry.
  static Result<StaticTokens> create(const std::vector<StaticToken>& tokens);

  // The principal of the token whose digest is sha256(token); nullopt if none.
  std::optional<Principal> find(std::string_view token) const;
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    Sha256 digest;
    Principal principal;
  };
  std::vector<Entry> entries_;
};

}  // namespace caseflow::http::auth
