// The dashboard at the sizes people have (docs/dashboards.md): 1, 9, 10, 11, 30, 600 and 2,000
// students, each the example year varied with a fixed seed (its absences and contacts thinned
// differently, demographics drawn at a middle school's rates). At every size the figures add up, no
// shown group is smaller than the minimum, no hidden group's count can be worked out from the total and
// the shown groups (checked by listing every count the hidden groups could hold), no shown share says
// "all" or "none", and the priority list holds exactly the unreached students at risk.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <set>

#include "core/json/json.h"
#include "core/record/record.h"
#include "core/record/timestamp.h"
#include "core/view/dashboard.h"
#include "test_support.h"

namespace fep {
namespace {

constexpr std::size_t kMinCell = 10;

// A fixed-seed school: std::mt19937's raw output is the same on every platform (its distributions are
// not, so none is used).
class School {
 public:
  explicit School(std::uint32_t seed) : random_(seed) {
    auto parsed = json::parse_strict(test::read_file(std::string(FEP_SOURCE_DIR) + "/docs/examples/record.json"), 64);
    year_ = std::move(parsed).value();
    // 24 of the 320 assignments: the dashboard reads attendance, contacts and demographics.
    json::Json entries = json::Json::array(), results = json::Json::array();
    std::set<std::string> kept;
    for (const auto& e : year_["gradebookEntries"]) {
      if (kept.size() == 24) break;
      kept.insert(e["id"].get<std::string>());
      entries.push_back(e);
    }
    for (const auto& r : year_["studentGradebookEntries"])
      if (kept.count(r["gradebookEntryId"].get<std::string>())) results.push_back(r);
    year_["gradebookEntries"] = entries;
    year_["studentGradebookEntries"] = results;
  }

  std::vector<record::Record> students(int count) {
    std::vector<record::Record> records;
    for (int n = 1; n <= count; ++n) {
      json::Json r = year_;
      const std::string id = "stu-" + std::to_string(n);
      r["student"] = {{"id", id}, {"displayName", "Student " + std::to_string(n)}};
      const double attends = pick({0.15, 0.15, 0.15, 0.5, 0.5, 1.0});  // most miss few days, some many
      const double reached = pick({0.5, 0.5, 0.1, 0.1, 0.0});          // some families never reached
      r["attendanceEvents"] = thinned(year_["attendanceEvents"], attends);
      r["contactRecords"] = thinned(year_["contactRecords"], reached);
      const bool english_learner = chance(0.11);
      r["demographics"] = {
          {"sex", chance(0.02)  ? "Not Selected"
                  : chance(0.5) ? "Female"
                                : "Male"},
          {"races", json::Json::array({pick_text({"White", "White", "White", "Black - African American", "Asian",
                                                  "American Indian - Alaska Native"})})},
          {"hispanicLatinoEthnicity", chance(0.27)},
          {"englishLearner", english_learner},
          {"disability", chance(0.14)},
          {"economicallyDisadvantaged", chance(0.45)},
          {"homeLanguage", english_learner ? pick_text({"es", "es", "es", "vi", "zh", "ar", "ht", "am"}) : "en"},
          {"deviceAccess", chance(0.92)},
          {"internetAccess", chance(0.86)}};
      auto parsed = record::parse(r);
      EXPECT_TRUE(parsed.ok()) << parsed.error().detail;
      records.push_back(std::move(parsed).value());
    }
    return records;
  }

 private:
  double uniform() { return random_() / 4294967296.0; }
  bool chance(double p) { return uniform() < p; }
  double pick(std::initializer_list<double> values) { return values.begin()[random_() % values.size()]; }
  std::string pick_text(std::initializer_list<const char*> values) { return values.begin()[random_() % values.size()]; }
  json::Json thinned(const json::Json& items, double keep) {
    json::Json out = json::Json::array();
    for (const auto& item : items)
      if (chance(keep)) out.push_back(item);
    return out;
  }

  std::mt19937 random_;
  json::Json year_;
};

// Every count hidden group `i` could hold, to a reader who sees the total and the shown groups and knows
// a small group holds 1 to kMinCell - 1 students and a complementary one at least kMinCell: listed by
// counting, over the other hidden groups, every sum they can make.
std::set<std::size_t> possible_counts(const std::vector<bool>& small, std::size_t hidden_sum, std::size_t i) {
  std::vector<bool> sums(hidden_sum + 1, false);
  sums[0] = true;
  for (std::size_t j = 0; j < small.size(); ++j) {
    if (j == i) continue;
    const std::size_t lo = small[j] ? 1 : kMinCell, hi = small[j] ? kMinCell - 1 : hidden_sum;
    std::vector<bool> next(hidden_sum + 1, false);
    for (std::size_t s = 0; s <= hidden_sum; ++s) {
      if (!sums[s]) continue;
      for (std::size_t v = lo; v <= hi && s + v <= hidden_sum; ++v) next[s + v] = true;
    }
    sums = std::move(next);
  }
  std::set<std::size_t> values;
  const std::size_t lo = small[i] ? 1 : kMinCell, hi = small[i] ? kMinCell - 1 : hidden_sum;
  for (std::size_t v = lo; v <= hi && v <= hidden_sum; ++v)
    if (sums[hidden_sum - v]) values.insert(v);
  return values;
}

bool is_coded_or_between(const json::Json& share) {
  if (share.is_null()) return true;
  if (share.is_object()) return share.contains("atLeast") || share.contains("atMost");
  const double value = share.get<double>();
  return value > 0.05 && value < 0.95;
}

class DashboardAtSize : public ::testing::TestWithParam<int> {};

TEST_P(DashboardAtSize, FiguresAddUpAndNoSmallGroupCanBeWorkedOut) {
  const int size = GetParam();
  const auto records = School(2026).students(size);
  view::DashboardOptions options;
  options.today = *record::timestamp::parse_date("2026-05-15");
  const auto d = view::dashboard(records, options);

  EXPECT_EQ(d["students"], size);
  int tiers = 0;
  for (const auto& [tier, count] : d["chronicAbsence"]["tiers"].items()) tiers += count.get<int>();
  EXPECT_EQ(tiers, size);
  EXPECT_EQ(d["reach"]["reachedYear"].get<int>() + static_cast<int>(d["reach"]["neverReached"].size()), size);

  std::size_t shown_groups = 0, hidden_groups = 0;
  for (const auto& breakdown : d["breakdowns"]) {
    if (breakdown["allHidden"] == true) {
      EXPECT_TRUE(breakdown["cells"].empty());
    }
    std::size_t shown_sum = 0;
    std::vector<bool> small;
    for (const auto& cell : breakdown["cells"]) {
      if (cell["suppressed"] == false) {
        EXPECT_GE(cell["students"].get<std::size_t>(), kMinCell) << breakdown.dump();
        for (const char* share : {"reached30", "reachedYear", "trusting", "deviceAccess", "internetAccess"})
          EXPECT_TRUE(is_coded_or_between(cell[share])) << share << " " << cell.dump();
        shown_sum += cell["students"].get<std::size_t>();
        ++shown_groups;
      } else {
        small.push_back(cell["suppressed"] == "small");
        ++hidden_groups;
      }
    }
    const std::size_t hidden_sum = static_cast<std::size_t>(size) - shown_sum;
    for (std::size_t i = 0; i < small.size(); ++i) {
      EXPECT_GT(possible_counts(small, hidden_sum, i).size(), 1u)
          << "a hidden group is pinned down: " << breakdown.dump();
    }
  }
  if (size < static_cast<int>(kMinCell)) {
    EXPECT_EQ(shown_groups, 0u);  // nothing small leaves
  }
  if (size >= 600) {
    EXPECT_GT(shown_groups, hidden_groups);  // a school's picture shows its groups
  }

  // The priority list: at risk or chronically absent, not reached in 30 days, most days missed first.
  double previous = 1e9;
  for (const auto& s : d["chronicAbsence"]["priority"]) {
    EXPECT_NE(s["tier"], "satisfactory");
    EXPECT_LE(s["daysAbsent"].get<double>(), previous);
    previous = s["daysAbsent"].get<double>();
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, DashboardAtSize, ::testing::Values(1, 9, 10, 11, 30, 600, 2000));

}  // namespace
}  // namespace fep
