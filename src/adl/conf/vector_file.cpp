// The vector file format (spec/harness.md, CONF-VECTOR-FORMAT): header and
// vector lines written as JSON, and read back with the io JSON reader, every
// rejection naming the file, the line, the column and the key.
#include "adl/conf/vectors.hpp"

#include "adl/fx/error.hpp"
#include "adl/io/error.hpp"
#include "adl/io/fields.hpp"
#include "adl/io/json.hpp"
#include "adl/ref/error.hpp"

#include <istream>
#include <set>
#include <stdexcept>

namespace adl::conf {
namespace {

using ref::PolicyKind;

// ---- JSON.

nlohmann::ordered_json expected_json(const Expected& e) {
  nlohmann::ordered_json j;
  j["status"] = e.status == Status::Ok ? "ok" : "infeasible";
  if (e.status == Status::Ok) j["seized"] = e.seized;
  return j;
}

// ---- Reading (CONF-VECTOR-FORMAT, "Reading").

using io::JsonValue;
using JsonKind = JsonValue::Kind;

/// One line of a vector file, parsed by the io JSON reader; errors name the
/// file, the line, the column of the key at fault and the key.
class LineReader {
 public:
  LineReader(std::string name, std::size_t line, const std::string& text) : name_(std::move(name)), line_(line) {
    try {
      root_ = io::parse_json(text, name_);
    } catch (const io::InputError& e) {
      throw io::InputError(name_, line_, e.column() == 0 ? 1 : e.column(), "", "not valid JSON: " + e.message());
    }
    if (root_.kind != JsonKind::Object)
      fail_at(1, "", "expected a JSON object, got " + std::string(io::describe(root_.kind)));
  }

  [[nodiscard]] const JsonValue& root() const { return root_; }

  [[noreturn]] void fail_at(std::size_t column, const std::string& key, const std::string& message) const {
    throw io::InputError(name_, line_, column, key, message);
  }

  /// Fails at the member `key` of `object` (its key's column), or at the object when absent.
  [[noreturn]] void fail(const JsonValue& object, const std::string& key, const std::string& message) const {
    for (const auto& m : object.members) {
      if (m.key == key) fail_at(m.column, key, message);
    }
    fail_at(object.column, key, message);
  }

  const JsonValue& member(const JsonValue& object, const std::string& key) const {
    const JsonValue* v = object.find(key);
    if (v == nullptr) fail(object, key, "missing key '" + key + "'");
    return *v;
  }

  std::string string_member(const JsonValue& object, const std::string& key) const {
    const JsonValue& v = member(object, key);
    if (v.kind != JsonKind::String) fail(object, key, "'" + key + "' must be a string, got " + io::describe(v.kind));
    return v.text;
  }

  std::int64_t int_value(const JsonValue& object, const JsonValue& v, const std::string& key,
                         const std::string& where) const {
    if (v.kind != JsonKind::Number) {
      fail(object, key, where + " must be a JSON integer, got " + io::describe(v.kind) + " " + io::json_excerpt(v));
    }
    const auto value = io::json_int64(v);
    if (!value) {
      fail(object, key,
           where + " is " + v.text +
               ", not a JSON integer in the int64 range (floats are not accepted; values beyond int64 neither)");
    }
    return *value;
  }

  std::vector<std::int64_t> int_array(const JsonValue& object, const std::string& key) const {
    const JsonValue& v = member(object, key);
    if (v.kind != JsonKind::Array) {
      fail(object, key, "'" + key + "' must be an array of integers, got " + io::describe(v.kind));
    }
    std::vector<std::int64_t> out;
    out.reserve(v.items.size());
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      out.push_back(int_value(object, v.items[i], key, "'" + key + "'[" + std::to_string(i) + "]"));
    }
    return out;
  }

 private:
  std::string name_;
  std::size_t line_;
  JsonValue root_;
};

PolicyKind policy_from_canonical(const LineReader& r, const JsonValue& object, const std::string& key,
                                 const std::string& name) {
  for (const PolicyKind p : vector_policies()) {
    if (ref::policy_name(p) == name) return p;
  }
  r.fail(object, key,
         "unknown policy '" + name +
             "' (vectors exist for queue, pro-rata, capped-pro-rata, levered-pro-rata, "
             "rap, min-max, greedy-one-step)");
}

std::string describe_expected(const Expected& e) {
  if (e.status == Status::Infeasible) return "infeasible";
  std::string s = "ok [";
  for (std::size_t i = 0; i < e.seized.size() && i < 6; ++i) s += (i ? "," : "") + std::to_string(e.seized[i]);
  if (e.seized.size() > 6) s += ",…";
  return s + "]";
}

}  // namespace

std::string header_line(const VectorSetHeader& header) {
  nlohmann::ordered_json j;
  j["format"] = header.format;
  j["generator"] = header.generator;
  j["seed"] = header.seed;
  j["policy"] = header.policy;
  j["count"] = header.count;
  return j.dump();
}

nlohmann::ordered_json vector_json(const Vector& v) {
  nlohmann::ordered_json j;
  j["id"] = v.id;
  j["policy"] = ref::policy_name(v.policy);
  j["family"] = v.family;
  j["case"] = v.case_name;
  j["budget"] = v.budget;
  for (const Column c : policy_columns(v.policy)) j[std::string(column_key(c))] = v.column(c);
  j["expected"] = expected_json(v.expected);
  return j;
}

std::string vector_line(const Vector& v) { return vector_json(v).dump(); }

std::string request_line(const Vector& v) {
  nlohmann::ordered_json j;
  j["id"] = v.id;
  j["policy"] = ref::policy_name(v.policy);
  j["budget"] = v.budget;
  for (const Column c : policy_columns(v.policy)) j[std::string(column_key(c))] = v.column(c);
  return j.dump();
}

namespace {

VectorSetHeader read_header(const LineReader& r) {
  const JsonValue& j = r.root();
  for (const auto& m : j.members) {
    if (m.key != "format" && m.key != "generator" && m.key != "seed" && m.key != "policy" && m.key != "count") {
      r.fail_at(m.column, m.key, "unknown key '" + m.key + "' in the header (format, generator, seed, policy, count)");
    }
  }
  VectorSetHeader header;
  header.format = r.string_member(j, "format");
  if (header.format != kVectorFormat) {
    r.fail(j, "format", "unsupported format '" + header.format + "' (this adl reads " + kVectorFormat + ")");
  }
  header.generator = r.string_member(j, "generator");
  header.seed = r.string_member(j, "seed");
  if (header.seed.empty() || header.seed.find_first_not_of("0123456789") != std::string::npos) {
    r.fail(j, "seed", "the seed must be a string of decimal digits");
  }
  header.policy = r.string_member(j, "policy");
  if (header.policy != "all") policy_from_canonical(r, j, "policy", header.policy);
  const std::int64_t count = r.int_value(j, r.member(j, "count"), "count", "'count'");
  if (count < 0) r.fail(j, "count", "'count' must be >= 0");
  header.count = static_cast<std::size_t>(count);
  return header;
}

Expected read_expected(const LineReader& r, const Vector& v) {
  const JsonValue& root = r.root();
  const JsonValue& expected = r.member(root, "expected");
  if (expected.kind != JsonKind::Object) r.fail(root, "expected", "'expected' must be an object {status, seized}");
  for (const auto& m : expected.members) {
    if (m.key != "status" && m.key != "seized") r.fail_at(m.column, m.key, "unknown key '" + m.key + "' in 'expected'");
  }
  Expected out;
  const std::string status = r.string_member(expected, "status");
  if (status == "ok") {
    out.status = Status::Ok;
    out.seized = r.int_array(expected, "seized");
    if (out.seized.size() != v.w.size()) {
      r.fail(expected, "seized",
             "'seized' has " + std::to_string(out.seized.size()) + " entries, the book has " +
                 std::to_string(v.w.size()) + " accounts");
    }
  } else if (status == "infeasible") {
    out.status = Status::Infeasible;
    if (expected.find("seized") != nullptr) r.fail(expected, "seized", "'seized' is given with status infeasible");
  } else {
    r.fail(expected, "status", "unknown status '" + status + "' (ok, infeasible)");
  }
  return out;
}

/// The reference's outcome must be the file's (CONF-VECTOR-FORMAT, "Reading").
void check_against_oracle(const LineReader& r, const Vector& v) {
  const JsonValue& root = r.root();
  Expected oracle;
  try {
    oracle = reference_outcome(v);
  } catch (const ref::InvalidInput& e) {
    const std::string message = e.what();
    std::string key;
    if (message.size() > 1 && message.front() == '\'') key = message.substr(1, message.find('\'', 1) - 1);
    r.fail(root, key, std::string("outside the domain of the vectors: ") + message);
  } catch (const fx::Overflow& e) {
    r.fail(root, "w", std::string("outside the fixed-point range: ") + e.what());
  }
  if (oracle == v.expected) return;
  std::string where;
  if (oracle.status == v.expected.status) {
    for (std::size_t i = 0; i < oracle.seized.size(); ++i) {
      if (oracle.seized[i] != v.expected.seized[i]) {
        where = " (account " + std::to_string(i) + ": the file says " + std::to_string(v.expected.seized[i]) +
                ", the reference gives " + std::to_string(oracle.seized[i]) + ")";
        break;
      }
    }
  }
  r.fail(root, "expected",
         "the expected outcome " + describe_expected(v.expected) + " differs from the reference's " +
             describe_expected(oracle) + where);
}

Vector read_vector(const LineReader& r, const VectorSetHeader& header, std::set<std::string>& ids) {
  const JsonValue& j = r.root();
  Vector v;
  v.id = r.string_member(j, "id");
  if (v.id.empty()) r.fail(j, "id", "'id' must not be empty");
  if (!ids.insert(v.id).second) r.fail(j, "id", "repeated id '" + v.id + "'");
  v.policy = policy_from_canonical(r, j, "policy", r.string_member(j, "policy"));
  if (header.policy != "all" && ref::policy_name(v.policy) != header.policy) {
    r.fail(j, "policy",
           "policy '" + ref::policy_name(v.policy) + "' differs from the header's '" + header.policy + "'");
  }
  const auto& columns = policy_columns(v.policy);
  static const std::set<std::string> fixed{"id", "policy", "family", "case", "budget", "expected"};
  for (const auto& m : j.members) {
    if (fixed.count(m.key) != 0) continue;
    bool known = false;
    for (const Column c : columns) known = known || column_key(c) == m.key;
    if (!known) {
      r.fail_at(m.column, m.key,
                "unknown key '" + m.key + "' (policy " + ref::policy_name(v.policy) +
                    " reads only the columns of spec/harness.md, CONF-VECTOR-FORMAT)");
    }
  }
  v.family = r.string_member(j, "family");
  if (v.family != "boundary" && v.family != "adversarial" && v.family != "random" && v.family != "shrunk") {
    r.fail(j, "family", "unknown family '" + v.family + "' (boundary, adversarial, random, shrunk)");
  }
  v.case_name = r.string_member(j, "case");
  v.budget = r.int_value(j, r.member(j, "budget"), "budget", "'budget'");
  if (v.budget < 0) r.fail(j, "budget", "'budget' must be >= 0");
  for (const Column c : columns) {
    const std::string key(column_key(c));
    v.column(c) = r.int_array(j, key);
    if (v.column(c).size() != v.w.size() && c != Column::W) {
      r.fail(j, key,
             "'" + key + "' has " + std::to_string(v.column(c).size()) + " entries, 'w' has " +
                 std::to_string(v.w.size()));
    }
  }
  v.expected = read_expected(r, v);
  check_against_oracle(r, v);
  return v;
}

}  // namespace

VectorFile read_vectors(std::istream& in, const std::string& name) {
  VectorFile file;
  std::string text;
  std::size_t line_number = 0;
  bool have_header = false;
  std::set<std::string> ids;
  std::size_t header_line_number = 1;
  while (std::getline(in, text)) {
    ++line_number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) {
      throw io::InputError(name, line_number, 1, "", "empty line (one JSON object per line)");
    }
    const LineReader r(name, line_number, text);
    if (!have_header) {
      have_header = true;
      header_line_number = line_number;
      file.header = read_header(r);
      continue;
    }
    file.vectors.push_back(read_vector(r, file.header, ids));
  }
  if (!have_header) throw io::InputError(name, 1, 1, "", "empty file: expected a header line (spec/harness.md)");
  if (file.vectors.size() != file.header.count) {
    throw io::InputError(name, header_line_number, 1, "count",
                         "the header's count is " + std::to_string(file.header.count) + " but the file has " +
                             std::to_string(file.vectors.size()) + " vectors");
  }
  return file;
}

}  // namespace adl::conf
