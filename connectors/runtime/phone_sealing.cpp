#include "connectors/runtime/phone_sealing.h"

#include "engine/events/phone_mask.h"

namespace caseflow::runtime {

Status seal_resident_phone(events::CaseEvent& e, const privacy::PhoneVault* vault) {
  if (!e.resident_phone.empty()) {
    if (vault) e.sealed_phone = vault->seal(e.resident_phone, e.case_id);
    privacy::wipe(e.resident_phone);
    return ok_status();
  }
  if (e.sealed_phone.empty()) return ok_status();
  if (!vault) {
    return Error{"sealed_phone",
                 "data.reporter.sealed_phone came, but no phone key is configured "
                 "(privacy.phone_key_file) to open it"};
  }
  std::optional<std::string> phone = vault->open(e.sealed_phone, e.case_id);
  if (!phone) {
    return Error{"sealed_phone",
                 "data.reporter.sealed_phone does not open with this engine's "
                 "phone key for case " +
                     e.case_id};
  }
  e.reporter = events::mask_phone(*phone);
  privacy::wipe(*phone);
  return ok_status();
}

}  // namespace caseflow::runtime
