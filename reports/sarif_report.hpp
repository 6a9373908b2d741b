// sarif_report.hpp: the SARIF 2.1.0 log that code-scanning services read: one run,
// a rule per violation kind, a result per violation at its line with the related
// locations its records name. Made from the JSON result document only (docs/reports.md).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace chancheck::detail {

/// The SARIF 2.1.0 log of a JSON result document, as indented JSON text.
std::string sarif_report(const nlohmann::json& document);

}  // namespace chancheck::detail
