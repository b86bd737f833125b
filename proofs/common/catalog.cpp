#include "catalog.hpp"

namespace adl::proofs {

std::string verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::Proved: return "PROVED";
    case Verdict::Refuted: return "REFUTED";
    case Verdict::Unknown: return "UNKNOWN";
    case Verdict::Timeout: return "TIMEOUT";
    case Verdict::Vacuous: return "VACUOUS";
    case Verdict::ReplayFailed: return "REPLAY-FAILED";
  }
  return "?";
}

std::vector<Claim>& registry() {
  static std::vector<Claim> claims;
  return claims;
}

bool register_claim(Claim claim) {
  registry().push_back(std::move(claim));
  return true;
}

}  // namespace adl::proofs
