# cmake -DINPUT=file -DOUTPUT=file.cpp -DNAME=function -DNAMESPACE=ns -P embed.cmake
# Writes a C++ source whose function returns the input file's bytes as a std::string_view.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){24})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace ${NAMESPACE} {\nstatic const unsigned char ${NAME}_data[] = {\n${bytes}0};\nstd::string_view ${NAME}() { return {reinterpret_cast<const char*>(${NAME}_data), ${size}}; }\n}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
