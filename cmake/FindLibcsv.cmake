# FindLibcsv.cmake: libcsv, the CSV parser of src/import/records.c (Debian's
# libcsv-dev). libcsv ships no pkg-config file and no CMake package, so this
# is the one place that looks for it: its header and its library, by name.
#
# Gives Libcsv_FOUND, LIBCSV_INCLUDE_DIR, LIBCSV_LIBRARY and the imported
# target Libcsv::Libcsv. entente's own build uses it, and so does its
# installed CMake package (ententeConfig.cmake), for the static library.
find_path(LIBCSV_INCLUDE_DIR NAMES csv.h)
find_library(LIBCSV_LIBRARY NAMES csv)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libcsv REQUIRED_VARS LIBCSV_LIBRARY LIBCSV_INCLUDE_DIR
  REASON_FAILURE_MESSAGE "install Debian's libcsv-dev (make deps)")
if(Libcsv_FOUND AND NOT TARGET Libcsv::Libcsv)
  add_library(Libcsv::Libcsv UNKNOWN IMPORTED)
  set_target_properties(Libcsv::Libcsv PROPERTIES
    IMPORTED_LOCATION "${LIBCSV_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LIBCSV_INCLUDE_DIR}")
endif()
mark_as_advanced(LIBCSV_INCLUDE_DIR LIBCSV_LIBRARY)
