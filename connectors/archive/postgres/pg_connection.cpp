#include "connectors/archive/postgres/pg_connection.h"

#include <array>

namespace caseflow::archive::postgres {
namespace {

std::string trimmed(const char* message) {
  std::string m = message ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

// Where the URL points, without its password, so messages and logs can show it.
std::string describe(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &err);
  if (options == nullptr) {
    std::string reason = trimmed(err);
    PQfreemem(err);
    return "PostgreSQL (unreadable URL: " + reason + ")";
  }
  std::string host, port, db, user;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    const std::string_view k = o->keyword;
    const std::string v = o->val ? o->val : "";
    if (k == "host" || (k == "hostaddr" && host.empty())) host = v;
    if (k == "port") port = v;
    if (k == "dbname") db = v;
    if (k == "user") user = v;
  }
  PQconninfoFree(options);
  std::string out = "PostgreSQL at " + (host.empty() ? std::string("localhost") : host);
  if (!port.empty()) out += ":" + port;
  if (!db.empty()) out += "/" + db;
  if (!user.empty()) out += " as " + user;
  return out;
}

}  // namespace

Result<std::unique_ptr<PgConnection>> PgConnection::connect(std::string_view url) {
  std::unique_ptr<PgConnection> c(new PgConnection(std::string(url), describe(std::string(url))));
  if (auto opened = c->open("archive_open"); !opened) return opened.error();
  return c;
}

Status PgConnection::open(std::string_view code) {
  prepared_.clear();
  // A default connect timeout, so an unreachable host cannot stall the writer for minutes; the
  // URL's own connect_timeout (expanded from dbname, which comes later) wins.
  const std::array<const char*, 4> keywords = {"connect_timeout", "client_encoding", "dbname",
                                               nullptr};
  const std::array<const char*, 4> values = {"10", "UTF8", url_.c_str(), nullptr};
  conn_.reset(PQconnectdbParams(keywords.data(), values.data(), 1));
  if (conn_ == nullptr) return Error{std::string(code), where_ + ": out of memory"};
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    std::string reason = trimmed(PQerrorMessage(conn_.get()));
    conn_.reset();
    return Error{std::string(code), "cannot connect to " + where_ + ": " + reason};
  }
  // Quiet NOTICEs (e.g. "relation already exists, skipping") instead of printing them to stderr.
  PQsetNoticeProcessor(
      conn_.get(), [](void*, const char*) {}, nullptr);
  return ok_status();
}

Status PgConnection::ensure_connected() {
  if (conn_ != nullptr && PQstatus(conn_.get()) == CONNECTION_OK) return ok_status();
  return open("archive_unavailable");
}

Result<PgResult> PgConnection::check(PGresult* raw, std::string_view code) {
  PgResult result(raw);
  const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  if (conn_ == nullptr || PQstatus(conn_.get()) != CONNECTION_OK) {
    std::string reason = trimmed(result ? PQresultErrorMessage(result.get())
                                        : (conn_ ? PQerrorMessage(conn_.get()) : ""));
    conn_.reset();  // the next ensure_connected() makes a new session
    return Error{"archive_unavailable", "lost the connection to " + where_ + ": " + reason};
  }
  std::string reason =
      trimmed(result ? PQresultErrorMessage(result.get()) : PQerrorMessage(conn_.get()));
  return Error{std::string(code), where_ + ": " + reason};
}

Result<PgResult> PgConnection::exec(std::string_view sql, std::string_view code) {
  if (auto c = ensure_connected(); !c) return c.error();
  return check(PQexec(conn_.get(), std::string(sql).c_str()), code);
}

namespace {
std::vector<const char*> raw_values(const PgParams& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return values;
}
}  // namespace

Result<PgResult> PgConnection::exec(std::string_view sql, const PgParams& params,
                                    std::string_view code) {
  if (auto c = ensure_connected(); !c) return c.error();
  const auto values = raw_values(params);
  return check(PQexecParams(conn_.get(), std::string(sql).c_str(), static_cast<int>(values.size()),
                            nullptr, values.data(), nullptr, nullptr, 0),
               code);
}

Result<PgResult> PgConnection::exec_prepared(const std::string& name, std::string_view sql,
                                             const PgParams& params, std::string_view code) {
  if (auto c = ensure_connected(); !c) return c.error();
  if (!prepared_.contains(name)) {
    auto prepared = check(PQprepare(conn_.get(), name.c_str(), std::string(sql).c_str(),
                                    static_cast<int>(params.size()), nullptr),
                          code);
    if (!prepared) return prepared.error();
    prepared_.insert(name);
  }
  const auto values = raw_values(params);
  return check(PQexecPrepared(conn_.get(), name.c_str(), static_cast<int>(values.size()),
                              values.data(), nullptr, nullptr, 0),
               code);
}

}  // namespace caseflow::archive::postgres
