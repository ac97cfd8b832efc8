// What the core benchmarks share: reading an input file and taking a median of timings.
#pragma once

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace fep::bench {

// The whole file, without the final line break a shell or editor adds; empty if it cannot be read.
inline std::string read(const char* path) {
  std::string text;
  if (FILE* f = std::fopen(path, "rb")) {
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
    std::fclose(f);
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace fep::bench
