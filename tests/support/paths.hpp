// Paths the tests use: compiled in by tests/CMakeLists.txt, each overridable by
// an environment variable of the same name without the _PATH suffix.
#pragma once

#include <cstdlib>
#include <string>

namespace adl::test {

inline std::string path_or_env(const char* env, const char* compiled) {
  const char* value = std::getenv(env);
  return value != nullptr && *value != '\0' ? std::string(value) : std::string(compiled);
}

/// The adl executable.
inline std::string adl_bin() { return path_or_env("ADL_BIN", ADL_BIN_PATH); }
/// examples/ of the source tree.
inline std::string examples_dir() { return path_or_env("ADL_EXAMPLES_DIR", ADL_EXAMPLES_DIR_PATH); }
/// ../shared (reference and October-10 data); may not exist.
inline std::string shared_dir() { return path_or_env("ADL_SHARED_DIR", ADL_SHARED_DIR_PATH); }
/// tests/data of the source tree.
inline std::string test_data_dir() { return path_or_env("ADL_TEST_DATA_DIR", ADL_TEST_DATA_DIR_PATH); }

}  // namespace adl::test
