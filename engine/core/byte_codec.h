// Little helpers for the changelog's binary form: fixed 8-byte little-endian integers, LEB128
// varints, length-prefixed strings. The Reader never reads past its input; a failed read leaves
// it !ok() and every later read returns zero values. Not thread-safe; plain values.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace caseflow::core {

// Appends to a string through a cursor: `out` is grown ahead (zero-filled) and cut to the bytes
// written by finish(), so each value is a couple of stores instead of a call per byte.
// Call finish() before reading `out`.
class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out), used_(out.size()) {
    out_.resize(out_.capacity() > used_ + 64 ? out_.capacity() : used_ + 256);
  }
  void u8(uint8_t v) {
    ensure(1);
    out_[used_++] = static_cast<char>(v);
  }
  void i64(int64_t v) {
    ensure(8);
    auto u = static_cast<uint64_t>(v);
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>((u >> (8 * i)) & 0xff);
    std::memcpy(&out_[used_], bytes, 8);  // compilers turn the loop into one store
    used_ += 8;
  }
  void f64(double v) {
    int64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    i64(bits);
  }
  void varint(uint64_t v) {
    ensure(10);
    while (v >= 0x80) {
      out_[used_++] = static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out_[used_++] = static_cast<char>(v);
  }
  void str(std::string_view s) {
    varint(s.size());
    ensure(s.size());
    if (!s.empty()) std::memcpy(&out_[used_], s.data(), s.size());
    used_ += s.size();
  }
  // Cuts `out` to what was written.
  void finish() { out_.resize(used_); }

 private:
  void ensure(size_t n) {
    if (used_ + n > out_.size())
      out_.resize(2 * out_.size() > used_ + n ? 2 * out_.size() : used_ + n);
  }
  std::string& out_;
  size_t used_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }
  uint8_t u8() {
    if (!need(1)) return 0;
    return static_cast<uint8_t>(in_[pos_++]);
  }
  int64_t i64() {
    if (!need(8)) return 0;
    uint64_t u = 0;
    for (int i = 0; i < 8; ++i)
      u |= static_cast<uint64_t>(static_cast<uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += 8;
    return static_cast<int64_t>(u);
  }
  double f64() {
    const int64_t bits = i64();
    double v = 0;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!need(1)) return 0;
      const auto b = static_cast<uint8_t>(in_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    ok_ = false;
    return 0;
  }
  std::string_view str() {
    const uint64_t n = varint();
    if (!need(n)) return {};
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  // Marks the input as bad (a value out of range).
  void fail() { ok_ = false; }

 private:
  bool need(uint64_t n) {
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      return false;
    }
    return true;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace caseflow::core
