#include "test_support.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace fep::test {

std::string vector_path(const std::string& relative) { return std::string(FEP_VECTORS_DIR) + "/" + relative; }

std::string read_file(const std::string& path) {
  std::string contents;
  if (FILE* file = std::fopen(path.c_str(), "rb")) {
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) contents.append(buffer, n);
    std::fclose(file);
  } else {
    ADD_FAILURE() << "cannot read " << path;
  }
  return contents;
}

json::Json read_vector_json(const std::string& relative) {
  auto parsed = json::Json::parse(read_file(vector_path(relative)), nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << relative << " is not JSON";
  return parsed;
}

std::string from_hex(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

std::string to_hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char c : bytes) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 15]);
  }
  return hex;
}

}  // namespace fep::test
