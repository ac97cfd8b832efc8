# WebAssembly dependencies, prepared by scripts/setup.sh in the git-ignored .cache/:
# - libsodium compiled with emcc from Debian's source package of the installed release;
# - a private include folder that links only nlohmann/ and date/ (emcc must never see /usr/include).
set(FEP_CACHE_DIR "${PROJECT_SOURCE_DIR}/.cache" CACHE PATH "Folder prepared by scripts/setup.sh")
set(sodium_prefix "${FEP_CACHE_DIR}/libsodium-wasm")
if(NOT EXISTS "${sodium_prefix}/lib/libsodium.a")
  message(FATAL_ERROR "libsodium for WebAssembly is missing: run scripts/setup.sh")
endif()

add_library(fep_sodium_wasm STATIC IMPORTED)
set_target_properties(fep_sodium_wasm PROPERTIES
  IMPORTED_LOCATION "${sodium_prefix}/lib/libsodium.a"
  INTERFACE_INCLUDE_DIRECTORIES "${sodium_prefix}/include")

add_library(fep_third_party INTERFACE)
target_include_directories(fep_third_party SYSTEM INTERFACE "${FEP_CACHE_DIR}/wasm-include")
target_link_libraries(fep_third_party INTERFACE fep_sodium_wasm)

if(FEP_BUILD_TESTS)
  # GoogleTest from Debian's source package (googletest), compiled with emcc like the code it tests.
  set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  add_subdirectory(/usr/src/googletest "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL SYSTEM)
endif()
