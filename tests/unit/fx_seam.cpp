// The seam between the exact reference and fx (STYLE.md; spec/fx.md, FX-TO-EXACT):
// the fx algorithm files include no adl::ref header but the plain error types, so
// that no algorithm is shared and one bug cannot pass in both engines. Only the
// converters (files named convert*, such as convert.hpp and convert.cpp) may use adl::ref.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

fs::path fx_source_dir() {
  // This file is tests/unit/fx_seam.cpp; the fx sources are src/adl/fx.
  return fs::path(__FILE__).parent_path().parent_path().parent_path() / "src" / "adl" / "fx";
}

/// @spec FX-TO-EXACT
TEST(FxSeam, AlgorithmFilesIncludeNoReferenceHeaderButTheErrorTypes) {
  const fs::path dir = fx_source_dir();
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  const std::regex include_ref(R"(#\s*include\s*[<"]adl/ref/([^">]+)[">])");
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const fs::path& path = entry.path();
    if (!entry.is_regular_file() || (path.extension() != ".hpp" && path.extension() != ".cpp")) continue;
    ++files;
    const std::string stem = path.stem().string();
    if (stem.rfind("convert", 0) == 0) continue;  // the converters (convert.*, convert_*.*)
    std::ifstream in(path);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      std::smatch match;
      if (std::regex_search(line, match, include_ref)) {
        EXPECT_EQ(match[1].str(), "error.hpp") << path << ":" << number << " includes adl/ref/" << match[1];
      }
      EXPECT_EQ(line.find("adl::ref::") != std::string::npos && stem != "error", false)
          << path << ":" << number << " names adl::ref";
    }
  }
  EXPECT_GE(files, 10U);
}

}  // namespace
