# Traceability between spec/ and the code: which spec IDs are implemented,
# tested and checked, and which citations point at nothing.
#
# A definition is a level-3 heading of exactly the form `### ID — title` in
# spec/*.md (outside fenced code blocks); an ID is upper-case words joined by
# hyphens with at least one hyphen (DEF-POSITION, AMB-M-03, EX-P5). A citation
# is `@spec ID` (or `\spec ID`) in any file under src/, tests/, proofs/,
# properties/ or bench/, in any comment style; Markdown files there are prose
# and are not scanned.
#
# Script mode only (cmake -P), no Python. Three modes:
#
#   cmake -DADL_TRACE_ROOT=<repo> -DADL_TRACE_OUTPUT=<dir>/traceability.md \
#         -P cmake/Traceability.cmake
#       (mode `page`, the default) writes the Doxygen page `traceability`
#       (only when its content changed). Problems are listed on the page and
#       counted in the printed summary, but do not fail.
#
#   cmake -DADL_TRACE_ROOT=<repo> -DADL_TRACE_MODE=check -P cmake/Traceability.cmake
#       prints `file:line: error: ...` for every dangling citation (its ID is
#       defined in no spec page) and every repeated definition, and then fails
#       (exit code 1) if there was any. This is the ctest `docs.traceability`.
#
#   cmake -DADL_TRACE_MODE=anchors -P cmake/Traceability.cmake FILE.md
#       the Doxygen input filter for Markdown pages: prints FILE.md with
#       ` {#ID}` appended to every `### ID — title` heading, so that `\ref ID`
#       (and the `@spec ID` alias) link to the definition, and with `###`
#       headings that come before any `##` heading raised to `##` (Doxygen
#       rejects a subsection outside a section). Line numbers are kept.
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED ADL_TRACE_MODE)
  set(ADL_TRACE_MODE page)
endif()

# Every ID: upper-case letters and digits, hyphen-separated, at least one hyphen.
set(_adl_id_re "[A-Z][A-Z0-9]*(-[A-Z0-9]+)+")
# The em dash (U+2014) between ID and title; this file is UTF-8.
set(_adl_emdash "—")

# Characters that CMake lists treat specially are swapped for control
# characters while a file is handled as a list of lines, then swapped back.
string(ASCII 1 _adl_ph_semi)
string(ASCII 2 _adl_ph_lbr)
string(ASCII 3 _adl_ph_rbr)
string(ASCII 4 _adl_ph_bsl)

# Reads FILE into OUT_VAR as a list with one element per line (empty lines and a
# final empty element after a trailing newline included).
function(_adl_read_lines file out_var)
  file(READ "${file}" text)
  string(REPLACE "\\" "${_adl_ph_bsl}" text "${text}")
  string(REPLACE ";" "${_adl_ph_semi}" text "${text}")
  string(REPLACE "[" "${_adl_ph_lbr}" text "${text}")
  string(REPLACE "]" "${_adl_ph_rbr}" text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Undoes the swaps of _adl_read_lines on one line.
function(_adl_restore_line line out_var)
  string(REPLACE "${_adl_ph_bsl}" "\\" line "${line}")
  string(REPLACE "${_adl_ph_semi}" ";" line "${line}")
  string(REPLACE "${_adl_ph_lbr}" "[" line "${line}")
  string(REPLACE "${_adl_ph_rbr}" "]" line "${line}")
  set(${out_var} "${line}" PARENT_SCOPE)
endfunction()

# Sets OUT_VAR to TRUE when LINE opens or closes a fenced code block.
function(_adl_is_fence line out_var)
  if(line MATCHES "^[ ]?[ ]?[ ]?(```|~~~)")
    set(${out_var} TRUE PARENT_SCOPE)
  else()
    set(${out_var} FALSE PARENT_SCOPE)
  endif()
endfunction()

# ---------------------------------------------------------------------------
# Mode `anchors`: Doxygen input filter. Output goes to standard output only;
# nothing else may be printed there (message(STATUS) would be).
if(ADL_TRACE_MODE STREQUAL "anchors")
  math(EXPR _last "${CMAKE_ARGC} - 1")
  set(_file "${CMAKE_ARGV${_last}}")
  if(NOT EXISTS "${_file}")
    message(FATAL_ERROR "Traceability anchors: no such file '${_file}'")
  endif()
  _adl_read_lines("${_file}" _lines)
  set(_out "")
  set(_first TRUE)
  set(_in_fence FALSE)
  set(_in_section FALSE)
  foreach(_line IN LISTS _lines)
    if(NOT _first)
      string(APPEND _out "\n")
    endif()
    set(_first FALSE)
    _adl_is_fence("${_line}" _fence)
    if(_fence)
      if(_in_fence)
        set(_in_fence FALSE)
      else()
        set(_in_fence TRUE)
      endif()
    elseif(NOT _in_fence)
      if(_line MATCHES "^## ")
        set(_in_section TRUE)
      endif()
      if(_line MATCHES "^### (${_adl_id_re}) ${_adl_emdash} ")
        set(_id "${CMAKE_MATCH_1}")
        if(NOT _line MATCHES "\\{#[^}]*\\}[ \t\r]*$" AND _line MATCHES "^(.*[^ \t\r])([ \t\r]*)$")
          set(_line "${CMAKE_MATCH_1} {#${_id}}${CMAKE_MATCH_2}")
        endif()
      endif()
      # A `###` heading before any `##` one would be a Doxygen subsection
      # outside a section (a warning): make it a section.
      if(NOT _in_section AND _line MATCHES "^###[ \t]")
        string(SUBSTRING "${_line}" 1 -1 _line)
      endif()
    endif()
    _adl_restore_line("${_line}" _line)
    string(APPEND _out "${_line}")
  endforeach()
  file(WRITE /dev/stdout "${_out}")
  return()
endif()

if(NOT ADL_TRACE_MODE MATCHES "^(page|check)$")
  message(FATAL_ERROR "Traceability: ADL_TRACE_MODE must be page, check or anchors, not '${ADL_TRACE_MODE}'")
endif()
if(NOT DEFINED ADL_TRACE_ROOT)
  message(FATAL_ERROR "Traceability: set -DADL_TRACE_ROOT=<repository root>")
endif()
if(ADL_TRACE_MODE STREQUAL "page" AND NOT DEFINED ADL_TRACE_OUTPUT)
  message(FATAL_ERROR "Traceability: mode page needs -DADL_TRACE_OUTPUT=<file.md>")
endif()
get_filename_component(_root "${ADL_TRACE_ROOT}" ABSOLUTE)

# Non-fatal problems, printed as "WHERE: warning: TEXT" and listed on the page
# as "`WHERE`: PAGE_TEXT" (Markdown; Doxygen expands aliases even in code
# spans, so a literal citation is written <tt>\@spec</tt> there).
set(_warnings "")
set(_warnings_md "")
function(_adl_warn where text page_text)
  list(APPEND _warnings "${where}: warning: ${text}")
  list(APPEND _warnings_md "`${where}`: ${page_text}")
  set(_warnings "${_warnings}" PARENT_SCOPE)
  set(_warnings_md "${_warnings_md}" PARENT_SCOPE)
endfunction()

# ---------------------------------------------------------------------------
# Definitions: spec/*.md.
file(GLOB _spec_files LIST_DIRECTORIES false "${_root}/spec/*.md")
list(SORT _spec_files)
set(_ids "")          # every distinct ID, in page order then heading order
set(_duplicates "")   # "ID|where" for every definition after the first
set(_pages "")        # spec files, relative
foreach(_file IN LISTS _spec_files)
  file(RELATIVE_PATH _rel "${_root}" "${_file}")
  list(APPEND _pages "${_rel}")
  set(_page_label_${_rel} "")
  set(_page_count_${_rel} 0)
  _adl_read_lines("${_file}" _lines)
  set(_n 0)
  set(_in_fence FALSE)
  foreach(_line IN LISTS _lines)
    math(EXPR _n "${_n} + 1")
    string(REGEX REPLACE "\r$" "" _line "${_line}")
    if(_n EQUAL 1)
      if(_line MATCHES "^# .*\\{#([A-Za-z_][A-Za-z0-9_-]*)\\}[ \t]*$")
        set(_page_label_${_rel} "${CMAKE_MATCH_1}")
      else()
        set(_text "the page does not start with `# Title {#spec_xxx}`")
        _adl_warn("${_rel}:1" "${_text}" "${_text}")
      endif()
    endif()
    _adl_is_fence("${_line}" _fence)
    if(_fence)
      if(_in_fence)
        set(_in_fence FALSE)
      else()
        set(_in_fence TRUE)
      endif()
      continue()
    endif()
    if(_in_fence OR NOT _line MATCHES "^###[ \t]")
      continue()
    endif()
    if(_line MATCHES "^### (${_adl_id_re}) ${_adl_emdash} (.*)$")
      set(_id "${CMAKE_MATCH_1}")
      set(_title "${CMAKE_MATCH_3}")
      if(DEFINED _def_where_${_id})
        list(APPEND _duplicates "${_id}|${_rel}:${_n}")
      else()
        list(APPEND _ids "${_id}")
        set(_def_where_${_id} "${_rel}:${_n}")
        set(_def_page_${_id} "${_rel}")
        string(REGEX REPLACE "[ \t]*\\{#[^}]*\\}[ \t]*$" "" _title "${_title}")
        _adl_restore_line("${_title}" _title)
        set(_def_title_${_id} "${_title}")
        math(EXPR _page_count_${_rel} "${_page_count_${_rel}} + 1")
      endif()
    elseif(_line MATCHES "^###[ \t]+[A-Z][A-Z0-9]*-[A-Z0-9]")
      set(_text "heading looks like an ID but is not `### ID — title` (em dash, single spaces), so it defines nothing")
      _adl_warn("${_rel}:${_n}" "${_text}" "${_text}")
    endif()
  endforeach()
endforeach()

# ---------------------------------------------------------------------------
# Citations: src/ (implemented), tests/ (tested), proofs/ and properties/
# (checked), bench/ (benchmarked).
set(_categories impl test check bench)
set(_dirs_impl src)
set(_dirs_test tests)
set(_dirs_check proofs properties)
set(_dirs_bench bench)
set(_dangling "")       # "ID|where", one per dangling citation
set(_dangling_ids "")   # the distinct IDs among them
set(_malformed "")      # "where|token"
set(_citation_count 0)
foreach(_cat IN LISTS _categories)
  foreach(_dir IN LISTS _dirs_${_cat})
    if(NOT IS_DIRECTORY "${_root}/${_dir}")
      continue()
    endif()
    file(GLOB_RECURSE _files LIST_DIRECTORIES false "${_root}/${_dir}/*")
    list(SORT _files)
    foreach(_file IN LISTS _files)
      if(_file MATCHES "\\.md$")
        continue()
      endif()
      # Cheap filter before reading line by line.
      file(STRINGS "${_file}" _hits REGEX "[@\\]spec[ \t]")
      if(NOT _hits)
        continue()
      endif()
      file(RELATIVE_PATH _rel "${_root}" "${_file}")
      _adl_read_lines("${_file}" _lines)
      set(_n 0)
      foreach(_line IN LISTS _lines)
        math(EXPR _n "${_n} + 1")
        if(NOT _line MATCHES "[@${_adl_ph_bsl}]spec[ \t]")
          continue()
        endif()
        string(REGEX MATCHALL "[@${_adl_ph_bsl}]spec[ \t]+[^ \t\r]+" _tokens "${_line}")
        foreach(_token IN LISTS _tokens)
          string(REGEX REPLACE "^[@${_adl_ph_bsl}]spec[ \t]+" "" _token "${_token}")
          if(_token MATCHES "^(${_adl_id_re})([^A-Za-z0-9_].*)?$")
            set(_id "${CMAKE_MATCH_1}")
            math(EXPR _citation_count "${_citation_count} + 1")
            if(DEFINED _def_where_${_id})
              list(APPEND _cite_${_cat}_${_id} "${_rel}:${_n}")
            else()
              list(APPEND _dangling "${_id}|${_rel}:${_n}")
              if(NOT DEFINED _dangle_${_id})
                list(APPEND _dangling_ids "${_id}")
              endif()
              list(APPEND _dangle_${_id} "${_rel}:${_n}")
            endif()
          else()
            # Shown in a warning only: keep list-special characters out.
            string(REPLACE "${_adl_ph_semi}" "," _token "${_token}")
            string(REPLACE "${_adl_ph_lbr}" "(" _token "${_token}")
            string(REPLACE "${_adl_ph_rbr}" ")" _token "${_token}")
            string(REPLACE "${_adl_ph_bsl}" "/" _token "${_token}")
            _adl_warn("${_rel}:${_n}"
              "`@spec ${_token}` is not a citation of an ID (IDs look like DEF-POSITION), ignored"
              "<tt>\\@spec</tt> is not followed by an ID (IDs look like DEF-POSITION), ignored")
          endif()
        endforeach()
      endforeach()
    endforeach()
  endforeach()
endforeach()

# ---------------------------------------------------------------------------
# Summary and report.
list(LENGTH _ids _id_count)
list(LENGTH _pages _page_total)
list(LENGTH _dangling _dangling_count)
list(LENGTH _duplicates _duplicate_count)
set(_not_impl 0)
set(_not_tested 0)
foreach(_id IN LISTS _ids)
  if(NOT DEFINED _cite_impl_${_id})
    math(EXPR _not_impl "${_not_impl} + 1")
  endif()
  if(NOT DEFINED _cite_test_${_id})
    math(EXPR _not_tested "${_not_tested} + 1")
  endif()
endforeach()

set(_summary "${_id_count} IDs in ${_page_total} spec pages, ${_citation_count} citations; ${_not_impl} not implemented, ${_not_tested} not tested; ${_dangling_count} dangling citations, ${_duplicate_count} duplicate definitions")
message(NOTICE "traceability: ${_summary}")
foreach(_w IN LISTS _warnings)
  message(NOTICE "${_w}")
endforeach()
if(ADL_TRACE_MODE STREQUAL "check")
  # One line per problem, in the compiler's format, for editors and CI logs.
  foreach(_d IN LISTS _dangling)
    string(REPLACE "|" ";" _d "${_d}")
    list(GET _d 0 _id)
    list(GET _d 1 _where)
    message(NOTICE "${_where}: error: dangling citation: ${_id} is defined in no spec/*.md page")
  endforeach()
  foreach(_d IN LISTS _duplicates)
    string(REPLACE "|" ";" _d "${_d}")
    list(GET _d 0 _id)
    list(GET _d 1 _where)
    message(NOTICE "${_where}: error: ${_id} is defined twice (first at ${_def_where_${_id}})")
  endforeach()
  if(_dangling_count GREATER 0 OR _duplicate_count GREATER 0)
    message(FATAL_ERROR "traceability check failed: ${_dangling_count} dangling citations, ${_duplicate_count} duplicate definitions")
  endif()
  message(NOTICE "traceability check passed")
  return()
endif()
if(_dangling_count GREATER 0 OR _duplicate_count GREATER 0)
  message(NOTICE "traceability: the dangling citations and duplicate IDs are listed on the page; the test docs.traceability fails on them")
endif()

# ---------------------------------------------------------------------------
# Mode `page`: the Doxygen page.

# Formats the list "file:line;file:line;..." as `file:l1, l2`<br>`file2:l3`.
function(_adl_format_locations list_var out_var)
  set(cell "")
  set(current "")
  set(lines_of_current "")
  foreach(where IN LISTS ${list_var})
    string(REGEX MATCH "^(.*):([0-9]+)$" _ "${where}")
    set(file "${CMAKE_MATCH_1}")
    set(line "${CMAKE_MATCH_2}")
    if(file STREQUAL current)
      string(APPEND lines_of_current ", ${line}")
    else()
      if(NOT current STREQUAL "")
        string(APPEND cell "`${current}:${lines_of_current}`<br>")
      endif()
      set(current "${file}")
      set(lines_of_current "${line}")
    endif()
  endforeach()
  if(NOT current STREQUAL "")
    string(APPEND cell "`${current}:${lines_of_current}`")
  endif()
  set(${out_var} "${cell}" PARENT_SCOPE)
endfunction()

set(_md "# Traceability {#traceability}\n\n")
string(APPEND _md
  "Generated by `cmake/Traceability.cmake` when the docs are built; do not edit. "
  "It relates every ID defined in spec/ (a heading `### ID ${_adl_emdash} title`) to the "
  "<tt>\\@spec ID</tt> citations in src/, tests/, proofs/, properties/ and bench/. "
  "The ctest `docs.traceability` fails on dangling citations and on IDs defined twice.\n\n"
  "**Summary:** ${_summary}.\n\n")

string(APPEND _md "## Spec pages {#traceability_pages}\n\n")
if(_page_total EQUAL 0)
  string(APPEND _md "No spec/*.md pages.\n\n")
endif()
foreach(_page IN LISTS _pages)
  if(_page_label_${_page} STREQUAL "")
    string(APPEND _md "- `${_page}` (no page label): ${_page_count_${_page}} IDs\n")
  else()
    string(APPEND _md "- \\ref ${_page_label_${_page}} (`${_page}`): ${_page_count_${_page}} IDs\n")
  endif()
endforeach()
string(APPEND _md "\n")

string(APPEND _md "## Dangling citations {#traceability_dangling}\n\n")
if(_dangling_count EQUAL 0)
  string(APPEND _md "None: every cited ID is defined in spec/.\n\n")
else()
  list(LENGTH _dangling_ids _n)
  string(APPEND _md
    "**Error:** ${_dangling_count} citations of ${_n} IDs that no spec page defines.\n\n"
    "| Cited ID | Cited at |\n|---|---|\n")
  foreach(_id IN LISTS _dangling_ids)
    _adl_format_locations(_dangle_${_id} _cell)
    string(APPEND _md "| `${_id}` | ${_cell} |\n")
  endforeach()
  string(APPEND _md "\n")
endif()

string(APPEND _md "## IDs defined twice {#traceability_duplicates}\n\n")
if(_duplicate_count EQUAL 0)
  string(APPEND _md "None.\n\n")
else()
  string(APPEND _md "**Error:**\n\n| ID | First definition | Again at |\n|---|---|---|\n")
  foreach(_d IN LISTS _duplicates)
    string(REPLACE "|" ";" _d "${_d}")
    list(GET _d 0 _id)
    list(GET _d 1 _where)
    string(APPEND _md "| `${_id}` | `${_def_where_${_id}}` | `${_where}` |\n")
  endforeach()
  string(APPEND _md "\n")
endif()

if(_warnings)
  string(APPEND _md "## Warnings {#traceability_warnings}\n\n")
  foreach(_w IN LISTS _warnings_md)
    string(APPEND _md "- ${_w}\n")
  endforeach()
  string(APPEND _md "\n")
endif()

string(APPEND _md "## Matrix {#traceability_matrix}\n\n")
if(_id_count EQUAL 0)
  string(APPEND _md "No IDs are defined in spec/ yet.\n")
else()
  string(APPEND _md
    "One row per spec ID, in page order. Locations are `file:line` of the citations.\n\n"
    "| ID | Spec page | Implemented (src/) | Tested (tests/) | Checked (proofs/, properties/) | Benchmarked (bench/) | Flags |\n"
    "|---|---|---|---|---|---|---|\n")
  foreach(_id IN LISTS _ids)
    set(_page "${_def_page_${_id}}")
    if(_page_label_${_page} STREQUAL "")
      set(_page_cell "`${_page}`")
    else()
      set(_page_cell "\\ref ${_page_label_${_page}}")
    endif()
    set(_row "| \\ref ${_id} \"${_id}\" | ${_page_cell}")
    foreach(_cat IN LISTS _categories)
      _adl_format_locations(_cite_${_cat}_${_id} _cell)
      string(APPEND _row " | ${_cell}")
    endforeach()
    set(_flags "")
    if(NOT DEFINED _cite_impl_${_id})
      list(APPEND _flags "not implemented")
    endif()
    if(NOT DEFINED _cite_test_${_id})
      list(APPEND _flags "not tested")
    endif()
    list(JOIN _flags ", " _flags)
    string(APPEND _md "${_row} | ${_flags} |\n")
  endforeach()
endif()

# Rewrite only when the content changed.
set(_old "")
if(EXISTS "${ADL_TRACE_OUTPUT}")
  file(READ "${ADL_TRACE_OUTPUT}" _old)
endif()
if(NOT _old STREQUAL _md)
  file(WRITE "${ADL_TRACE_OUTPUT}" "${_md}")
endif()
