#include "connectors/privacy/phone_vault.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

namespace caseflow::privacy {
namespace {

constexpr std::string_view kSealedPrefix = "v1:";
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;

struct CipherFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using Cipher = std::unique_ptr<EVP_CIPHER_CTX, CipherFree>;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trimmed(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string base64(const uint8_t* bytes, size_t n) {
  std::string out(4 * ((n + 2) / 3) + 1, '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(n));
  out.resize(static_cast<size_t>(written));
  return out;
}

// Standard base64 with padding, as base64() writes it; nullopt for anything else.
std::optional<std::string> unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  size_t pad = 0;
  if (text.back() == '=') ++pad;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

Error key_error(const std::string& path, const std::string& what) {
  return Error{"key_file", "phone key file " + path + ": " + what};
}

// A new random key in a file only its owner may read; the folder is created.
Status create_key_file(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);
  std::array<uint8_t, PhoneVault::kKeyBytes> key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
    return key_error(path, "no random bytes for a new key");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (uint8_t b : key) {
    text += kHex[b >> 4];
    text += kHex[b & 15];
  }
  text += '\n';
  OPENSSL_cleanse(key.data(), key.size());
  // O_EXCL: two engines starting at once must not each write a different key.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    wipe(text);
    if (errno == EEXIST) return ok_status();
    return key_error(path, std::string("cannot create it: ") + std::strerror(errno));
  }
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  wipe(text);
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) return key_error(path, "cannot write the new key");
  return ok_status();
}

constexpr size_t kNoncesPerDraw = 256;

}  // namespace

struct PhoneVault::NoncePool {
  std::mutex mutex;
  std::array<uint8_t, kNonceBytes * kNoncesPerDraw> bytes{};
  size_t used = bytes.size();  // empty: the first seal draws
};

PhoneVault::PhoneVault() : nonces_(std::make_shared<NoncePool>()) {}

bool PhoneVault::next_nonce(uint8_t* out) const {
  NoncePool& pool = *nonces_;
  std::lock_guard<std::mutex> lock(pool.mutex);
  if (pool.used == pool.bytes.size()) {
    if (RAND_bytes(pool.bytes.data(), static_cast<int>(pool.bytes.size())) != 1) return false;
    pool.used = 0;
  }
  std::copy_n(pool.bytes.data() + pool.used, kNonceBytes, out);
  // Each nonce is handed out once: wiped from the pool as it leaves.
  OPENSSL_cleanse(pool.bytes.data() + pool.used, kNonceBytes);
  pool.used += kNonceBytes;
  return true;
}

void wipe(std::string& secret) {
  if (!secret.empty()) OPENSSL_cleanse(secret.data(), secret.size());
  secret.clear();
}

PhoneVault::~PhoneVault() { OPENSSL_cleanse(key_.data(), key_.size()); }

Result<PhoneVault> PhoneVault::from_hex(std::string_view hex) {
  hex = trimmed(hex);
  if (hex.size() != 2 * kKeyBytes) return Error{"key_file", "the key is not 64 hex digits"};
  PhoneVault vault;
  for (size_t i = 0; i < kKeyBytes; ++i) {
    const int hi = hex_digit(hex[2 * i]);
    const int lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return Error{"key_file", "the key is not 64 hex digits"};
    vault.key_[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return vault;
}

Result<PhoneVault> PhoneVault::from_key_file(const std::string& path, bool create) {
  std::error_code ec;
  if (create && !std::filesystem::exists(path, ec)) {
    if (Status made = create_key_file(path); !made) return made.error();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return key_error(path, "cannot read it");
  std::ostringstream text;
  text << in.rdbuf();
  std::string hex = std::move(text).str();
  Result<PhoneVault> vault = from_hex(hex);
  wipe(hex);
  if (!vault) return key_error(path, vault.error().message + " (make one: openssl rand -hex 32)");
  return vault;
}

std::string PhoneVault::seal(std::string_view phone, std::string_view case_id) const {
  std::array<uint8_t, kNonceBytes + 64 + kTagBytes> buf{};
  std::string out;
  if (phone.size() > 64) phone = phone.substr(0, 64);  // no phone number is longer
  if (!next_nonce(buf.data())) return out;
  Cipher ctx(EVP_CIPHER_CTX_new());
  int n = 0;
  int tail = 0;
  uint8_t* sealed = buf.data() + kNonceBytes;
  const bool done =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), buf.data()) &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &n, reinterpret_cast<const uint8_t*>(case_id.data()),
                        static_cast<int>(case_id.size())) &&
      EVP_EncryptUpdate(ctx.get(), sealed, &n, reinterpret_cast<const uint8_t*>(phone.data()),
                        static_cast<int>(phone.size())) &&
      EVP_EncryptFinal_ex(ctx.get(), sealed + n, &tail) &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, sealed + n + tail);
  if (!done) return out;
  const size_t total = kNonceBytes + static_cast<size_t>(n + tail) + kTagBytes;
  out = std::string(kSealedPrefix) + base64(buf.data(), total);
  return out;
}

std::optional<std::string> PhoneVault::open(std::string_view sealed,
                                            std::string_view case_id) const {
  if (!sealed.starts_with(kSealedPrefix)) return std::nullopt;
  std::optional<std::string> bytes = unbase64(sealed.substr(kSealedPrefix.size()));
  if (!bytes || bytes->size() < kNonceBytes + kTagBytes) return std::nullopt;
  const auto* raw = reinterpret_cast<const uint8_t*>(bytes->data());
  const size_t length = bytes->size() - kNonceBytes - kTagBytes;
  std::string phone(length, '\0');
  Cipher ctx(EVP_CIPHER_CTX_new());
  int n = 0;
  int tail = 0;
  std::array<uint8_t, kTagBytes> tag{};
  std::copy_n(raw + kNonceBytes + length, kTagBytes, tag.begin());
  const bool done =
      ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), raw) &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &n, reinterpret_cast<const uint8_t*>(case_id.data()),
                        static_cast<int>(case_id.size())) &&
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<uint8_t*>(phone.data()), &n, raw + kNonceBytes,
                        static_cast<int>(length)) &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) &&
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<uint8_t*>(phone.data()) + n, &tail) > 0;
  if (!done) {
    wipe(phone);
    return std::nullopt;
  }
  return phone;
}

}  // namespace caseflow::privacy
