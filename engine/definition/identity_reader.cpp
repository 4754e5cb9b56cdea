#include "engine/definition/identity_reader.h"

#include <string>
#include <string_view>
#include <vector>

#include "engine/common/did_you_mean.h"
#include "engine/definition/reader_support.h"

namespace caseflow::definition {
namespace {

void read_calendar(const YAML::Node& node, Workflow& wf, const LoadContext& context, Reporter& r) {
  auto name = read_text(node, "calendar", r);
  if (!name) return;
  wf.calendar = *name;
  if (!context.calendars || context.calendars->count(*name) > 0) return;
  std::vector<std::string_view> known(context.calendars->begin(), context.calendars->end());
  r.error(node.Mark(),
          "unknown calendar " + quoted(*name) +
              (known.empty() ? "; no calendars are loaded" : did_you_mean(*name, known)));
}

}  // namespace

void read_identity(MapFields& top, Workflow& wf, const LoadContext& context, Reporter& r) {
  if (auto node = top.require("workflow")) {
    wf.location = location_of(node->Mark());
    if (auto name = read_text(*node, "workflow", r)) {
      if (is_identifier(*name))
        wf.name = *name;
      else
        r.error(node->Mark(), "workflow name " + quoted(*name) +
                                  " must be lowercase letters, digits, _ and -, starting "
                                  "with a letter");
    }
  }
  if (auto node = top.require("version")) {
    if (auto version = read_count(*node, "version", 1, r)) wf.version = *version;
  }
  if (auto node = top.get("title")) {
    if (auto title = read_text(*node, "title", r)) wf.title = *title;
  } else {
    wf.title = wf.name;
  }
  if (auto node = top.require("calendar")) read_calendar(*node, wf, context, r);
}

}  // namespace caseflow::definition
