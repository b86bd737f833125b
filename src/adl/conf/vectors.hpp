/// @file
/// Conformance test vectors (spec/harness.md): one book, budget and policy in
/// fixed-point units with the expected outcome under the rounding contract,
/// computed by the reference; the deterministic generator of vector sets from
/// a seed; and the versioned JSON-lines file format, written and read.
#pragma once

#include "adl/fx/number.hpp"
#include "adl/ref/policies.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace adl::conf {

/// Version of the vector file format, the header's `format`.
/// @spec CONF-VECTOR-FORMAT
inline constexpr const char* kVectorFormat = "adlref.vectors/1";
/// Version of the generator, the header's `generator`: equal seeds give equal
/// vectors only under equal generator versions.
/// @spec CONF-VECTOR-FORMAT
/// @spec CONF-VECTOR-GEN
inline constexpr const char* kGeneratorVersion = "adlref-vectors/1";

/// A per-account column of a vector (FX-SCALES units).
/// @spec CONF-VECTOR-FORMAT
enum class Column {
  W,           ///< `w`: endowment w_i ≥ 0, micro-USD.
  Score,       ///< `score`: queue score at 10⁻⁹; INT64_MAX is +∞.
  Cap,         ///< `cap`: money cap c_i ∈ [0, w_i], micro-USD.
  Leverage,    ///< `leverage`: ℓ_i at 10⁻⁹.
  RiskWeight,  ///< `risk_weight`: w̃_i at 10⁻⁹.
  Equity,      ///< `equity`: e_i, micro-USD.
  Rho,         ///< `rho`: ρ_i at 10⁻⁹.
};

/// The JSON key of a column (`w`, `score`, `cap`, `leverage`, `risk_weight`, `equity`, `rho`).
/// @spec CONF-VECTOR-FORMAT
std::string_view column_key(Column column);

/// The columns a policy reads, in the order of the format's table.
/// @spec CONF-VECTOR-FORMAT
const std::vector<Column>& policy_columns(ref::PolicyKind policy);

/// The policies vectors exist for, in the order `--policy all` writes them.
/// @spec CONF-VECTOR-GEN
const std::vector<ref::PolicyKind>& vector_policies();

/// The status of an expected outcome or of a reply.
/// @spec CONF-VECTOR-FORMAT
enum class Status {
  Ok,          ///< An allocation.
  Infeasible,  ///< The budget exceeds the policy's capacity.
};

/// An expected outcome: a status and, for Ok, the seized amounts (micro-USD).
/// @spec CONF-VECTOR-FORMAT
struct Expected {
  Status status = Status::Ok;        ///< ok or infeasible.
  std::vector<std::int64_t> seized;  ///< x_i in micro-USD, one per account when Ok; empty otherwise.
  /// Equal status and amounts.
  bool operator==(const Expected&) const = default;
};

/// One test vector.
/// @spec CONF-VECTOR-FORMAT
struct Vector {
  std::string id;                                   ///< Unique in its file (`queue-17`).
  ref::PolicyKind policy = ref::PolicyKind::Queue;  ///< The policy under test.
  std::string family;                               ///< boundary, adversarial, random or shrunk.
  std::string case_name;                            ///< The case within the family (`tie`, …).
  std::int64_t budget = 0;                          ///< B, micro-USD.
  std::vector<std::int64_t> w;                      ///< Endowments (every policy).
  std::vector<std::int64_t> score;                  ///< Queue scores (queue only).
  std::vector<std::int64_t> cap;                    ///< Money caps (capped policies).
  std::vector<std::int64_t> leverage;               ///< Leverage (levered pro-rata).
  std::vector<std::int64_t> risk_weight;            ///< Risk weights (RAP).
  std::vector<std::int64_t> equity;                 ///< Equity (min–max, greedy one-step).
  std::vector<std::int64_t> rho;                    ///< ρ (greedy one-step).
  Expected expected;                                ///< The oracle's outcome.

  /// Number of accounts n (the length of `w`).
  [[nodiscard]] std::size_t size() const { return w.size(); }
  /// The storage of a column.
  std::vector<std::int64_t>& column(Column c);
  /// The storage of a column (read-only).
  [[nodiscard]] const std::vector<std::int64_t>& column(Column c) const;
};

/// The policy's capacity K: U = Σ w for queue and pro-rata; Σ c over w ＞ 0 for
/// the capped policies; Σ c over w ＞ 0 and w̃ ＞ 0 for RAP. Throws fx::Overflow
/// when it leaves int64.
/// @spec CONF-VECTOR-GEN
/// @spec DEF-CAPACITY
std::int64_t capacity(const Vector& vector);

/// Checks that a vector lies in the fx domain of its policy (CONF-VECTOR-FORMAT):
/// the policy's columns, all of length n and no other; w ≥ 0 with Σ w in int64;
/// caps in [0, w_i]; non-negative risk weights, ρ and leverage, leverage ＞ 0 and
/// (min–max) equity ＞ 0 where w ＞ 0; B ≥ 0. Throws ref::InvalidInput whose
/// message names the key and the account.
/// @spec CONF-VECTOR-FORMAT
void check_domain(const Vector& vector);

/// The expected outcome (the oracle): FX-ROUNDING of the reference policy on
/// the vector's exact image (FX-TO-EXACT), or Infeasible when the reference
/// throws Infeasible. Throws ref::InvalidInput when the vector is not valid.
/// @spec CONF-VECTOR-FORMAT
/// @spec FX-ROUNDING
/// @spec FX-TO-EXACT
Expected reference_outcome(const Vector& vector);

/// Vector j of policy P from seed S (depends on nothing else), with its expected outcome.
/// @spec CONF-VECTOR-GEN
Vector generate_vector(ref::PolicyKind policy, std::uint64_t seed, std::size_t index);

/// Vectors 0 … count − 1 of policy P from seed S.
/// @spec CONF-VECTOR-GEN
std::vector<Vector> generate_vectors(ref::PolicyKind policy, std::size_t count, std::uint64_t seed);

/// The header line of a vector file.
/// @spec CONF-VECTOR-FORMAT
struct VectorSetHeader {
  std::string format = kVectorFormat;         ///< `format`.
  std::string generator = kGeneratorVersion;  ///< `generator`.
  std::string seed = "1";                     ///< `seed`, decimal digits.
  std::string policy = "all";                 ///< A canonical policy name, or `all`.
  std::size_t count = 0;                      ///< Number of vectors.
};

/// The header as one JSON line (no newline).
/// @spec CONF-VECTOR-FORMAT
std::string header_line(const VectorSetHeader& header);

/// The vector as a JSON object, keys in the format's order.
/// @spec CONF-VECTOR-FORMAT
nlohmann::ordered_json vector_json(const Vector& vector);

/// The vector as one JSON line (no newline).
/// @spec CONF-VECTOR-FORMAT
std::string vector_line(const Vector& vector);

/// The request line sent to an implementation: the vector without family, case and expected.
/// @spec CONF-PROTOCOL
std::string request_line(const Vector& vector);

/// A vector file as read.
/// @spec CONF-VECTOR-FORMAT
struct VectorFile {
  VectorSetHeader header;       ///< Its header.
  std::vector<Vector> vectors;  ///< Its vectors, in file order.
};

/// Reads and checks a vector file (CONF-VECTOR-FORMAT, "Reading"): every rule
/// broken throws io::InputError naming `name`, the line, the column and the key.
/// Each vector's expected outcome is compared with the reference's.
/// @spec CONF-VECTOR-FORMAT
VectorFile read_vectors(std::istream& in, const std::string& name);

}  // namespace adl::conf
