// GET /api/v1/audit: who decided what about a unit's rates, from the history of the cases the
// engines here hold (docs/http.md "The audit view"). Each entry is filtered by the caller's scope
// on the processing thread; the page is cut and rendered on the io_context.
#include <algorithm>
#include <iterator>

#include "connectors/http/api.h"
#include "connectors/http/audit.h"
#include "connectors/http/auth/access.h"

namespace caseflow::http {

void Api::admin_audit(const Target& target, const auth::Principal& who, Responder respond) {
  auto parsed = parse_audit_query(target.query, settings_.max_list);
  if (!parsed) return respond(api_error(Status::bad_request, "bad_query", parsed.error().message));
  if (auto refused = auth::may_read_audit(who, parsed->unit)) {
    return respond(deny(*refused, &who, target.path));
  }
  const auto setup = deps_.reloader ? deps_.reloader->current() : nullptr;
  read_engines(
      std::move(respond),
      [q = std::move(*parsed), who, setup](const runtime::EngineReader& reader) -> Render {
        std::vector<AuditItem> items, of_case;
        core::CaseQuery every;
        every.limit = SIZE_MAX;
        for (const core::Engine* engine : reader.engines()) {
          for (const auto& summary : engine->query(every)) {
            const core::CaseState* c = engine->find(summary.id);
            if (c == nullptr) continue;
            of_case.clear();
            collect_audit(*engine, *c, q, of_case);
            for (AuditItem& item : of_case) {
              if (auth::may_see_audit_entry(who, item.unit, item.from_unit, item.street,
                                            item.community))
                items.push_back(std::move(item));
            }
          }
        }
        const size_t total = items.size();
        std::sort(items.begin(), items.end(), audit_before);
        const size_t from = std::min(q.offset, items.size());
        const size_t to = std::min(items.size(), from + q.limit);
        std::vector<AuditItem> page(std::make_move_iterator(items.begin() + from),
                                    std::make_move_iterator(items.begin() + to));
        return [page = std::move(page), total, setup] {
          return make_response(Status::ok, kJson, audit_json(page, total, setup.get()));
        };
      },
      false, Format::json);
}

}  // namespace caseflow::http
