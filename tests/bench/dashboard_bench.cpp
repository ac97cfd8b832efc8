// The staff dashboard alone (natively, and compiled to WebAssembly under node): a school of N students,
// each a full year of attendance and contacts (the example year, with each student's absences and
// contacts thinned differently so the figures vary), counted by view::dashboard. Records are parsed
// before timing; the first (cold) run and the median of the warm runs are reported in ms.
// Usage: dashboard_bench RECORD.json STUDENTS ITERATIONS
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_support.h"
#include "core/json/json.h"
#include "core/record/record.h"
#include "core/record/timestamp.h"
#include "core/view/dashboard.h"

namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace fep;
  if (argc != 4) {
    std::fputs("usage: dashboard_bench RECORD.json STUDENTS ITERATIONS\n", stderr);
    return 2;
  }
  const auto example = json::parse_strict(bench::read(argv[1]), 64);
  if (!example) {
    std::fputs("cannot read the record\n", stderr);
    return 1;
  }
  const int students = std::atoi(argv[2]);
  const int iterations = std::max(1, std::atoi(argv[3]));
  std::vector<record::Record> records;
  records.reserve(students);
  for (int i = 0; i < students; ++i) {
    json::Json r = *example;
    r["student"]["id"] = "stu-" + std::to_string(i);
    json::Json events = json::Json::array(), contacts = json::Json::array();
    for (std::size_t e = 0; e < (*example)["attendanceEvents"].size(); ++e) {
      if ((e + i) % (1 + i % 4) == 0) events.push_back((*example)["attendanceEvents"][e]);
    }
    for (std::size_t c = 0; c < (*example)["contactRecords"].size(); ++c) {
      if ((c + i) % (1 + i % 5) == 0) contacts.push_back((*example)["contactRecords"][c]);
    }
    r["attendanceEvents"] = events;
    r["contactRecords"] = contacts;
    r["demographics"] = {{"sex", i % 2 ? "Female" : "Male"},
                         {"races", json::Json::array({i % 3 ? "White" : "Asian"})},
                         {"englishLearner", i % 4 == 0}};
    auto parsed = record::parse(r);
    if (!parsed) {
      std::fprintf(stderr, "record %d: %s\n", i, parsed.error().detail.c_str());
      return 1;
    }
    records.push_back(std::move(parsed).value());
  }
  view::DashboardOptions options;
  options.today = *record::timestamp::parse_date("2026-05-15");
  auto start = std::chrono::steady_clock::now();
  std::size_t size = view::render_dashboard(records, options).size();
  const double cold = ms_since(start);
  std::vector<double> warm;
  for (int i = 0; i < iterations; ++i) {
    start = std::chrono::steady_clock::now();
    size += view::render_dashboard(records, options).size() & 1;
    warm.push_back(ms_since(start));
  }
  std::printf("{\"students\": %d, \"coldMs\": %.1f, \"warmMedianMs\": %.1f, \"bytes\": %zu}\n", students, cold,
              bench::median(warm), size);
  return 0;
}
