# Native dependencies: Debian's packages (scripts/setup.sh installs them).
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
find_package(nlohmann_json 3.11 REQUIRED)

add_library(fep_third_party INTERFACE)
target_link_libraries(fep_third_party INTERFACE PkgConfig::SODIUM nlohmann_json::nlohmann_json)

if(FEP_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
