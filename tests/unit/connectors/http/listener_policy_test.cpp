// Secure by default: a listener other machines can reach needs Open311 api keys; loopback without
// keys is the development setup and stays allowed.
#include "connectors/http/listener_policy.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace caseflow::http {
namespace {

const std::vector<std::string> kNoKeys;
const std::vector<std::string> kKeys = {"k1"};

TEST(ListenerPolicy, LoopbackWithoutKeysIsAllowed) {
  for (const char* listen : {"127.0.0.1:8080", "127.0.0.53:80", "127.255.255.254:1", "[::1]:8080",
                             "::1:8080", "localhost:8080", "[::ffff:127.0.0.1]:8080"}) {
    EXPECT_TRUE(is_loopback_listen(listen)) << listen;
    EXPECT_TRUE(check_listener_security(listen, kNoKeys).ok()) << listen;
  }
}

TEST(ListenerPolicy, AReachableListenerWithoutKeysIsRefusedWithAMessageNamingBothKeys) {
  for (const char* listen :
       {"0.0.0.0:8080", "192.168.1.10:8080", "10.0.0.1:8080", "[::]:8080", ":8080",
        "caseflow.example.org:8080", "128.0.0.1:8080", "[::ffff:10.0.0.1]:8080"}) {
    EXPECT_FALSE(is_loopback_listen(listen)) << listen;
    const auto checked = check_listener_security(listen, kNoKeys);
    ASSERT_FALSE(checked.ok()) << listen;
    EXPECT_EQ(checked.error().code, "insecure_listener");
    const std::string& message = checked.error().message;
    EXPECT_NE(message.find(std::string("http.listen is ") + listen + " (not loopback)"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("http.api_keys is empty"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
  }
  const auto exact = check_listener_security("0.0.0.0:8080", kNoKeys);
  ASSERT_FALSE(exact.ok());
  EXPECT_EQ(exact.error().message,
            "http.listen is 0.0.0.0:8080 (not loopback) but http.api_keys is empty: anyone who can "
            "reach the port could file reports; set http.api_keys or listen on 127.0.0.1");
}

TEST(ListenerPolicy, AnyListenerWithKeysIsAllowed) {
  for (const char* listen :
       {"0.0.0.0:8080", "192.168.1.10:8080", "[::]:8080", ":8080", "127.0.0.1:8080"}) {
    EXPECT_TRUE(check_listener_security(listen, kKeys).ok()) << listen;
  }
}

// The configs we ship must pass the check the engine makes at start, or it would not start.
TEST(ListenerPolicy, TheShippedConfigsPassIt) {
  for (const char* file : {"config/caseflow.yaml", "config/docker.yaml", "demo/caseflow.yaml"}) {
    const YAML::Node http = YAML::LoadFile(std::string(CASEFLOW_SOURCE_DIR) + "/" + file)["http"];
    const auto listen = http["listen"].as<std::string>("127.0.0.1:8080");
    const auto keys = http["api_keys"].as<std::vector<std::string>>(std::vector<std::string>{});
    const auto checked = check_listener_security(listen, keys);
    EXPECT_TRUE(checked.ok()) << file << ": " << checked.error().message;
  }
}

}  // namespace
}  // namespace caseflow::http
