// A small writer of the XML that Open311 GeoReport v2 answers in (.xml paths): elements with text
// content only, no attributes. Not thread-safe; one writer per output string.
#pragma once

#include <string>
#include <string_view>

namespace caseflow::http {

// Appends `text` with &, <, >, " and ' escaped.
void append_xml_text(std::string& out, std::string_view text);

class XmlWriter {
 public:
  // Starts `out` with the XML declaration.
  explicit XmlWriter(std::string& out) : out_(out) {
    out_ += R"(<?xml version="1.0" encoding="utf-8"?>)";
  }
  void open(std::string_view name) { out_.append("<").append(name).append(">"); }
  void close(std::string_view name) { out_.append("</").append(name).append(">"); }
  // <name>text</name>
  void element(std::string_view name, std::string_view text) {
    open(name);
    append_xml_text(out_, text);
    close(name);
  }

 private:
  std::string& out_;
};

}  // namespace caseflow::http
