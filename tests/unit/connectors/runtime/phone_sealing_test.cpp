// The resident's phone is sealed before the engine sees it: what the engine keeps opens only
// with the configured key and only for its own case, and a sealed phone that does not open is
// refused with a reason.
#include "connectors/runtime/phone_sealing.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "connectors/kafka/murmur2.h"
#include "connectors/runtime/input_decoding.h"

namespace caseflow::runtime {
namespace {

constexpr std::string_view kKey =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr std::string_view kOtherKey =
    "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr int32_t kSealingPartitions = 6;

privacy::PhoneVault vault_of(std::string_view hex) {
  auto v = privacy::PhoneVault::from_hex(hex);
  EXPECT_TRUE(v.ok());
  return std::move(v).value();
}

std::string reported(const std::string& case_id, const std::string& reporter_json) {
  return R"({"specversion":"1.0","id":")" + case_id + R"(-r","source":"/hotline/12345",)" +
         R"("type":"caseflow.case.reported","subject":")" + case_id + R"(","data":{)" +
         R"("category":"parking.illegal","description":"car","grid_id":"G00001","reporter":)" +
         reporter_json + "}}";
}

InputVerdict decode_here(const std::string& case_id, const std::string& bytes,
                         const privacy::PhoneVault* vault, events::CaseEvent& event) {
  const InputRules rules{1 << 20, kSealingPartitions, vault};
  return decode_input(case_id, bytes, kafka::java_partition(case_id, kSealingPartitions), rules,
                      event);
}

TEST(PhoneVault, ASealedPhoneOpensForItsOwnCaseOnly) {
  const privacy::PhoneVault vault = vault_of(kKey);
  const std::string sealed = vault.seal("13812345678", "c-1");
  EXPECT_TRUE(sealed.starts_with("v1:")) << sealed;
  EXPECT_EQ(sealed.find("12345678"), std::string::npos) << sealed;
  EXPECT_EQ(vault.open(sealed, "c-1"), "13812345678");
  EXPECT_EQ(vault.open(sealed, "c-2"), std::nullopt) << "moved to another case";
  EXPECT_EQ(vault_of(kOtherKey).open(sealed, "c-1"), std::nullopt) << "another key";
  // A fresh nonce each time: equal phones do not give equal bytes.
  EXPECT_NE(vault.seal("13812345678", "c-1"), sealed);
}

TEST(PhoneVault, NoTwoSealsShareANonceAcrossManyDrawsAndCopies) {
  const privacy::PhoneVault vault = vault_of(kKey);
  const privacy::PhoneVault copy = vault;  // shares the pool of nonces
  std::set<std::string> nonces;
  constexpr int kSeals = 2'000;  // several draws of the pool
  for (int i = 0; i < kSeals; ++i) {
    const std::string sealed = (i % 2 ? copy : vault).seal("13812345678", "c-1");
    ASSERT_EQ(vault.open(sealed, "c-1"), "13812345678");
    nonces.insert(sealed.substr(0, 3 + 16));  // "v1:" and the base64 of the 12-byte nonce
  }
  EXPECT_EQ(nonces.size(), static_cast<size_t>(kSeals));
}

TEST(PhoneVault, AChangedByteIsNotOpened) {
  const privacy::PhoneVault vault = vault_of(kKey);
  std::string sealed = vault.seal("13812345678", "c-1");
  sealed[10] = sealed[10] == 'A' ? 'B' : 'A';
  EXPECT_EQ(vault.open(sealed, "c-1"), std::nullopt);
  EXPECT_EQ(vault.open("13812345678", "c-1"), std::nullopt);
  EXPECT_EQ(vault.open("v1:", "c-1"), std::nullopt);
  EXPECT_EQ(vault.open("v1:not base64!", "c-1"), std::nullopt);
}

TEST(PhoneVault, AKeyIsSixtyFourHexDigits) {
  EXPECT_FALSE(privacy::PhoneVault::from_hex("abc").ok());
  std::string bad(kKey);
  bad[5] = 'g';
  EXPECT_FALSE(privacy::PhoneVault::from_hex(bad).ok());
  EXPECT_TRUE(privacy::PhoneVault::from_hex("  " + std::string(kKey) + "\n").ok());
}

TEST(PhoneVault, AMissingKeyFileIsCreatedOnlyWhenAskedAndOnlyItsOwnerReadsIt) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("caseflow-key-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const std::string path = (dir / "keys" / "phone.key").string();

  auto missing = privacy::PhoneVault::from_key_file(path, false);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "key_file");
  EXPECT_NE(missing.error().message.find(path), std::string::npos) << missing.error().message;

  auto made = privacy::PhoneVault::from_key_file(path, true);
  ASSERT_TRUE(made.ok()) << made.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  // The same file read again is the same key: what one start sealed, the next one opens.
  auto again = privacy::PhoneVault::from_key_file(path, true);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->open(made->seal("13812345678", "c-1"), "c-1"), "13812345678");

  std::ofstream(path, std::ios::trunc) << "not a key\n";
  auto broken = privacy::PhoneVault::from_key_file(path, true);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("64 hex digits"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(PhoneSealing, APlainPhoneIsSealedAndWipedBeforeTheEngineSeesIt) {
  const privacy::PhoneVault vault = vault_of(kKey);
  for (const std::string reporter : {R"("13812345678")", R"({"phone":"13812345678"})"}) {
    events::CaseEvent event;
    const InputVerdict v = decode_here("c-7", reported("c-7", reporter), &vault, event);
    ASSERT_EQ(v.kind, InputVerdict::Kind::apply) << v.message;
    EXPECT_EQ(event.resident_phone, "");
    EXPECT_EQ(event.reporter, "138****5678");
    EXPECT_EQ(vault.open(event.sealed_phone, "c-7"), "13812345678") << reporter;
  }
}

TEST(PhoneSealing, WithoutAKeyAPlainPhoneIsKeptMaskedOnly) {
  events::CaseEvent event;
  const InputVerdict v = decode_here("c-7", reported("c-7", R"("13812345678")"), nullptr, event);
  ASSERT_EQ(v.kind, InputVerdict::Kind::apply);
  EXPECT_EQ(event.resident_phone, "");
  EXPECT_EQ(event.sealed_phone, "");
  EXPECT_EQ(event.reporter, "138****5678");
}

TEST(PhoneSealing, ASealedPhoneIsCheckedAndGivesTheMask) {
  const privacy::PhoneVault vault = vault_of(kKey);
  const std::string sealed = vault.seal("13812345678", "c-7");
  events::CaseEvent event;
  const std::string bytes = reported("c-7", R"({"sealed_phone":")" + sealed + R"("})");
  const InputVerdict v = decode_here("c-7", bytes, &vault, event);
  ASSERT_EQ(v.kind, InputVerdict::Kind::apply) << v.message;
  EXPECT_EQ(event.sealed_phone, sealed);
  EXPECT_EQ(event.reporter, "138****5678");

  // Sealed for another case, under another key, or with no key here: refused, with the reason.
  const std::string elsewhere = reported("c-8", R"({"sealed_phone":")" + sealed + R"("})");
  InputVerdict moved = decode_here("c-8", elsewhere, &vault, event);
  EXPECT_EQ(moved.kind, InputVerdict::Kind::dead_letter);
  EXPECT_EQ(moved.reason, "sealed_phone");
  EXPECT_NE(moved.message.find("c-8"), std::string::npos) << moved.message;
  const privacy::PhoneVault other = vault_of(kOtherKey);
  EXPECT_EQ(decode_here("c-7", bytes, &other, event).reason, "sealed_phone");
  const InputVerdict keyless = decode_here("c-7", bytes, nullptr, event);
  EXPECT_EQ(keyless.reason, "sealed_phone");
  EXPECT_NE(keyless.message.find("privacy.phone_key_file"), std::string::npos);
}

TEST(PhoneSealing, APhoneAndASealedPhoneTogetherAreRefused) {
  const privacy::PhoneVault vault = vault_of(kKey);
  events::CaseEvent event;
  const std::string both = reported(
      "c-7", R"({"phone":"13812345678","sealed_phone":")" + vault.seal("1", "c-7") + R"("})");
  const InputVerdict v = decode_here("c-7", both, &vault, event);
  EXPECT_EQ(v.kind, InputVerdict::Kind::dead_letter);
  EXPECT_EQ(v.reason, "bad_data");
}

}  // namespace
}  // namespace caseflow::runtime
