// Several instances behind one address: a read of a case answers from any instance, also right
// after it was reported there. Two engine processes share the input partitions and a PostgreSQL
// archive (where each records the partitions it owns); a read of a case the other one holds is
// forwarded to it once.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <thread>

#include "connectors/kafka/murmur2.h"
#include "tests/integration/archive/postgres_server.h"
#include "tests/integration/crash/process_fixture.h"
#include "tests/integration/support/http_client.h"

namespace caseflow::testing {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr int kPartitions = 4;  // BrokerProcess's caseflow.events
const std::map<std::string, std::string> kForm = {
    {"Content-Type", "application/x-www-form-urlencoded"}};

struct Engine {
  std::unique_ptr<ChildProcess> process;
  std::string address;  // 127.0.0.1:port
};

Engine start(const std::filesystem::path& config, const std::string& instance) {
  Engine e;
  e.process = start_engine(config, instance);
  auto line = e.process->wait_for_line("http:", 30s);
  if (!line) throw std::runtime_error("no http line: " + e.process->output());
  const auto from = line->find("http://") + 7;
  e.address = line->substr(from, line->find("/readyz") - from);
  return e;
}

// The partitions `output` last said it was assigned ("assigned input partitions [0,1] of ...").
std::set<int32_t> last_assignment(const std::string& output) {
  const std::string marker = "assigned input partitions [";
  const auto at = output.rfind(marker);
  std::set<int32_t> out;
  if (at == std::string::npos) return out;
  const auto revoked = output.rfind("revoked input partitions");
  if (revoked != std::string::npos && revoked > at) return out;
  std::string list = output.substr(at + marker.size(), output.find(']', at) - at - marker.size());
  for (size_t i = 0; i < list.size();) {
    const size_t comma = list.find(',', i);
    out.insert(std::stoi(list.substr(i, comma - i)));
    i = comma == std::string::npos ? list.size() : comma + 1;
  }
  return out;
}

// The service_request_id of an Open311 POST's JSON answer.
std::string request_id(const std::string& body) {
  const std::string key = "\"service_request_id\":\"";
  const auto at = body.find(key);
  if (at == std::string::npos) return "";
  const auto from = at + key.size();
  return body.substr(from, body.find('"', from) - from);
}

// Points the engine config at the PostgreSQL archive. The fixture's config turns the archive off
// in an `archive:` section of its own; a second section appended after it would be a duplicate
// key, of which the YAML reader sees only the first, and the engines would run with no archive
// (so no ownership records) at all.
void archive_into(const std::filesystem::path& config, const std::string& url) {
  std::string text;
  {
    std::ifstream in(config);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string off = "archive:\n  enabled: false\n";
  const auto at = text.find(off);
  ASSERT_NE(at, std::string::npos) << "the fixture's config no longer disables the archive:\n"
                                   << text;
  ASSERT_EQ(text.find("archive:", at + off.size()), std::string::npos) << text;
  text.replace(at, off.size(), "archive:\n  url: \"" + url + "\"\n");
  std::ofstream(config, std::ios::trunc) << text;
}

class ScaleOutReads : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pg = PostgresServer::launch();
    ASSERT_TRUE(pg) << pg.error().message;
    postgres_ = std::move(*pg);
    config_ = broker_.engine_config(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/scale");
    ASSERT_NO_FATAL_FAILURE(archive_into(config_, postgres_->url()));
    a_ = start(config_, "a");
    b_ = start(config_, "b");
    // Both serve: between them they own every partition, each its own.
    const auto deadline = SteadyClock::now() + 90s;
    while (SteadyClock::now() < deadline) {
      a_.process->wait_exit(20ms);
      b_.process->wait_exit(20ms);
      owned_a_ = last_assignment(a_.process->output());
      owned_b_ = last_assignment(b_.process->output());
      if (!owned_a_.empty() && !owned_b_.empty() &&
          owned_a_.size() + owned_b_.size() == size_t(kPartitions) &&
          http_get(a_.address, "/readyz").status == 200 &&
          http_get(b_.address, "/readyz").status == 200) {
        break;
      }
    }
    ASSERT_FALSE(owned_a_.empty()) << a_.process->output();
    ASSERT_FALSE(owned_b_.empty()) << b_.process->output();
    ASSERT_EQ(owned_a_.size() + owned_b_.size(), size_t(kPartitions))
        << a_.process->output() << b_.process->output();
  }

  void TearDown() override {
    for (Engine* e : {&a_, &b_}) {
      if (!e->process) continue;
      e->process->signal(SIGTERM);
      EXPECT_EQ(e->process->wait_exit(60s), 0) << e->process->output();
    }
  }

  // Reports a complaint to `to` (Open311) until one lands on a partition `owner` holds; its id.
  std::string report_owned_by(const Engine& to, const std::set<int32_t>& owner) {
    for (int i = 0; i < 40; ++i) {
      HttpReply r = http_request("POST", to.address, "/open311/v2/requests.json",
                                 "service_code=parking.illegal&attribute[grid_id]=G1&"
                                 "description=car+on+the+pavement",
                                 kForm);
      EXPECT_EQ(r.status, 200) << r.body << r.error;
      const std::string id = request_id(r.body);
      if (owner.contains(kafka::java_partition(id, kPartitions))) return id;
    }
    ADD_FAILURE() << "40 reports and none on the wanted partitions";
    return "";
  }

  // GETs `target` from `from` until it answers 200 (the report is applied within a commit
  // interval); every answer before is kept for the failure message.
  HttpReply get_until_ok(const Engine& from, const std::string& target, std::string& seen) {
    HttpReply r;
    for (auto deadline = SteadyClock::now() + 10s; SteadyClock::now() < deadline;) {
      r = http_get_as_viewer(from.address, target);
      if (r.status == 200) return r;
      seen += std::to_string(r.status) + " " + r.body + r.error + "\n";
      std::this_thread::sleep_for(20ms);
    }
    return r;
  }

  BrokerProcess broker_;
  std::unique_ptr<PostgresServer> postgres_;
  std::filesystem::path config_;
  Engine a_, b_;
  std::set<int32_t> owned_a_, owned_b_;
};

TEST_F(ScaleOutReads, ACaseReportedToOneInstanceIsReadFromTheOtherAtOnce) {
  // Reported to a, held by a: b forwards both reads to a.
  const std::string on_a = report_owned_by(a_, owned_a_);
  std::string seen;
  HttpReply r = get_until_ok(b_, "/open311/v2/requests/" + on_a + ".json", seen);
  ASSERT_EQ(r.status, 200) << seen << b_.process->output();
  EXPECT_NE(r.body.find("\"service_request_id\":\"" + on_a + "\""), std::string::npos) << r.body;
  r = http_get_as_viewer(b_.address, "/api/v1/cases/" + on_a);
  ASSERT_EQ(r.status, 200) << r.body << r.error;
  EXPECT_NE(r.body.find("\"id\":\"" + on_a + "\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"status\":\"dispatched\""), std::string::npos)
      << "the live state, from the engine that holds it: " << r.body;

  // The other way round: reported to b, held by b, read from a.
  const std::string on_b = report_owned_by(b_, owned_b_);
  seen.clear();
  r = get_until_ok(a_, "/api/v1/cases/" + on_b, seen);
  ASSERT_EQ(r.status, 200) << seen << a_.process->output();
  EXPECT_NE(r.body.find("\"id\":\"" + on_b + "\""), std::string::npos) << r.body;
  r = http_get(a_.address, "/open311/v2/requests/" + on_b + ".json");
  ASSERT_EQ(r.status, 200) << r.body << r.error;

  // Reported to a but held by b: read from a, which forwards to b.
  const std::string crossed = report_owned_by(a_, owned_b_);
  seen.clear();
  r = get_until_ok(a_, "/api/v1/cases/" + crossed, seen);
  ASSERT_EQ(r.status, 200) << seen << a_.process->output();
  EXPECT_NE(r.body.find("\"id\":\"" + crossed + "\""), std::string::npos) << r.body;
}

TEST_F(ScaleOutReads, AForwardedReadIsAnsweredWhereItArrivesAndNeverForwardedAgain) {
  // A case id nobody reported, on a partition a holds.
  std::string id;
  for (int i = 0; id.empty(); ++i) {
    const std::string candidate = "nobody-" + std::to_string(i);
    if (owned_a_.contains(kafka::java_partition(candidate, kPartitions))) id = candidate;
  }
  // Asked plainly, b forwards to a, which holds the partition and knows no such case.
  HttpReply plain;
  for (auto deadline = SteadyClock::now() + 10s; SteadyClock::now() < deadline;) {
    plain = http_get_as_viewer(b_.address, "/api/v1/cases/" + id);
    if (plain.body.find("unknown_case") != std::string::npos) break;
    std::this_thread::sleep_for(50ms);  // a's ownership record is written just after assignment
  }
  EXPECT_EQ(plain.status, 404) << plain.body << plain.error;
  EXPECT_NE(plain.body.find("\"unknown_case\""), std::string::npos)
      << "a's answer, relayed by b: " << plain.body;

  // Marked as forwarded, b answers itself (it does not hold the partition and its archive has no
  // such case) instead of sending it on.
  const auto started = SteadyClock::now();
  HttpReply forwarded =
      http_request("GET", b_.address, "/api/v1/cases/" + id, "",
                   {{"X-Caseflow-Forwarded", "1"},
                    {"Authorization", std::string("Bearer ") + kTestViewerToken}});
  EXPECT_LT(SteadyClock::now() - started, 2s);
  EXPECT_EQ(forwarded.status, 404) << forwarded.body << forwarded.error;
  EXPECT_NE(forwarded.body.find("\"not_on_this_instance\""), std::string::npos) << forwarded.body;
  HttpReply open311 = http_request("GET", b_.address, "/open311/v2/requests/" + id + ".json", "",
                                   {{"X-Caseflow-Forwarded", "1"}});
  EXPECT_EQ(open311.status, 404) << open311.body << open311.error;
  EXPECT_NE(open311.body.find("not on this instance"), std::string::npos) << open311.body;
}

}  // namespace
}  // namespace caseflow::testing
