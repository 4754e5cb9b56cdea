// One error type for everything librdkafka reports, knowing what the caller must do about it:
// retry, abort the transaction and rewind, or give up (fatal: the client must be recreated).
#pragma once

#include <librdkafka/rdkafka.h>

#include <string>

namespace caseflow::kafka {

struct KafkaError {
  rd_kafka_resp_err_t code = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::string message;
  bool retriable = false;
  bool fatal = false;
  bool txn_requires_abort = false;

  explicit operator bool() const { return code != RD_KAFKA_RESP_ERR_NO_ERROR; }

  // Takes ownership of `error` (may be null = no error) and destroys it.
  static KafkaError from(rd_kafka_error_t* error);
  static KafkaError from(rd_kafka_resp_err_t code);
  static KafkaError from(rd_kafka_resp_err_t code, std::string message);

  std::string describe() const;
};

}  // namespace caseflow::kafka
