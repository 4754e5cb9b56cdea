// Lists of cases over two sources as one set: the cases this instance's engines hold (live) and
// the case archive. A case in both answers from the engine (its archive row may be a moment
// behind); every list is newest reported first, equal times by id descending, as the archive
// orders its rows. Pure apart from the store calls; thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "connectors/archive/archive_store.h"
#include "connectors/http/form.h"
#include "engine/common/result.h"
#include "engine/core/case_view.h"
#include "engine/time/instant.h"

namespace caseflow::http {

// True when (at_a, id_a) comes before (at_b, id_b) in a list.
bool listed_before(Instant at_a, std::string_view id_a, Instant at_b, std::string_view id_b);

// The reported time an archived row sorts by (rows without one sort last, as NULLs do).
Instant listed_time(const archive::CaseRow& row);

// GET /api/v1/cases, parsed: every filter must match.
struct CaseListQuery {
  std::optional<std::string> status, stage, unit, workflow, category, grid, street, community;
  std::optional<Instant> from;  // reported_at, inclusive
  std::optional<Instant> to;    // reported_at, exclusive
  bool overdue = false;         // only cases whose clock breached
  bool open = false;            // only open cases (false: no filter)
  size_t offset = 0;
  size_t limit = 100;
};

// The query's parameters checked and read; an Error (code bad_query) says what is wrong.
// `limit` is capped at `max_list`.
Result<CaseListQuery> parse_case_list_query(const FormFields& query, size_t max_list);

// What the engines filter themselves (all of it, not one page: the page is cut after the merge).
core::CaseQuery engine_query(const CaseListQuery& q);
// The filters the engines do not apply, over what the engine knows of a case.
bool live_matches(const CaseListQuery& q, Instant reported_at, std::string_view grid,
                  std::string_view street, std::string_view community);

// What the archive filters in SQL (offset and limit left for read_archive_part).
archive::CaseFilter archive_filter(const CaseListQuery& q);
// The filters the archive has no column filter for (workflow by name, any version, and stage),
// applied to its rows in memory; empty when the query has none.
std::function<bool(const archive::CaseRow&)> archive_post_filter(const CaseListQuery& q);

// The archive's share of a list.
struct ArchivePart {
  std::vector<archive::CaseRow> rows;  // the first `need` in list order
  size_t total = 0;                    // every matching row, whatever `need`
};

// The rows matching any of `filters` (each a disjoint part, e.g. one per category) and `keep`
// (may be empty) whose ids are not in `held` (sorted; the cases the engines answer for), the
// first `need` of them in list order, and how many match in all. Counting the held ids that
// match keeps the rows read to need + that many, instead of scanning the whole archive; a `keep`
// filter has no such count and scans every matching row.
Result<ArchivePart> read_archive_part(archive::ArchiveStore& store,
                                      const std::vector<archive::CaseFilter>& filters,
                                      const std::vector<std::string>& held, size_t need,
                                      const std::function<bool(const archive::CaseRow&)>& keep);

// One entry of a merged list.
template <typename Live>
using Listed = std::variant<Live, archive::CaseRow>;

// The entries [offset, offset + limit) of live ∪ archived in list order. `live` and `archived`
// must not share ids; `time_of` and `id_of` read a live entry.
template <typename Live, typename TimeOf, typename IdOf>
std::vector<Listed<Live>> merge_page(std::vector<Live> live, std::vector<archive::CaseRow> archived,
                                     size_t offset, size_t limit, TimeOf time_of, IdOf id_of) {
  auto live_before = [&](const Live& a, const Live& b) {
    return listed_before(time_of(a), id_of(a), time_of(b), id_of(b));
  };
  auto row_before = [](const archive::CaseRow& a, const archive::CaseRow& b) {
    return listed_before(listed_time(a), a.id, listed_time(b), b.id);
  };
  std::stable_sort(live.begin(), live.end(), live_before);
  std::stable_sort(archived.begin(), archived.end(), row_before);
  std::vector<Listed<Live>> page;
  size_t i = 0, j = 0, position = 0;
  while ((i < live.size() || j < archived.size()) && page.size() < limit) {
    const bool take_live =
        j == archived.size() ||
        (i < live.size() && !listed_before(listed_time(archived[j]), archived[j].id,
                                           time_of(live[i]), id_of(live[i])));
    if (position++ < offset) {
      take_live ? ++i : ++j;
      continue;
    }
    if (take_live) {
      page.emplace_back(std::in_place_index<0>, std::move(live[i++]));
    } else {
      page.emplace_back(std::in_place_index<1>, std::move(archived[j++]));
    }
  }
  return page;
}

}  // namespace caseflow::http
