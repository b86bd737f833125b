// Shared harness of the CLI tests: runs the real `adl` binary with stdout and
// stderr captured, and reads its aligned tables.
#pragma once

#include "paths.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace adl::test {

// ---- Running the real `adl` binary (ADL_BIN) and capturing its output.
struct Result {
  int code = -1;    // exit code (128 + signal when killed)
  std::string out;  // standard output
  std::string err;  // standard error
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string temp_path(const std::string& stem) {
  std::string pattern = (std::filesystem::temp_directory_path() / ("adl_cli_" + stem + "_XXXXXX")).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd >= 0) ::close(fd);
  return pattern;
}

// Runs `adl args...` with stdout and stderr redirected to temporary files.
inline Result run_adl(const std::vector<std::string>& args) {
  Result r;
  const std::string bin = adl_bin();
  const std::string out_path = temp_path("out");
  const std::string err_path = temp_path("err");
  std::vector<std::string> argv_strings = {bin};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_TRUNC);
    const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_TRUNC);
    if (out_fd < 0 || err_fd < 0) ::_exit(127);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  if (pid > 0 && ::waitpid(pid, &status, 0) == pid) {
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return r;
}

inline std::string describe(const Result& r) {
  return "exit " + std::to_string(r.code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" + r.err;
}

inline std::string example(const std::string& name) { return examples_dir() + "/" + name; }
inline std::string test_data(const std::string& name) { return test_data_dir() + "/" + name; }

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// Lines of a text.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Cells of an aligned table line: columns are separated by runs of two or more spaces.
inline std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t pos = line.find_first_not_of(' ');
  while (pos != std::string::npos && pos < line.size()) {
    std::size_t end = line.find("  ", pos);
    if (end == std::string::npos) end = line.size();
    cells.push_back(line.substr(pos, end - pos));
    pos = line.find_first_not_of(' ', end);
  }
  return cells;
}

// The table printed under the line `title`: header cells and rows (as cells), up to a blank line.
struct ParsedTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  bool found = false;
  // The cell in the row whose first cell is `key`, column `column` ("" if absent).
  std::string cell(const std::string& key, const std::string& column) const {
    std::size_t c = 0;
    while (c < header.size() && header[c] != column) ++c;
    if (c == header.size()) return "<no column " + column + ">";
    for (const auto& row : rows) {
      if (!row.empty() && row[0] == key) return c < row.size() ? row[c] : "<short row>";
    }
    return "<no row " + key + ">";
  }
};

inline ParsedTable table_after(const std::string& text, const std::string& title) {
  ParsedTable t;
  const auto lines = lines_of(text);
  for (std::size_t i = 0; i + 2 < lines.size(); ++i) {
    if (lines[i] != title) continue;
    t.found = true;
    t.header = cells_of(lines[i + 1]);
    for (std::size_t k = i + 3; k < lines.size() && !lines[k].empty(); ++k) {
      if (lines[k].find_first_not_of(' ') == std::string::npos) break;
      t.rows.push_back(cells_of(lines[k]));
    }
    break;
  }
  return t;
}

}  // namespace adl::test
