// A test fixture on a real PostgreSQL server (postgres_server.h): one server for the whole suite,
// started again when a test left it stopped, and a new database for each test (url_).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/integration/archive/postgres_server.h"

namespace caseflow::testing {

class PostgresArchiveTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto s = PostgresServer::launch();
    ASSERT_TRUE(s.ok()) << s.error().message;
    server_ = std::move(*s);
  }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    if (!server_->running()) {
      ASSERT_TRUE(server_->start().ok());
    }
    auto url = server_->create_database();
    ASSERT_TRUE(url.ok()) << url.error().message;
    url_ = *url;
  }

  static inline std::unique_ptr<PostgresServer> server_;
  std::string url_;
};

}  // namespace caseflow::testing
