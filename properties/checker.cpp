// The default number of cases of the property run (the checker itself is the
// library src/adl/check).
#include <cstdlib>
#include <string>

namespace adl::prop {
namespace {

// The issue asks for at least 1,000 cases per property in the default run
// (RapidCheck's own default is 100). RapidCheck reads RC_PARAMS once, at the
// first check, so this initializer (linked into every property executable
// through the OBJECT library) adds `max_success=1000` unless the caller chose a
// max_success: `RC_PARAMS="reproduce=..."` and `RC_PARAMS=max_success=100000`
// (property-long) keep working.
// @spec FX-ROUNDING
bool install_default_case_count() {
  const char* current = std::getenv("RC_PARAMS");
  std::string params = current != nullptr ? current : "";
  if (params.find("max_success") == std::string::npos) {
    if (!params.empty()) params += ' ';
    params += "max_success=1000";
    setenv("RC_PARAMS", params.c_str(), 1);
  }
  return true;
}

[[maybe_unused]] const bool default_case_count_installed = install_default_case_count();

}  // namespace
}  // namespace adl::prop
