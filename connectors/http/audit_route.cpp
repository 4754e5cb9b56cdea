// GET /api/v1/audit: who decided what about a unit's rates (docs/http.md "The audit view"), from
// the history of the cases the engines here hold and, for the cases they do not hold (archived,
// or on another instance), from the case archive's history. The archive is read first, on its
// reader's thread; then, on the processing thread, each decision is filtered by the caller's
// scope and an archived one is dropped when an engine here holds its case (the live history
// says the same, and more). The page is cut and rendered on the io_context.
#include <algorithm>
#include <iterator>

#include "connectors/http/api.h"
#include "connectors/http/audit.h"
#include "connectors/http/auth/access.h"

namespace caseflow::http {
namespace {

bool held_here(const runtime::EngineReader& reader, const std::string& case_id) {
  for (const core::Engine* engine : reader.engines())
    if (engine->find(case_id) != nullptr) return true;
  return false;
}

}  // namespace

void Api::admin_audit(const Target& target, const auth::Principal& who, Responder respond) {
  auto parsed = parse_audit_query(target.query, settings_.max_list);
  if (!parsed) return respond(api_error(Status::bad_request, "bad_query", parsed.error().message));
  if (auto refused = auth::may_read_audit(who, parsed->unit)) {
    return respond(deny(*refused, &who, target.path));
  }
  auto q = std::make_shared<const AuditQuery>(std::move(*parsed));
  if (deps_.archive == nullptr) {
    return audit_with_archived(q, who, {}, ArchiveSource::disabled, std::move(respond));
  }
  auto answer = std::make_shared<Responder>(std::move(respond));
  using Rows = std::vector<archive::DecisionRow>;
  const auto submitted = deps_.archive->read<Rows>(
      io_.get_executor(),
      [q](archive::ArchiveStore& store) -> Result<Rows> {
        return store.decisions(archive::DecisionFilter{.from = q->from, .to = q->to});
      },
      [this, q, who, answer](Result<Rows> rows) {
        // An archive that cannot be read leaves the live decisions, and the view says so.
        if (!rows) {
          return audit_with_archived(q, who, {}, ArchiveSource::unavailable, std::move(*answer));
        }
        audit_with_archived(q, who, std::move(*rows), ArchiveSource::included, std::move(*answer));
      });
  if (submitted != ArchiveReader::Submitted::queued) {
    audit_with_archived(q, who, {}, ArchiveSource::unavailable, std::move(*answer));
  }
}

void Api::audit_with_archived(std::shared_ptr<const AuditQuery> q, const auth::Principal& who,
                              std::vector<archive::DecisionRow> archived, ArchiveSource source,
                              Responder respond) {
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  read_engines(
      std::move(respond),
      [q, who, archived = std::move(archived), source,
       setup](const runtime::EngineReader& reader) -> Render {
        std::vector<AuditItem> items, of_case;
        core::CaseQuery every;
        every.limit = SIZE_MAX;
        for (const core::Engine* engine : reader.engines()) {
          for (const auto& summary : engine->query(every)) {
            const core::CaseState* c = engine->find(summary.id);
            if (c == nullptr) continue;
            of_case.clear();
            collect_audit(*engine, *c, *q, of_case);
            for (AuditItem& item : of_case) {
              if (auth::may_see_audit_entry(who, item.unit, item.from_unit, item.street,
                                            item.community))
                items.push_back(std::move(item));
            }
          }
        }
        for (const archive::DecisionRow& row : archived) {
          if (held_here(reader, row.entry.case_id)) continue;
          auto item = archived_audit_item(row, *q);
          if (item && auth::may_see_audit_entry(who, item->unit, item->from_unit, item->street,
                                                item->community))
            items.push_back(std::move(*item));
        }
        const size_t total = items.size();
        std::sort(items.begin(), items.end(), audit_before);
        const size_t from = std::min(q->offset, items.size());
        const size_t to = std::min(items.size(), from + q->limit);
        std::vector<AuditItem> page(std::make_move_iterator(items.begin() + from),
                                    std::make_move_iterator(items.begin() + to));
        return [page = std::move(page), total, setup, source] {
          return make_response(Status::ok, kJson, audit_json(page, total, setup.get(), source));
        };
      },
      false, Format::json);
}

}  // namespace caseflow::http
