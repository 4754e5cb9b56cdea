#include <gtest/gtest.h>

#include "connectors/kafka/bootstrap_forwarder.h"

namespace caseflow::kafka {
namespace {

TEST(SplitHostPort, ReadsHostAndPort) {
  auto hp = split_host_port("127.0.0.1:9092");
  ASSERT_TRUE(hp.ok());
  EXPECT_EQ(hp->first, "127.0.0.1");
  EXPECT_EQ(hp->second, 9092);
}

TEST(SplitHostPort, RefusesWhatIsNotAnAddress) {
  for (const char* bad : {"127.0.0.1", ":9092", "host:", "host:port", "host:70000", "host:90x"}) {
    auto hp = split_host_port(bad);
    EXPECT_FALSE(hp.ok()) << bad;
    if (!hp.ok()) {
      EXPECT_EQ(hp.error().code, "bad_address");
    }
  }
}

}  // namespace
}  // namespace caseflow::kafka
