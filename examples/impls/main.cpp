// The entry point of one example implementation; ADL_IMPL_BUG selects its bug
// (examples/impls/CMakeLists.txt builds one executable per value).
#include "impl.hpp"

int main() { return adl::examples::run_implementation(static_cast<adl::examples::Bug>(ADL_IMPL_BUG)); }
