#include "connectors/http/auth/base64url.h"

#include <openssl/evp.h>

#include <vector>

namespace caseflow::http::auth {

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string b64;
  b64.reserve(text.size() + 3);
  for (const char c : text) {
    if (c == '-') {
      b64.push_back('+');
    } else if (c == '_') {
      b64.push_back('/');
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      b64.push_back(c);
    } else {
      return std::nullopt;  // '+', '/', '=' and anything else are not base64url
    }
  }
  const size_t pad = (4 - b64.size() % 4) % 4;
  b64.append(pad, '=');
  std::vector<unsigned char> out(b64.size() / 4 * 3 + 1);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(b64.data()),
                                static_cast<int>(b64.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the bytes the padding stands for; they are not data.
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<size_t>(n) - pad);
}

std::string base64url_encode(std::string_view bytes) {
  std::vector<unsigned char> out((bytes.size() + 2) / 3 * 4 + 1);
  const int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  std::string text;
  text.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const char c = static_cast<char>(out[static_cast<size_t>(i)]);
    if (c == '=') break;
    text.push_back(c == '+' ? '-' : c == '/' ? '_' : c);
  }
  return text;
}

}  // namespace caseflow::http::auth
