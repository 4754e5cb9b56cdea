#include "connectors/archive/postgres/pg_case_sql.h"

#include <charconv>
#include <cstdlib>

#include "connectors/archive/postgres/pg_array.h"

namespace caseflow::archive::postgres {

const std::string_view kCaseColumns =
    "id, seq, status, workflow, stage, unit, category, urgency, request_type, grid, community, "
    "street, district, reported_at, closed_at, outcome, merged_into, description, channel, "
    "reporter, address, lat, lon, breached, archived_at, updated_at";

namespace {

// The upsert of the cases, with the sealed phone from kSealedPhoneVersion on. ON CONFLICT sees
// only the proposed row, where an erasure and "not said" are both NULL, so the erasing cases
// travel apart, as the id array $28 (empty in most batches).
std::string upsert_cases_text(bool keeps_phone) {
  std::string sql = R"sql(
INSERT INTO cases AS c (id, seq, status, workflow, stage, unit, category, urgency, request_type,
                        grid, community, street, district, reported_at, closed_at, outcome,
                        merged_into, description, channel, reporter, address, lat, lon, breached,
                        archived_at, updated_at)sql";
  sql += keeps_phone ? ", sealed_phone)" : ")";
  sql += R"sql(
SELECT id, seq, status, workflow, stage, unit, category, urgency, request_type, grid, community,
       street, district, reported_at, closed_at, outcome, merged_into, description, channel,
       reporter, address, lat, lon, COALESCE(breached, FALSE), archived_at, updated_at)sql";
  sql += keeps_phone ? ", sealed_phone" : "";
  sql += R"sql(
FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
            $14::bigint[], $15::bigint[], $16::text[], $17::text[], $18::text[], $19::text[],
            $20::text[], $21::text[], $22::float8[], $23::float8[], $24::boolean[],
            $25::bigint[], $26::bigint[])sql";
  sql += keeps_phone ? ", $27::text[])" : ")";
  sql += R"sql(
  AS u(id, seq, status, workflow, stage, unit, category, urgency, request_type, grid, community,
       street, district, reported_at, closed_at, outcome, merged_into, description, channel,
       reporter, address, lat, lon, breached, archived_at, updated_at)sql";
  sql += keeps_phone ? ", sealed_phone)" : ")";
  sql += R"sql(
ON CONFLICT (id) DO UPDATE SET
  seq = EXCLUDED.seq,
  status = EXCLUDED.status,
  workflow = EXCLUDED.workflow,
  stage = EXCLUDED.stage,
  unit = EXCLUDED.unit,
  category = EXCLUDED.category,
  urgency = EXCLUDED.urgency,
  request_type = COALESCE(EXCLUDED.request_type, c.request_type),
  grid = COALESCE(EXCLUDED.grid, c.grid),
  community = COALESCE(EXCLUDED.community, c.community),
  street = COALESCE(EXCLUDED.street, c.street),
  district = COALESCE(EXCLUDED.district, c.district),
  reported_at = COALESCE(EXCLUDED.reported_at, c.reported_at),
  closed_at = COALESCE(EXCLUDED.closed_at, c.closed_at),
  outcome = COALESCE(EXCLUDED.outcome, c.outcome),
  merged_into = COALESCE(EXCLUDED.merged_into, c.merged_into),
  description = COALESCE(EXCLUDED.description, c.description),
  channel = COALESCE(EXCLUDED.channel, c.channel),
  reporter = COALESCE(EXCLUDED.reporter, c.reporter),
  address = COALESCE(EXCLUDED.address, c.address),
  lat = COALESCE(EXCLUDED.lat, c.lat),
  lon = COALESCE(EXCLUDED.lon, c.lon),
  breached = c.breached OR EXCLUDED.breached,
  archived_at = COALESCE(EXCLUDED.archived_at, c.archived_at),)sql";
  if (keeps_phone) {
    sql += R"sql(
  sealed_phone = CASE WHEN EXCLUDED.id = ANY($28::text[]) THEN NULL
                      ELSE COALESCE(EXCLUDED.sealed_phone, c.sealed_phone) END,)sql";
  }
  sql += R"sql(
  updated_at = EXCLUDED.updated_at
WHERE c.seq < EXCLUDED.seq)sql";
  return sql;
}

}  // namespace

std::string_view upsert_cases_sql(int schema_version) {
  static const std::string kWithPhone = upsert_cases_text(true);
  static const std::string kBeforePhone = upsert_cases_text(false);
  return schema_version >= kSealedPhoneVersion ? kWithPhone : kBeforePhone;
}

const std::string_view kMarkBreached =
    "UPDATE cases SET breached = TRUE WHERE id = ANY($1::text[]) AND NOT breached";

// A join, not EXISTS per row: the planner turns that EXISTS into a hashed scan of the whole
// history table, which grows with the archive; this probes the primary key per case.
const std::string_view kMarkBreachedFromHistory = R"sql(
UPDATE cases c SET breached = TRUE
FROM (SELECT DISTINCT case_id FROM history
      WHERE case_id = ANY($1::text[]) AND type = 'sla_breached') b
WHERE c.id = b.case_id AND NOT c.breached)sql";

std::string_view history_columns(int schema_version) {
  if (schema_version >= kActorVersion)
    return "case_id, seq, at, type, what, stage, unit, note, facts, actor";
  return schema_version >= kFactsVersion
             ? "case_id, seq, at, type, what, stage, unit, note, facts, NULL"
             : "case_id, seq, at, type, what, stage, unit, note, '', NULL";
}

std::string_view insert_history_sql(int schema_version) {
  static const std::string_view kWithActor = R"sql(
INSERT INTO history (case_id, seq, at, type, what, stage, unit, note, facts, actor)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[],
                     $7::text[], $8::text[], $9::text[], $10::text[])
ON CONFLICT (case_id, seq) DO NOTHING)sql";
  static const std::string_view kWithFacts = R"sql(
INSERT INTO history (case_id, seq, at, type, what, stage, unit, note, facts)
SELECT c, s, a, t, w, st, u, n, f
FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::text[]) AS h(c, s, a, t, w, st, u, n, f, b)
ON CONFLICT (case_id, seq) DO NOTHING)sql";
  static const std::string_view kBeforeFacts = R"sql(
INSERT INTO history (case_id, seq, at, type, what, stage, unit, note)
SELECT c, s, a, t, w, st, u, n
FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::text[]) AS h(c, s, a, t, w, st, u, n, f, b)
ON CONFLICT (case_id, seq) DO NOTHING)sql";
  if (schema_version >= kActorVersion) return kWithActor;
  return schema_version >= kFactsVersion ? kWithFacts : kBeforeFacts;
}

namespace {

std::optional<int64_t> millis(const std::optional<Instant>& at) {
  if (!at) return std::nullopt;
  return at->unix_millis();
}

}  // namespace

PgParams case_arrays(const std::vector<const CaseRow*>& rows, int schema_version) {
  constexpr size_t kColumns = 26;
  const bool keeps_phone = schema_version >= kSealedPhoneVersion;
  std::vector<PgArray> cols(kColumns);
  PgArray phones, erasing;
  for (const CaseRow* r : rows) {
    size_t i = 0;
    cols[i++].add(std::string_view(r->id));
    cols[i++].add(static_cast<int64_t>(r->seq));
    cols[i++].add(std::string_view(r->status));
    cols[i++].add(std::string_view(r->workflow));
    cols[i++].add(std::string_view(r->stage));
    cols[i++].add(std::string_view(r->unit));
    cols[i++].add(std::string_view(r->category));
    cols[i++].add(std::string_view(r->urgency));
    cols[i++].add(r->request_type);
    cols[i++].add(r->grid);
    cols[i++].add(r->community);
    cols[i++].add(r->street);
    cols[i++].add(r->district);
    cols[i++].add(millis(r->reported_at));
    cols[i++].add(millis(r->closed_at));
    cols[i++].add(r->outcome);
    cols[i++].add(r->merged_into);
    cols[i++].add(r->description);
    cols[i++].add(r->channel);
    cols[i++].add(r->reporter);
    cols[i++].add(r->address);
    cols[i++].add(r->lat);
    cols[i++].add(r->lon);
    cols[i++].add(r->breached);
    cols[i++].add(millis(r->archived_at));
    cols[i++].add(r->updated_at.unix_millis());
    if (!keeps_phone) continue;
    if (r->phone_erased) {
      phones.add_null();
      erasing.add(std::string_view(r->id));
    } else {
      phones.add(r->sealed_phone);
    }
  }
  PgParams params;
  params.reserve(kColumns + 2);
  for (auto& c : cols) params.emplace_back(std::move(c).finish());
  if (keeps_phone) {
    params.emplace_back(std::move(phones).finish());
    params.emplace_back(std::move(erasing).finish());
  }
  return params;
}

PgParams history_arrays(const std::vector<HistoryRow>& rows) {
  constexpr size_t kColumns = 10;
  std::vector<PgArray> cols(kColumns);
  for (const HistoryRow& h : rows) {
    size_t i = 0;
    cols[i++].add(std::string_view(h.case_id));
    cols[i++].add(static_cast<int64_t>(h.seq));
    cols[i++].add(h.at.unix_millis());
    cols[i++].add(std::string_view(h.type));
    cols[i++].add(std::string_view(h.what));
    cols[i++].add(std::string_view(h.stage));
    cols[i++].add(std::string_view(h.unit));
    cols[i++].add(std::string_view(h.note));
    cols[i++].add(std::string_view(h.facts));
    cols[i++].add(h.actor);
  }
  PgParams params;
  params.reserve(kColumns);
  for (auto& c : cols) params.emplace_back(std::move(c).finish());
  return params;
}

namespace {

std::string text(const PGresult* r, int row, int col) {
  return std::string(PQgetvalue(r, row, col), static_cast<size_t>(PQgetlength(r, row, col)));
}
std::optional<std::string> maybe_text(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return std::nullopt;
  return text(r, row, col);
}
int64_t number(const PGresult* r, int row, int col) {
  const char* v = PQgetvalue(r, row, col);
  int64_t n = 0;
  std::from_chars(v, v + PQgetlength(r, row, col), n);
  return n;
}
std::optional<Instant> maybe_instant(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return std::nullopt;
  return Instant::from_unix_millis(number(r, row, col));
}
std::optional<double> maybe_double(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return std::nullopt;
  // float8 output is the shortest exact text since PostgreSQL 12 (extra_float_digits = 1).
  return std::strtod(PQgetvalue(r, row, col), nullptr);
}

}  // namespace

CaseRow read_case(const PGresult* r, int row) {
  CaseRow c;
  int i = 0;
  c.id = text(r, row, i++);
  c.seq = static_cast<uint64_t>(number(r, row, i++));
  c.status = text(r, row, i++);
  c.workflow = text(r, row, i++);
  c.stage = text(r, row, i++);
  c.unit = text(r, row, i++);
  c.category = text(r, row, i++);
  c.urgency = text(r, row, i++);
  c.request_type = maybe_text(r, row, i++);
  c.grid = maybe_text(r, row, i++);
  c.community = maybe_text(r, row, i++);
  c.street = maybe_text(r, row, i++);
  c.district = maybe_text(r, row, i++);
  c.reported_at = maybe_instant(r, row, i++);
  c.closed_at = maybe_instant(r, row, i++);
  c.outcome = maybe_text(r, row, i++);
  c.merged_into = maybe_text(r, row, i++);
  c.description = maybe_text(r, row, i++);
  c.channel = maybe_text(r, row, i++);
  c.reporter = maybe_text(r, row, i++);
  c.address = maybe_text(r, row, i++);
  c.lat = maybe_double(r, row, i++);
  c.lon = maybe_double(r, row, i++);
  c.breached = PQgetvalue(r, row, i++)[0] == 't';
  c.archived_at = maybe_instant(r, row, i++);
  c.updated_at = Instant::from_unix_millis(number(r, row, i++));
  return c;
}

HistoryRow read_history(const PGresult* r, int row) {
  HistoryRow h;
  h.case_id = text(r, row, 0);
  h.seq = static_cast<uint64_t>(number(r, row, 1));
  h.at = Instant::from_unix_millis(number(r, row, 2));
  h.type = text(r, row, 3);
  h.what = text(r, row, 4);
  h.stage = text(r, row, 5);
  h.unit = text(r, row, 6);
  h.note = text(r, row, 7);
  h.facts = text(r, row, 8);
  h.actor = maybe_text(r, row, 9);
  return h;
}

assessment::GridCounts read_grid_counts(const PGresult* r, int row) {
  auto seconds = [&](int col) -> std::optional<double> {
    auto ms = maybe_double(r, row, col);
    if (!ms) return std::nullopt;
    return *ms / 1000.0;
  };
  return assessment::GridCounts{
      .grid = text(r, row, 0),
      .patrol = number(r, row, 1),
      .resident = number(r, row, 2),
      .other_workers = number(r, row, 3),
      .response = {.count = number(r, row, 4), .median = seconds(5), .mean = seconds(6)},
      .resolution = {.count = number(r, row, 7), .median = seconds(8), .mean = seconds(9)}};
}

DecisionRow read_decision(const PGresult* r, int row) {
  DecisionRow d;
  d.entry = read_history(r, row);
  d.from_unit = text(r, row, 10);
  d.workflow = text(r, row, 11);
  d.street = text(r, row, 12);
  d.community = text(r, row, 13);
  return d;
}

FactRow read_fact_record(const PGresult* r, int row) {
  FactRow f;
  f.case_id = text(r, row, 0);
  f.record.seq = static_cast<uint64_t>(number(r, row, 1));
  f.record.at = Instant::from_unix_millis(number(r, row, 2));
  f.record.type = text(r, row, 3);
  f.record.what = text(r, row, 4);
  f.record.facts_json = text(r, row, 5);
  f.street = text(r, row, 6);
  f.community = text(r, row, 7);
  return f;
}

FilterSql where_clause(const CaseFilter& f, int schema_version) {
  FilterSql out;
  std::vector<std::string> conditions;
  auto param = [&](std::string value) {
    out.params.emplace_back(std::move(value));
    return "$" + std::to_string(out.params.size());
  };
  if (!f.ids.empty()) {
    PgArray ids;
    for (const auto& id : f.ids) ids.add(std::string_view(id));
    conditions.push_back("id = ANY(" + param(std::move(ids).finish()) + "::text[])");
  }
  // A unit's open cases name the column of the open-cases index (schema v5), which holds the
  // unit only while the case is open: the condition is the index's, so the planner uses it.
  const bool open_unit = schema_version >= kOpenUnitVersion && f.unit && f.open && *f.open;
  const std::pair<const char*, const std::optional<std::string>*> equal[] = {
      {"status", &f.status},
      {"category", &f.category},
      {open_unit ? "open_unit" : "unit", &f.unit},
      {"grid", &f.grid},
      {"community", &f.community},
      {"street", &f.street},
      {"district", &f.district}};
  for (const auto& [column, value] : equal) {
    if (*value) conditions.push_back(std::string(column) + " = " + param(**value));
  }
  if (f.reported_from) {
    conditions.push_back("reported_at >= " + param(std::to_string(f.reported_from->unix_millis())) +
                         "::bigint");
  }
  if (f.reported_to) {
    conditions.push_back("reported_at < " + param(std::to_string(f.reported_to->unix_millis())) +
                         "::bigint");
  }
  if (f.open && !open_unit) {
    // Before v5, written as the open-cases index's predicate, so the planner can use that index.
    conditions.push_back(*f.open ? "status NOT IN ('closed', 'withdrawn', 'merged')"
                                 : "status IN ('closed', 'withdrawn', 'merged')");
  }
  if (f.breached) conditions.push_back(*f.breached ? "breached" : "NOT breached");
  for (size_t i = 0; i < conditions.size(); ++i) {
    out.where += (i == 0 ? " WHERE " : " AND ") + conditions[i];
  }
  return out;
}

}  // namespace caseflow::archive::postgres
