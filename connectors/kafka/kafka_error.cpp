#include "connectors/kafka/kafka_error.h"

namespace caseflow::kafka {

KafkaError KafkaError::from(rd_kafka_error_t* error) {
  KafkaError e;
  if (error == nullptr) return e;
  e.code = rd_kafka_error_code(error);
  e.message = rd_kafka_error_string(error);
  e.retriable = rd_kafka_error_is_retriable(error) != 0;
  e.fatal = rd_kafka_error_is_fatal(error) != 0;
  e.txn_requires_abort = rd_kafka_error_txn_requires_abort(error) != 0;
  rd_kafka_error_destroy(error);
  return e;
}

KafkaError KafkaError::from(rd_kafka_resp_err_t code) { return from(code, rd_kafka_err2str(code)); }

KafkaError KafkaError::from(rd_kafka_resp_err_t code, std::string message) {
  KafkaError e;
  e.code = code;
  e.message = std::move(message);
  return e;
}

std::string KafkaError::describe() const {
  std::string s = std::string(rd_kafka_err2name(code)) + ": " + message;
  if (fatal) s += " (fatal)";
  if (txn_requires_abort) s += " (transaction must abort)";
  if (retriable) s += " (retriable)";
  return s;
}

}  // namespace caseflow::kafka
