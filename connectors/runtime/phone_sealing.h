// The resident's phone between decoding and the engine (docs/security.md "The resident's
// phone"): a number given in plain text is sealed and wiped, so the engine, its changelog and
// its outputs hold only the sealed bytes; a sealed one (as caseflow's own intake writes it) is
// checked against the key and gives the masked number the case shows.
#pragma once

#include "connectors/privacy/phone_vault.h"
#include "engine/common/result.h"
#include "engine/events/case_event.h"

namespace caseflow::runtime {

// `e` with `resident_phone` sealed into `sealed_phone` (dropped, the mask kept, without a
// `vault`) and wiped; a `sealed_phone` opened to fill `reporter` with its mask. Error
// sealed_phone when a sealed phone does not open with `vault` for this case, or there is no
// vault to open it.
Status seal_resident_phone(events::CaseEvent& e, const privacy::PhoneVault* vault);

}  // namespace caseflow::runtime
