// JWTs verified against a JSON Web Key Set: keys built from their JWK parameters by OpenSSL, the
// header's kid picking the key, and every key a city could get wrong refused with its place.
#include "connectors/http/auth/jwks.h"

#include <gtest/gtest.h>

#include "connectors/http/auth/jwt_verifier.h"
#include "tests/unit/connectors/http/auth/test_keys.h"

namespace caseflow::http::auth {
namespace {

using testing::TestKey;

constexpr int64_t kNowSeconds = 1'800'000'000;  // seconds
const Instant kAt = Instant::from_unix_millis(kNowSeconds * 1000);
const std::string kClaims =
    R"({"role":"unit","unit":"grid:G01","exp":)" + std::to_string(kNowSeconds + 600) + "}";

class Jwks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa = new TestKey("RS256");
    ec = new TestKey("ES256");
    stranger = new TestKey("RS256");
  }
  static void TearDownTestSuite() {
    delete rsa;
    delete ec;
    delete stranger;
  }
  static std::string set(const std::vector<std::string>& jwks) {
    std::string out = R"({"keys":[)";
    for (size_t i = 0; i < jwks.size(); ++i) out += (i ? "," : "") + jwks[i];
    return out + "]}";
  }
  static Result<JwtVerifier> verifier(const std::string& jwks_text) {
    JwtSettings settings;
    settings.jwks = {"sso.jwks.json"};
    return JwtVerifier::from_pem({}, settings, {jwks_text});
  }
  static std::string error_of(const std::string& jwks_text) {
    auto v = verifier(jwks_text);
    return v ? std::string("accepted") : v.error().code + ": " + v.error().message;
  }
  static TestKey* rsa;
  static TestKey* ec;
  static TestKey* stranger;
};
TestKey* Jwks::rsa = nullptr;
TestKey* Jwks::ec = nullptr;
TestKey* Jwks::stranger = nullptr;

TEST_F(Jwks, TokensOfBothKeyTypesVerifyAgainstTheSet) {
  auto v = verifier(set({rsa->jwk("r1"), ec->jwk("e1")}));
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->key_count(), 2u);
  for (const TestKey* key : {rsa, ec}) {
    for (const std::string kid : {"", "r1", "e1", "unknown"}) {
      auto p = v->verify(key->sign(kClaims, "", kid), kAt);
      // A kid naming the other key's id narrows the search to it: refused. Otherwise verified.
      const bool other_kid = (key == rsa && kid == "e1") || (key == ec && kid == "r1");
      EXPECT_EQ(p.ok(), !other_kid) << key->alg() << " kid '" << kid << "'";
      if (p) {
        EXPECT_EQ(p->scope, "grid:G01");
      }
    }
  }
  EXPECT_EQ(v->verify(stranger->sign(kClaims), kAt).error().code, "bad_credential");
}

TEST_F(Jwks, DuringARotationBothKeysOfOneTypeVerify) {
  auto v = verifier(set({rsa->jwk("2026"), stranger->jwk("2027")}));
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_TRUE(v->verify(rsa->sign(kClaims, "", "2026"), kAt));
  EXPECT_TRUE(v->verify(stranger->sign(kClaims, "", "2027"), kAt));
  // A token signed by one key but naming the other's kid is not tried against its own key.
  EXPECT_FALSE(v->verify(rsa->sign(kClaims, "", "2027"), kAt));
}

TEST_F(Jwks, KeysThatCannotVerifyAreRefusedWithTheirPlace) {
  EXPECT_EQ(error_of("not json"), "bad_jwt_key: sso.jwks.json: not JSON (syntax error)");
  EXPECT_EQ(error_of(R"({"kids":[]})"),
            R"(bad_jwt_key: sso.jwks.json: a JWKS is an object with a "keys" array)");
  EXPECT_EQ(error_of(R"({"keys":[]})"), "bad_jwt_key: sso.jwks.json: the set has no keys");
  EXPECT_EQ(error_of(set({rsa->jwk("r1"), R"({"kty":"oct","k":"c2VjcmV0"})"})),
            "bad_jwt_key: sso.jwks.json: key #2: kty must be RSA or EC, not 'oct'");
  std::string enc = rsa->jwk("r1");
  enc.replace(enc.find(R"("use":"sig")"), 11, R"("use":"enc")");
  EXPECT_EQ(error_of(set({enc})),
            "bad_jwt_key: sso.jwks.json: key #1: use is 'enc'; only signing keys (sig) verify");
  std::string p384 = ec->jwk("e1");
  p384.replace(p384.find("P-256"), 5, "P-384");
  EXPECT_EQ(error_of(set({p384})),
            "bad_jwt_key: sso.jwks.json: key #1: an EC key for ES256 must have crv P-256");
  std::string wrong_alg = rsa->jwk("r1");
  wrong_alg.replace(wrong_alg.find("RS256"), 5, "RS512");
  EXPECT_EQ(error_of(set({wrong_alg})),
            "bad_jwt_key: sso.jwks.json: key #1: alg RS512 does not fit a RSA key (RS256)");
  EXPECT_EQ(error_of(set({R"({"kty":"RSA","e":"AQAB"})"})),
            "bad_jwt_key: sso.jwks.json: key #1: an RSA key needs n and e (base64url)");
  // A point that is not on the curve: x and y both zero.
  const std::string zeros(43, 'A');
  EXPECT_EQ(error_of(set(
                {R"({"kty":"EC","crv":"P-256","x":")" + zeros + R"(","y":")" + zeros + R"("})"})),
            "bad_jwt_key: sso.jwks.json: key #1: OpenSSL refuses the P-256 point (not on the "
            "curve)");
}

TEST_F(Jwks, AShortRsaKeyIsRefused) {
  // 1024-bit modulus (n of 128 bytes) with e = 65537.
  const std::string n =
      http::auth::base64url_encode(std::string(1, '\xC1') + std::string(127, '\x01'));
  EXPECT_EQ(error_of(set({R"({"kty":"RSA","n":")" + n + R"(","e":"AQAB"})"})),
            "bad_jwt_key: sso.jwks.json: key #1: an RSA key for RS256 needs at least 2048 bits");
}

}  // namespace
}  // namespace caseflow::http::auth
