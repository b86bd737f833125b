/// @file
/// How a subcommand of `adl` declares itself: its name, its options (where
/// each parsed value goes) and what runs when it is chosen. Each command's
/// file builds its own CommandSpec; main.cpp turns the specs into the one
/// command-line parser, so the parser library is compiled once and a new
/// command touches only its own file and the list in main.cpp. The option
/// groups shared by several commands (--json, --seed, --engine, --out, the
/// budget) are written once here.
#pragma once

#include "common.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace adl::cli {

/// Where the parsed value of one option goes; a `bool` is a flag.
using OptionTarget = std::variant<bool*, std::string*, std::optional<std::string>*, std::int64_t*,
                                  std::optional<std::int64_t>*, unsigned*, double*, std::vector<std::string>*>;

/// One option (`--name`) or positional argument (`name`) of a command.
struct OptionSpec {
  std::string name;                   ///< `--name`, or a bare name for a positional argument.
  std::string help;                   ///< One line of help.
  OptionTarget target;                ///< Where the value is stored.
  bool required = false;              ///< The command fails without it.
  bool show_default = false;          ///< The help shows the default value.
  std::vector<std::string> excludes;  ///< Options of the same command that may not be given with it.

  /// An option `name` stored in `target`, not given with any of `excludes`.
  OptionSpec(std::string option_name, std::string option_help, OptionTarget option_target,
             std::vector<std::string> excluded = {})
      : name(std::move(option_name)),
        help(std::move(option_help)),
        target(option_target),
        excludes(std::move(excluded)) {}

  /// Marks the option required.
  OptionSpec&& needed() && {
    required = true;
    return std::move(*this);
  }
  /// Shows the default value in the help.
  OptionSpec&& with_default() && {
    show_default = true;
    return std::move(*this);
  }
};

/// One subcommand: its options, its own subcommands, and what it runs.
struct CommandSpec {
  std::string name;                      ///< `adl NAME`.
  std::string help;                      ///< One line of help.
  std::vector<OptionSpec> options;       ///< In the order the help lists them.
  std::vector<CommandSpec> subcommands;  ///< E.g. `simulate merge`.
  bool require_subcommand = false;       ///< The command does nothing by itself.
  /// Runs the command on its parsed options; text for standard output is
  /// appended to `out` (printed only if nothing was thrown). Returns the exit code.
  std::function<int(std::string& out)> run;

  /// A command that runs `command_run` (nothing: it only holds subcommands), without options yet.
  CommandSpec(std::string command_name, std::string command_help, std::function<int(std::string& out)> command_run = {})
      : name(std::move(command_name)), help(std::move(command_help)), run(std::move(command_run)) {}
};

/// `--json`: "Print one JSON document (schema SCHEMA)SUFFIX"; no schema, no parenthesis.
OptionSpec json_flag(bool& json, std::string_view schema = {}, std::string_view suffix = {});
/// `--seed S`, an integer in [0, 2^64) kept as typed (parse_seed), default shown.
OptionSpec seed_option(std::string& seed, std::string help);
/// `--engine NAME`, default shown.
OptionSpec engine_option(std::string& engine, std::string help);
/// `--engine` of run and compare: ref, fx or auto.
OptionSpec book_engine_option(std::string& engine);
/// `--out FILE`.
OptionSpec out_option(std::optional<std::string>& out, std::string help);
/// `--out FILE` written through a temporary file renamed into place.
OptionSpec atomic_out_option(std::optional<std::string>& out);
/// `--severity θ` and `--budget B` (mutually exclusive) and, with `with_clip`, `--clip-budget`.
void add_budget_options(std::vector<OptionSpec>& options, BudgetOptions& budget, bool with_clip);
/// `--score RULE` and `--risk MODEL` of run and compare.
void add_rule_options(std::vector<OptionSpec>& options, std::string& score, std::string& risk);

}  // namespace adl::cli
