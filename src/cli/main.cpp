// The `adl` command (docs/cli.md): builds the parser from the commands' specs
// (each declared in its own file, options.hpp), runs the chosen one and maps
// its exceptions to exit codes.
// Exit codes follow spec/formats.md, FMT-ERRORS: 0 success, 1 violations found,
// 2 rejected input or usage, 70 internal error. Output is built in full before
// it is printed, so a failing command writes nothing on standard output.
#include "commands.hpp"

#include "adl/fx/error.hpp"
#include "adl/ref/error.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace {

using adl::cli::CommandSpec;
using adl::cli::OptionSpec;

/// The parser's option for one OptionSpec: a flag for a bool, else an option.
CLI::Option* add_option(CLI::App& app, const OptionSpec& spec) {
  CLI::Option* option = std::visit(
      [&](auto* target) -> CLI::Option* {
        if constexpr (std::is_same_v<decltype(target), bool*>) {
          return app.add_flag(spec.name, *target, spec.help);
        } else {
          return app.add_option(spec.name, *target, spec.help);
        }
      },
      spec.target);
  if (spec.required) option->required();
  if (spec.show_default) option->capture_default_str();
  return option;
}

/// A command chosen on the command line and what it runs.
struct Registered {
  CLI::App* app;
  const CommandSpec* spec;
};

/// Adds `spec` (options, exclusions, subcommands) under `parent`; records each
/// command, parents before their subcommands, in `registered`.
void add_command(CLI::App& parent, const CommandSpec& spec, std::vector<Registered>& registered) {
  CLI::App* app = parent.add_subcommand(spec.name, spec.help);
  if (spec.require_subcommand) app->require_subcommand(1);
  std::map<std::string, CLI::Option*> by_name;
  for (const OptionSpec& option : spec.options) by_name[option.name] = add_option(*app, option);
  for (const OptionSpec& option : spec.options) {
    for (const std::string& other : option.excludes) by_name.at(option.name)->excludes(by_name.at(other));
  }
  registered.push_back({app, &spec});
  for (const CommandSpec& sub : spec.subcommands) add_command(*app, sub, registered);
}

/// Rejected input or usage (FMT-ERRORS): `adl: error: MESSAGE`, exit 2.
int rejected(const std::exception& error, const char* advice = "") {
  std::cerr << "adl: error: " << error.what() << advice << "\n";
  return adl::cli::kExitInput;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "adl — the adlref reference implementation of autodeleveraging (ADL) mechanisms.\n"
      "Exact rational arithmetic throughout; see docs/cli.md.",
      "adl"};
  app.set_version_flag("--version", std::string("adl (adlref) ") + adl::cli::kVersion);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 success, 1 violations found (check), 2 rejected input or usage, 70 internal error.");

  // The commands in the order the help lists them; each declares its options in its own file.
  const std::vector<CommandSpec> commands = {
      adl::cli::run_spec(),      adl::cli::compare_spec(), adl::cli::check_spec(),
      adl::cli::generate_spec(), adl::cli::prove_spec(),   adl::cli::replay_spec(),
      adl::cli::simulate_spec(), adl::cli::conform_spec(), adl::cli::vectors_spec()};
  std::vector<Registered> registered;
  for (const CommandSpec& command : commands) add_command(app, command, registered);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? adl::cli::kExitOk : adl::cli::kExitInput;
  }

  std::string out;
  try {
    // The deepest command given runs: `simulate merge` rather than `simulate`.
    const CommandSpec* chosen = nullptr;
    for (const Registered& command : registered) {
      if (command.app->parsed()) chosen = command.spec;
    }
    const int code = chosen != nullptr && chosen->run ? chosen->run(out) : adl::cli::kExitOk;
    std::cout << out << std::flush;
    return code;
  } catch (const adl::io::InputError& e) {
    std::cerr << e.what() << "\n";  // already "FILE:LINE:COLUMN: field 'F': …"
    return adl::cli::kExitInput;
  } catch (const adl::ref::InvalidInput& e) {
    return rejected(e);
  } catch (const adl::ref::Infeasible& e) {
    return rejected(e);
  } catch (const adl::fx::Overflow& e) {
    // FX-OVERFLOW: a book outside the fixed-point range is rejected input, as compare reports it.
    return rejected(e, "; use --engine ref");
  } catch (const adl::cli::UsageError& e) {
    return rejected(e);
  } catch (const std::exception& e) {
    std::cerr << "adl: internal error: " << e.what() << "\n";
    return adl::cli::kExitInternal;
  } catch (...) {
    std::cerr << "adl: internal error\n";
    return adl::cli::kExitInternal;
  }
}
