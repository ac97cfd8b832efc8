// The core alone (natively, and compiled to WebAssembly under node): compact JWS bytes -> verified bundle
// -> view model, and bytes -> verified summary, on the example year.
// Usage: view_bench BUNDLE JWKS TODAY ITERATIONS   (prints one JSON object of timings in ms)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "bench_support.h"
#include "core/record/timestamp.h"
#include "core/trust/bundle.h"
#include "core/view/family.h"

namespace {

using fep::bench::median;
using fep::bench::read;

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fputs("usage: view_bench BUNDLE JWKS TODAY ITERATIONS\n", stderr);
    return 2;
  }
  const std::string compact = read(argv[1]);
  const auto keys = fep::jose::jwk::parse_set(read(argv[2]));
  const auto today = fep::record::timestamp::parse_date(argv[3]);
  const int iterations = std::max(1, std::atoi(argv[4]));
  if (!keys || !today) return 1;
  const fep::trust::VerifyOptions options{
      fep::record::timestamp::from_epoch(std::time(nullptr)), std::nullopt, {}, nullptr};

  using clock = std::chrono::steady_clock;
  auto ms = [](clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::vector<double> verify_times, view_times, total_times, summary_times;
  std::size_t view_bytes = 0;
  for (int i = 0; i < iterations; ++i) {
    const auto start = clock::now();
    const auto verified = fep::trust::verify_bundle(compact, *keys, options);
    const auto middle = clock::now();
    if (!verified) return 1;
    const auto rendered =
        fep::view::render(*verified, {*today, std::nullopt, fep::record::attendance::Rule::percent_10});
    const auto end = clock::now();
    if (!rendered) return 1;
    view_bytes = rendered->size();
    verify_times.push_back(ms(middle - start));
    view_times.push_back(ms(end - middle));
    total_times.push_back(ms(end - start));

    const auto summary_start = clock::now();
    const auto again = fep::trust::verify_bundle(compact, *keys, options);
    if (!again || !fep::view::render_summary(*again, {*today, std::nullopt, fep::record::attendance::Rule::percent_10}))
      return 1;
    summary_times.push_back(ms(clock::now() - summary_start));
  }
  std::printf(
      "{\"bundleBytes\":%zu,\"viewBytes\":%zu,\"firstMs\":%.3f,\"verifyMedianMs\":%.3f,\"viewMedianMs\":%.3f,"
      "\"totalMedianMs\":%.3f,\"summaryMedianMs\":%.3f}\n",
      compact.size(), view_bytes, total_times.front(), median(verify_times), median(view_times), median(total_times),
      median(summary_times));
  return 0;
}
