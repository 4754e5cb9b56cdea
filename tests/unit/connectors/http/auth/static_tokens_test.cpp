#include "connectors/http/auth/static_tokens.h"

#include <gtest/gtest.h>

#include "connectors/http/auth/authenticator.h"

namespace caseflow::http::auth {
namespace {

TEST(StaticTokens, HashesAsSha256Hex) {
  // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(parse_sha256_hex(sha256_hex("x")));
  EXPECT_TRUE(parse_sha256_hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
  EXPECT_FALSE(parse_sha256_hex("abc"));
  EXPECT_FALSE(parse_sha256_hex(std::string(64, 'g')));
}

TEST(StaticTokens, FindTheirPrincipalByTheTokensHash) {
  auto tokens = StaticTokens::create({
      {"dashboard", sha256_hex("t-viewer"), {Role::viewer, "", ""}},
      {"g01", sha256_hex("t-g01"), {Role::unit, "grid:G01", ""}},
      {"s1", sha256_hex("t-s1"), {Role::office, "street:S1", ""}},
  });
  ASSERT_TRUE(tokens) << tokens.error().message;
  const auto g01 = tokens->find("t-g01");
  ASSERT_TRUE(g01);
  EXPECT_EQ(g01->role, Role::unit);
  EXPECT_EQ(g01->scope, "grid:G01");
  EXPECT_EQ(g01->subject, "g01");  // the entry's name, for logs
  EXPECT_EQ(tokens->find("t-s1")->role, Role::office);
  EXPECT_EQ(tokens->find("t-viewer")->role, Role::viewer);
  EXPECT_FALSE(tokens->find("t-g0"));
  EXPECT_FALSE(tokens->find(""));
  // The hash itself is no token.
  EXPECT_FALSE(tokens->find(sha256_hex("t-g01")));
}

TEST(StaticTokens, RefuseEntriesThatCannotWork) {
  auto bad_hash = StaticTokens::create({{"x", "1234", {Role::viewer, "", ""}}});
  ASSERT_FALSE(bad_hash);
  EXPECT_NE(bad_hash.error().message.find("token 'x'"), std::string::npos);
  EXPECT_FALSE(StaticTokens::create({{"u", sha256_hex("a"), {Role::unit, "", ""}}}));
  EXPECT_FALSE(StaticTokens::create({{"v", sha256_hex("a"), {Role::viewer, "grid:G01", ""}}}));
  EXPECT_FALSE(StaticTokens::create({{"o", sha256_hex("a"), {Role::office, "grid:G01", ""}}}));
  EXPECT_FALSE(StaticTokens::create({{"a", sha256_hex("a"), {Role::viewer, "", ""}},
                                     {"b", sha256_hex("a"), {Role::admin, "", ""}}}));
}

TEST(Authenticator, SaysWhyACredentialIsRefused) {
  auto tokens = StaticTokens::create({{"v", sha256_hex("good"), {Role::viewer, "", ""}}});
  ASSERT_TRUE(tokens);
  const Authenticator a(std::move(*tokens), JwtVerifier());
  const Instant now = Instant::from_unix_millis(1'800'000'000'000);
  EXPECT_TRUE(a.authenticate("Bearer good", now));
  auto none = a.authenticate(std::nullopt, now);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "no_credential");
  EXPECT_EQ(a.authenticate("Basic Z29vZA==", now).error().code, "no_credential");
  EXPECT_EQ(a.authenticate("Bearer ", now).error().code, "no_credential");
  EXPECT_EQ(a.authenticate("Bearer bad", now).error().code, "bad_credential");
  EXPECT_EQ(a.authenticate("Bearer a.b.c", now).error().code, "bad_credential");
}

}  // namespace
}  // namespace caseflow::http::auth
