// What sealing residents' phones costs the input path: a report decoded as the runtime decodes it
// (decode_input) with a phone key, against the same report without one, in the same process on
// the same bytes; and AES-256-GCM seal and open alone. Figures only.
#include <cstdio>
#include <string>

#include "bench/common/measure.h"
#include "connectors/kafka/murmur2.h"
#include "connectors/privacy/phone_vault.h"
#include "connectors/runtime/input_decoding.h"

namespace caseflow::bench {
namespace {

constexpr int kBatch = 20'000;
constexpr int32_t kPartitions = 6;

std::string report(const std::string& id) {
  return R"({"specversion":"1.0","id":")" + id + R"(-r","source":"/hotline/12345",)" +
         R"("type":"caseflow.case.reported","subject":")" + id + R"(","data":{)" +
         R"("category":"parking.illegal","description":"a car on the fire lane since 8",)" +
         R"("grid_id":"G00001","channel":"hotline","reporter":"13812345678"}})";
}

Side decoding(const std::string& bytes, const std::string& id, const privacy::PhoneVault* vault) {
  return [&bytes, &id, vault] {
    const runtime::InputRules rules{1 << 20, kPartitions, vault};
    const int32_t owner = kafka::java_partition(id, kPartitions);
    events::CaseEvent event;
    Stopwatch watch;
    watch.start();
    for (int i = 0; i < kBatch; ++i) (void)runtime::decode_input(id, bytes, owner, rules, event);
    watch.stop();
    return Run{kBatch, watch.wall_seconds(), watch.cpu_seconds()};
  };
}

}  // namespace
}  // namespace caseflow::bench

int main() {
  using namespace caseflow;
  using namespace caseflow::bench;
  auto vault = privacy::PhoneVault::from_hex(std::string(64, '7'));
  if (!vault) return 1;
  const std::string id = "t1-20261203-bench0001";
  const std::string bytes = report(id);

  const Paired decode = repeat_paired(decoding(bytes, id, &*vault), decoding(bytes, id, nullptr));
  std::printf("a report with a phone, decode_input (%zu bytes):\n", bytes.size());
  print_rates("  with the phone key (decode, mask, seal)", decode.subject, "reports");
  print_rates("  without a key (decode, mask)", decode.floor, "reports");
  print_ratio("  with / without", decode);

  std::string sealed;
  const std::vector<Run> seals = repeat([&] {
    Stopwatch watch;
    watch.start();
    for (int i = 0; i < kBatch; ++i) sealed = vault->seal("13812345678", id);
    watch.stop();
    return Run{kBatch, watch.wall_seconds(), watch.cpu_seconds()};
  });
  print_rates("PhoneVault::seal", seals, "seals");
  const std::vector<Run> opens = repeat([&] {
    Stopwatch watch;
    watch.start();
    for (int i = 0; i < kBatch; ++i) (void)vault->open(sealed, id);
    watch.stop();
    return Run{kBatch, watch.wall_seconds(), watch.cpu_seconds()};
  });
  print_rates("PhoneVault::open", opens, "opens");
  return 0;
}
