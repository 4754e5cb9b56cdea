// A real PostgreSQL server for a test: initdb into a temp folder, pg_ctl start on a free loopback
// port with its socket in that folder, as the `postgres` user when the test runs as root (initdb
// refuses root). Every test binary starts its own, so parallel ctest runs share nothing. The
// destructor stops it (pg_ctl stop -m fast) and removes the folder; stop() and start() take the
// database down and bring it back, on the same port, with its data.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/common/result.h"

namespace caseflow::testing {

class PostgresServer {
 public:
  struct Options {
    // Off for tests (a crash of the test machine loses nothing that matters); on for benchmarks,
    // so their figures include the flush of every commit.
    bool durable = false;
  };

  // Errors: postgres_server, with the command that failed and its output.
  static Result<std::unique_ptr<PostgresServer>> launch(Options options);
  static Result<std::unique_ptr<PostgresServer>> launch() { return launch(Options{}); }
  ~PostgresServer();

  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // The URL of the database `caseflow`, made at launch.
  const std::string& url() const { return url_; }
  // Creates a new, empty database and returns its URL (one per test keeps tests independent).
  Result<std::string> create_database();

  Status stop();   // fast shutdown: sessions are cut, what was committed stays
  Status start();  // on the same port and data
  bool running() const { return running_; }

  int port() const { return port_; }
  const std::filesystem::path& folder() const { return folder_; }
  // The server's log so far, for failure messages.
  std::string log() const;

 private:
  PostgresServer() = default;
  Status run(const std::vector<std::string>& argv, const std::string& what);
  std::string url_of(const std::string& database) const;

  std::filesystem::path folder_;
  Options options_;
  int port_ = 0;
  bool running_ = false;
  int databases_ = 0;
  std::string url_;
};

}  // namespace caseflow::testing
