// Implementation detail of decode_case_event (not for clients): one pass of Boost.JSON's SAX
// parser over a CloudEvent, collecting the members the decoder knows, with their JSON kind,
// straight into their destination strings. No document tree is built: this is the decoder's hot
// path (docs/engine.md "Where the time goes").
//
// It reads exactly what boost::json::parse accepts (same parser, same options, same errors) and
// gives the answers the document tree would: a member repeated keeps its last value; an object
// given twice keeps only the members of the last one.
// Not thread-safe per EventFields; the function itself has no shared state.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/system/error_code.hpp>

namespace caseflow::events::detail {

// The members the decoder reads, by where they live.
enum Field : uint8_t {
  // the envelope
  kSpecversion,
  kId,
  kSource,
  kType,
  kSubject,
  kDataContentType,
  kData,
  kPrincipal,  // the extension attribute the HTTP layer stamps: who acts (case_event.h)
  // data
  kUnit,
  kNote,
  kReason,
  kCategory,
  kDescription,
  kGridId,
  kAddress,
  kLocation,
  kChannel,
  kUrgency,
  kReporter,
  kSuggestedUnit,
  kClock,
  kExtendBy,
  kApproved,
  kDepartment,
  kStatus,
  kSolved,
  kSatisfaction,
  kInto,
  kStage,
  kWorkflow,
  kRequestType,
  kAnsweredAtIntake,
  kUntil,
  kApplicant,
  kReturnedBy,
  kJustified,
  kDuplicate,
  kMaster,
  kAccepted,
  kOutcome,
  // data.location
  kLat,
  kLon,
  kLong,
  kDatum,
  // data.reporter (as an object)
  kPhone,
  kSealedPhone,
  kFieldCount,
};

enum class Kind : uint8_t { absent, null, string, number, boolean, object, array };

struct EventFields {
  std::array<Kind, kFieldCount> kind{};
  // Where a string value goes (nullptr: the kind is noted, the text dropped).
  std::array<std::string*, kFieldCount> text{};
  std::array<double, kFieldCount> number{};
  std::array<bool, kFieldCount> boolean{};
  bool root_is_object = false;
};

// Parses `bytes` into `fields` (whose `text` targets are set by the caller and are assigned,
// not appended to). Returns the JSON error, or a cleared error_code for a valid document.
boost::system::error_code read_event_fields(std::string_view bytes, EventFields& fields);

}  // namespace caseflow::events::detail
