// The resident's phone sealed with AES-256-GCM under the key in one file (docs/security.md "The
// resident's phone"): what the engine, its changelog, caseflow.updates and the archive hold
// instead of the number. The case id is the cipher's associated data, so a sealed phone opens
// only for the case it was sealed for. Thread-safe: the key is immutable once loaded, and the
// nonces come from a pool drawn from OpenSSL's generator in blocks under a lock (one RAND_bytes
// call costs about 1.8 us whatever its size, most of a seal's cost). Copies share the pool.
// caseflow does not fork, so no two processes ever hold the same pool.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/common/result.h"

namespace caseflow::privacy {

class PhoneVault {
 public:
  static constexpr size_t kKeyBytes = 32;

  // The key in `path`: 64 hex digits (`openssl rand -hex 32`), surrounding white space allowed.
  // With `create` and no such file, a new random key is written there first (mode 0600, its
  // folder created). Errors: key_file (missing, unreadable, not 64 hex digits, cannot create).
  static Result<PhoneVault> from_key_file(const std::string& path, bool create);
  // The key from its 64 hex digits; Error key_file otherwise.
  static Result<PhoneVault> from_hex(std::string_view hex);

  PhoneVault(const PhoneVault&) = default;
  PhoneVault& operator=(const PhoneVault&) = default;
  ~PhoneVault();

  // "v1:" + base64(nonce | ciphertext | tag), with a fresh random nonce; "" if OpenSSL fails.
  std::string seal(std::string_view phone, std::string_view case_id) const;
  // The phone `sealed` holds; nullopt when it is not one this key sealed for `case_id`.
  std::optional<std::string> open(std::string_view sealed, std::string_view case_id) const;

 private:
  struct NoncePool;
  PhoneVault();
  // A nonce never handed out before; false when the generator fails.
  bool next_nonce(uint8_t* out) const;

  std::array<uint8_t, kKeyBytes> key_{};
  std::shared_ptr<NoncePool> nonces_;
};

// Overwrites `secret` with zeros the compiler may not elide, then empties it.
void wipe(std::string& secret);

}  // namespace caseflow::privacy
