# The bench-smoke ctest (script mode): runs adl_bench on the smallest size only
# (n = 10³) with --benchmark_min_time=0.01 (Google Benchmark 1.7.1: seconds,
# no unit suffix) and checks its JSON report: it parses, every policy was
# timed in both engines, no benchmark reported an error, and every fx entry
# carries the per-account counters.
#
#   cmake -DADL_BENCH=<adl_bench> -DADL_BENCH_OUT=<file.json>
#         -DADL_BENCH_POLICIES=queue,pro_rata,... -P bench/smoke.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var ADL_BENCH ADL_BENCH_OUT ADL_BENCH_POLICIES)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "bench smoke: ${var} is not set")
  endif()
endforeach()

file(REMOVE "${ADL_BENCH_OUT}")
execute_process(
  COMMAND "${ADL_BENCH}" "--benchmark_filter=/1000$" "--benchmark_min_time=0.01"
          "--benchmark_out=${ADL_BENCH_OUT}" "--benchmark_out_format=json"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bench smoke: adl_bench exited with ${rc}")
endif()
if(NOT EXISTS "${ADL_BENCH_OUT}")
  message(FATAL_ERROR "bench smoke: no JSON report at ${ADL_BENCH_OUT}")
endif()

file(READ "${ADL_BENCH_OUT}" report)
string(JSON count ERROR_VARIABLE error LENGTH "${report}" benchmarks)
if(error)
  message(FATAL_ERROR "bench smoke: the report is not the JSON of Google Benchmark: ${error}")
endif()
string(JSON library ERROR_VARIABLE error GET "${report}" context library_build_type)
if(error)
  message(FATAL_ERROR "bench smoke: the report has no context: ${error}")
endif()

set(names "")
if(count GREATER 0)
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON name GET "${report}" benchmarks ${i} name)
    list(APPEND names "${name}")
    string(JSON failed ERROR_VARIABLE missing GET "${report}" benchmarks ${i} error_occurred)
    if(NOT missing AND failed)
      string(JSON why ERROR_VARIABLE ignored GET "${report}" benchmarks ${i} error_message)
      message(FATAL_ERROR "bench smoke: ${name} failed: ${why}")
    endif()
    if(name MATCHES "^fx_")
      foreach(counter ns_per_account bytes_per_account items_per_second)
        string(JSON value ERROR_VARIABLE error GET "${report}" benchmarks ${i} ${counter})
        if(error)
          message(FATAL_ERROR "bench smoke: ${name} has no counter ${counter}")
        endif()
      endforeach()
    endif()
  endforeach()
endif()

string(REPLACE "," ";" policies "${ADL_BENCH_POLICIES}")
foreach(policy ${policies})
  foreach(engine fx ref)
    if(NOT "${engine}_${policy}/1000" IN_LIST names)
      message(FATAL_ERROR "bench smoke: ${engine}_${policy}/1000 is missing from the report "
                          "(have: ${names})")
    endif()
  endforeach()
endforeach()
message(STATUS "bench smoke: ${count} benchmarks in ${ADL_BENCH_OUT}, library ${library}")
