#include "connectors/http/auth/jwt_verifier.h"

#include <gtest/gtest.h>

#include "connectors/http/auth/authenticator.h"
#include "tests/unit/connectors/http/auth/test_keys.h"

namespace caseflow::http::auth {
namespace {

using testing::TestKey;

constexpr int64_t kNow = 1'800'000'000;  // seconds
const Instant kNowInstant = Instant::from_unix_millis(kNow * 1000);

std::string claims(const std::string& role_and_scope, int64_t exp = kNow + 600,
                   const std::string& extra = "") {
  return R"({"sub":"alice",)" + role_and_scope + R"(,"exp":)" + std::to_string(exp) + extra + "}";
}

class Jwt : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa = new TestKey("RS256");
    ec = new TestKey("ES256");
    other_rsa = new TestKey("RS256");
  }
  static void TearDownTestSuite() {
    delete rsa;
    delete ec;
    delete other_rsa;
  }
  static JwtVerifier verifier(JwtSettings settings = {}) {
    auto v = JwtVerifier::from_pem({rsa->public_pem(), ec->public_pem()}, std::move(settings));
    if (!v) throw std::runtime_error(v.error().message);
    return std::move(*v);
  }
  static TestKey* rsa;
  static TestKey* ec;
  static TestKey* other_rsa;
};
TestKey* Jwt::rsa = nullptr;
TestKey* Jwt::ec = nullptr;
TestKey* Jwt::other_rsa = nullptr;

TEST_F(Jwt, Rs256GivesTheUnitOfItsClaims) {
  auto p = verifier().verify(rsa->sign(claims(R"("role":"unit","unit":"grid:G01")")), kNowInstant);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->role, Role::unit);
  EXPECT_EQ(p->scope, "grid:G01");
  EXPECT_EQ(p->subject, "alice");
}

TEST_F(Jwt, Es256GivesTheOfficeOfItsClaims) {
  auto p =
      verifier().verify(ec->sign(claims(R"("role":"office","office":"street:S1")")), kNowInstant);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->role, Role::office);
  EXPECT_EQ(p->scope, "street:S1");
  auto d = verifier().verify(ec->sign(claims(R"("role":"dispatcher")")), kNowInstant);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->role, Role::dispatcher);
  EXPECT_EQ(d->scope, "");
}

TEST_F(Jwt, ASignatureOfAnotherKeyIsRefused) {
  auto p = verifier().verify(other_rsa->sign(claims(R"("role":"admin")")), kNowInstant);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, "bad_credential");
  // A token altered after signing: its payload swapped for another's.
  const std::string good = rsa->sign(claims(R"("role":"viewer")"));
  const std::string admin = rsa->sign(claims(R"("role":"admin")"));
  const auto dot = [](const std::string& t, int n) {
    size_t at = 0;
    for (int i = 0; i < n; ++i) at = t.find('.', at + 1);
    return at;
  };
  const std::string forged = good.substr(0, dot(good, 1)) +
                             admin.substr(dot(admin, 1), dot(admin, 2) - dot(admin, 1)) +
                             good.substr(dot(good, 2));
  EXPECT_EQ(verifier().verify(forged, kNowInstant).error().code, "bad_credential");
}

TEST_F(Jwt, TheHeaderCannotChooseAnotherAlgorithm) {
  // An RSA signature labelled ES256, "none", HS256: each refused.
  for (const char* alg : {"ES256", "none", "HS256", "RS512"}) {
    auto p = verifier().verify(rsa->sign(claims(R"("role":"admin")"), alg), kNowInstant);
    ASSERT_FALSE(p) << alg;
    EXPECT_EQ(p.error().code, "bad_credential") << alg;
  }
}

TEST_F(Jwt, ExpiryAndNotBeforeAreChecked) {
  auto expired = verifier().verify(rsa->sign(claims(R"("role":"viewer")", kNow - 61)), kNowInstant);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, "expired");
  // Within the leeway (60 s by default) a token still counts.
  EXPECT_TRUE(verifier().verify(rsa->sign(claims(R"("role":"viewer")", kNow - 30)), kNowInstant));
  JwtSettings strict;
  strict.leeway = std::chrono::seconds(0);
  EXPECT_EQ(verifier(strict)
                .verify(rsa->sign(claims(R"("role":"viewer")", kNow - 30)), kNowInstant)
                .error()
                .code,
            "expired");
  auto early = verifier().verify(rsa->sign(claims(R"("role":"viewer")", kNow + 600,
                                                  R"(,"nbf":)" + std::to_string(kNow + 300))),
                                 kNowInstant);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, "expired");
}

TEST_F(Jwt, MissingOrWrongClaimsAreRefused) {
  const JwtVerifier v = verifier();
  auto code = [&](const std::string& c) {
    auto p = v.verify(rsa->sign(c), kNowInstant);
    return p ? std::string("ok") : p.error().code;
  };
  EXPECT_EQ(code(R"({"role":"viewer"})"), "bad_credential");  // no exp
  EXPECT_EQ(code(claims(R"("x":1)")), "bad_credential");      // no role
  EXPECT_EQ(code(claims(R"("role":"mayor")")), "bad_credential");
  EXPECT_EQ(code(claims(R"("role":"unit")")), "bad_credential");  // a unit without its unit
  EXPECT_EQ(code(claims(R"("role":"office","office":"grid:G01")")), "bad_credential");
  EXPECT_EQ(code(claims(R"("role":"office")")), "bad_credential");
  EXPECT_EQ(code(claims(R"("role":"viewer")")), "ok");
  EXPECT_EQ(v.verify("not-a-jwt", kNowInstant).error().code, "bad_credential");
  EXPECT_EQ(v.verify("a.b.c", kNowInstant).error().code, "bad_credential");
}

TEST_F(Jwt, IssuerAndAudienceAreCheckedWhenConfigured) {
  JwtSettings s;
  s.issuer = "https://sso.city.example";
  s.audience = "caseflow";
  const JwtVerifier v = verifier(s);
  const std::string right = R"(,"iss":"https://sso.city.example","aud":"caseflow")";
  EXPECT_TRUE(v.verify(rsa->sign(claims(R"("role":"viewer")", kNow + 600, right)), kNowInstant));
  EXPECT_TRUE(v.verify(rsa->sign(claims(R"("role":"viewer")", kNow + 600,
                                        R"(,"iss":"https://sso.city.example",)"
                                        R"("aud":["mail","caseflow"])")),
                       kNowInstant));
  EXPECT_FALSE(v.verify(rsa->sign(claims(R"("role":"viewer")", kNow + 600,
                                         R"(,"iss":"https://evil.example","aud":"caseflow")")),
                        kNowInstant));
  EXPECT_FALSE(v.verify(rsa->sign(claims(R"("role":"viewer")", kNow + 600,
                                         R"(,"iss":"https://sso.city.example","aud":"mail")")),
                        kNowInstant));
  EXPECT_FALSE(v.verify(rsa->sign(claims(R"("role":"viewer")")), kNowInstant));
}

TEST_F(Jwt, KeysThatCannotVerifyAreRefusedAtStart) {
  EXPECT_FALSE(JwtVerifier::from_pem({"not a key"}, {}));
  JwtSettings missing;
  missing.keys = {"/nonexistent/key.pem"};
  auto v = JwtVerifier::create(missing);
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message.find("/nonexistent/key.pem"), std::string::npos);
}

TEST_F(Jwt, TheAuthenticatorTakesJwtsBesideStaticTokens) {
  auto tokens = StaticTokens::create({{"v", sha256_hex("static"), {Role::viewer, "", ""}}});
  ASSERT_TRUE(tokens);
  const Authenticator a(std::move(*tokens), verifier());
  EXPECT_EQ(a.authenticate("Bearer static", kNowInstant)->role, Role::viewer);
  const std::string jwt = ec->sign(claims(R"("role":"unit","unit":"grid:G02")"));
  EXPECT_EQ(a.authenticate("Bearer " + jwt, kNowInstant)->scope, "grid:G02");
  const std::string old = ec->sign(claims(R"("role":"viewer")", kNow - 3600));
  EXPECT_EQ(a.authenticate("Bearer " + old, kNowInstant).error().code, "expired");
}

}  // namespace
}  // namespace caseflow::http::auth
