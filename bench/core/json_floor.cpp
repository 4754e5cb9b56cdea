#include "bench/core/json_floor.h"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <vector>

namespace caseflow::bench {
namespace json = boost::json;

namespace {

// Outputs are serialised from values parsed beforehand; a chunk at a time keeps the parsed form
// of a run's outputs (several times their bytes) out of memory.
constexpr size_t kChunk = 1'000;

}  // namespace

Run json_floor(const RecordSet& inputs, const RecordSet& outputs, const RecordSet& states,
               FloorTally& tally) {
  Stopwatch watch;
  // The parser's temporary stack and each record's values come from fixed buffers: a reset
  // resource per record costs no allocation, as a tuned decoder's arena would.
  auto parse_buffer = std::make_unique<unsigned char[]>(64 * 1024);
  auto record_buffer = std::make_unique<unsigned char[]>(256 * 1024);
  json::parser parser(json::storage_ptr(), json::parse_options(), parse_buffer.get(), 64 * 1024);
  json::monotonic_resource record(record_buffer.get(), 256 * 1024);

  watch.start();
  for (size_t i = 0; i < inputs.size(); ++i) {
    record.release();
    parser.reset(&record);
    json::error_code ec;
    parser.write(inputs[i].data(), inputs[i].size(), ec);
    if (ec) {
      ++tally.failed;
      continue;
    }
    json::value v = parser.release();
    tally.members += v.is_object() ? v.get_object().size() : 0;
  }
  watch.stop();

  std::vector<json::value> chunk;
  chunk.reserve(kChunk);
  json::serializer serializer;
  std::string out;
  out.reserve(1 << 20);
  char buffer[16 * 1024];
  for (size_t first = 0; first < outputs.size(); first += kChunk) {
    json::monotonic_resource values;
    chunk.clear();
    for (size_t i = first; i < outputs.size() && i < first + kChunk; ++i) {
      json::error_code ec;
      chunk.push_back(json::parse(outputs[i], ec, &values));
      if (ec) ++tally.failed;
    }
    watch.start();
    for (const auto& v : chunk) {
      out.clear();
      serializer.reset(&v);
      while (!serializer.done()) out.append(serializer.read(buffer, sizeof buffer));
      tally.bytes_out += out.size();
    }
    watch.stop();
  }
  watch.start();
  for (size_t i = 0; i < states.size(); ++i) {
    out.clear();
    out.append(states[i]);
    tally.bytes_out += out.size();
  }
  watch.stop();
  return Run{static_cast<double>(inputs.size()), watch.wall_seconds(), watch.cpu_seconds()};
}

}  // namespace caseflow::bench
