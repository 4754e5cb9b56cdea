#include "tests/integration/archive/postgres_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/integration/support/child_process.h"

namespace caseflow::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const fs::path kBin = "/usr/lib/postgresql/15/bin";

// A port nobody listens on now (the kernel's pick); the server binds it a moment later.
Result<int> free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return Error{"postgres_server", "socket() failed"};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  ::close(fd);
  if (!ok) return Error{"postgres_server", "no free loopback port"};
  return static_cast<int>(ntohs(addr.sin_port));
}

std::string joined(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

}  // namespace

Result<std::unique_ptr<PostgresServer>> PostgresServer::launch(Options options) {
  std::unique_ptr<PostgresServer> s(new PostgresServer());
  s->options_ = options;
  std::string pattern = (fs::temp_directory_path() / "caseflow-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Error{"postgres_server", "cannot make a folder under " + pattern};
  }
  s->folder_ = pattern;
  if (::geteuid() == 0) {
    const passwd* pg = ::getpwnam("postgres");
    if (pg == nullptr) return Error{"postgres_server", "no user `postgres` to run the server as"};
    if (::chown(s->folder_.c_str(), pg->pw_uid, pg->pw_gid) != 0) {
      return Error{"postgres_server", "cannot give " + s->folder_.string() + " to postgres"};
    }
  }
  if (auto made =
          s->run({(kBin / "initdb").string(), "-D", (s->folder_ / "data").string(), "--auth=trust",
                  "--username=postgres", "--encoding=UTF8", "--locale=C", "--no-sync"},
                 "initdb");
      !made) {
    return made.error();
  }
  // A port picked now can be taken before the server binds it: try a few.
  Status started = Error{"postgres_server", "not started"};
  for (int attempt = 0; attempt < 5 && !started; ++attempt) {
    auto port = free_port();
    if (!port) return port.error();
    s->port_ = *port;
    started = s->start();
  }
  if (!started) return started.error();
  if (auto made = s->run({(kBin / "createdb").string(), "-h", "127.0.0.1", "-p",
                          std::to_string(s->port_), "-U", "postgres", "caseflow"},
                         "createdb");
      !made) {
    return made.error();
  }
  s->url_ = s->url_of("caseflow");
  return s;
}

PostgresServer::~PostgresServer() {
  if (running_) (void)stop();
  std::error_code ignored;
  if (!folder_.empty()) fs::remove_all(folder_, ignored);
}

Status PostgresServer::run(const std::vector<std::string>& argv, const std::string& what) {
  std::vector<std::string> full;
  if (::geteuid() == 0) full = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  full.insert(full.end(), argv.begin(), argv.end());
  const auto result = run_command(full, 120s);
  if (result.exit_code != 0) {
    return Error{"postgres_server", what + " failed (exit " + std::to_string(result.exit_code) +
                                        "): " + joined(full) + "\n" + result.output + log()};
  }
  return ok_status();
}

Status PostgresServer::start() {
  std::string settings = "-p " + std::to_string(port_) + " -k " + folder_.string() +
                         " -c listen_addresses=127.0.0.1 -c max_connections=50";
  if (!options_.durable) settings += " -c fsync=off -c full_page_writes=off";
  auto started = run({(kBin / "pg_ctl").string(), "-D", (folder_ / "data").string(), "-l",
                      (folder_ / "server.log").string(), "-o", settings, "-w", "-t", "60", "start"},
                     "pg_ctl start");
  running_ = started.ok();
  return started;
}

Status PostgresServer::stop() {
  auto stopped = run({(kBin / "pg_ctl").string(), "-D", (folder_ / "data").string(), "-m", "fast",
                      "-w", "-t", "60", "stop"},
                     "pg_ctl stop");
  if (stopped) running_ = false;
  return stopped;
}

Result<std::string> PostgresServer::create_database() {
  const std::string name = "caseflow_" + std::to_string(++databases_);
  if (auto made = run({(kBin / "createdb").string(), "-h", "127.0.0.1", "-p", std::to_string(port_),
                       "-U", "postgres", name},
                      "createdb");
      !made) {
    return made.error();
  }
  return url_of(name);
}

std::string PostgresServer::url_of(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresServer::log() const {
  std::ifstream in(folder_ / "server.log");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace caseflow::testing
