# gen_units.cmake — turns the unit lexicon into re2c rules.
#
# Input (data/units.txt): one unit or measure word a line, '#' comments.
# Output: a re2c definition `unit = "千瓦" | "吨" | ... ;` that src/lex.re
# includes; re2c builds one DFA from it that finds the longest unit.
file(STRINGS ${IN} lines ENCODING UTF-8)
set(alts "")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "#.*$" "" line "${line}")
  string(STRIP "${line}" line)
  if(line STREQUAL "")
    continue()
  endif()
  string(REPLACE "\\" "\\\\" line "${line}")
  string(REPLACE "\"" "\\\"" line "${line}")
  if(alts STREQUAL "")
    set(alts "\"${line}\"")
  else()
    set(alts "${alts}\n  | \"${line}\"")
  endif()
endforeach()
file(WRITE ${OUT} "/* generated from data/units.txt by tools/gen_units.cmake: do not edit */\n/*!re2c\nunit_word = ${alts};\n*/\n")
