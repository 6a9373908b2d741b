// markup.hpp: text made safe for XML and HTML, for the JUnit and HTML
// reports. Input is UTF-8 (the JSON result replaces any other byte with U+FFFD).
#pragma once

#include <string>
#include <string_view>

namespace chancheck::detail {

/// `text` with & < > " ' escaped, and the control characters XML 1.0 forbids
/// (all below U+0020 but tab, newline and carriage return) replaced with U+FFFD.
std::string xml_escape(std::string_view text);

/// Seconds with three decimals ("0.004"), as JUnit's `time` attributes and the HTML page show them.
std::string seconds_text(double seconds);

}  // namespace chancheck::detail
