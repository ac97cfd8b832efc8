// The view model: a verified bundle, today and the last-viewed time -> a locale-neutral view the widget
// renders (ISO dates, numbers, enum codes, i18n keys with parameters; never an English sentence), and
// the shorter summary `fep summary` prints. Both are specified in docs/record-schema.md.
#pragma once

#include <cstdint>
#include <string>

#include "attendance.h"
#include "bundle.h"
#include "json.h"
#include "result.h"

namespace fep::view {

struct Options {
  record::Day today;
  std::int64_t last_viewed = 0;  // seconds since the epoch; 0 = never
  attendance::Rule rule = attendance::Rule::percent_10;
};

// The view model as JSON text: the fast path the browser module uses. bad_record if the bundle's
// record does not parse.
Result<std::string> render(const bundle::Bundle& bundle, const Options& options);
// The same view as a DOM (for the command-line tool and tests).
Result<json::Json> build(const bundle::Bundle& bundle, const Options& options);
// The short summary `fep summary` prints, as JSON text (the browser module's summarizeBundle) and as a DOM.
Result<std::string> render_summary(const bundle::Bundle& bundle, const Options& options);
Result<json::Json> summarize(const bundle::Bundle& bundle, const Options& options);

}  // namespace fep::view
