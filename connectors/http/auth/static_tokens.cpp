#include "connectors/http/auth/static_tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace caseflow::http::auth {

Sha256 sha256(std::string_view text) {
  Sha256 out{};
  unsigned int size = 0;
  // EVP_Digest with SHA-256 cannot fail on valid arguments; a zeroed digest matches no token.
  if (EVP_Digest(text.data(), text.size(), out.data(), &size, EVP_sha256(), nullptr) != 1) {
    out.fill(0);
  }
  return out;
}

std::string sha256_hex(std::string_view text) {
  constexpr char kDigits[] = "0123456789abcdef";
  const Sha256 digest = sha256(text);
  std::string hex;
  hex.reserve(64);
  for (const unsigned char b : digest) {
    hex.push_back(kDigits[b >> 4]);
    hex.push_back(kDigits[b & 0xf]);
  }
  return hex;
}

std::optional<Sha256> parse_sha256_hex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  Sha256 out{};
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = OPENSSL_hexchar2int(static_cast<unsigned char>(hex[2 * i]));
    const int lo = OPENSSL_hexchar2int(static_cast<unsigned char>(hex[2 * i + 1]));
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return out;
}

Result<StaticTokens> StaticTokens::create(const std::vector<StaticToken>& tokens) {
  StaticTokens out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const StaticToken& t = tokens[i];
    const std::string what =
        "token " + (t.name.empty() ? "#" + std::to_string(i + 1) : "'" + t.name + "'");
    const auto digest = parse_sha256_hex(t.sha256_hex);
    if (!digest) {
      return Error{"bad_token_config",
                   what +
                       ": sha256 must be the 64 hex digits of the token's SHA-256 "
                       "(caseflow hash-token prints them)"};
    }
    if (auto problem = principal_problem(t.principal)) {
      return Error{"bad_token_config", what + ": " + *problem};
    }
    for (const Entry& e : out.entries_) {
      if (e.digest == *digest) return Error{"bad_token_config", what + ": the same token twice"};
    }
    Principal p = t.principal;
    if (p.subject.empty()) p.subject = t.name;
    out.entries_.push_back(Entry{*digest, std::move(p)});
  }
  return out;
}

std::optional<Principal> StaticTokens::find(std::string_view token) const {
  const Sha256 digest = sha256(token);
  std::optional<Principal> found;
  // Every entry is compared, so the time taken does not say which one matched.
  for (const Entry& e : entries_) {
    if (CRYPTO_memcmp(e.digest.data(), digest.data(), digest.size()) == 0) found = e.principal;
  }
  return found;
}

}  // namespace caseflow::http::auth
