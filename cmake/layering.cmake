# plancal_library(): one folder, one static library target, and the layering rule that
# goes with it. Each folder of calendar/ and daemon/ is declared with
#
#   plancal_library(plancal_ics
#     DEPENDS      plancal_model              # plancal targets its headers build on
#     PRIVATE_DEPENDS ...                     # plancal targets only its .cpp files use
#     PUBLIC_LIBS  ...  PRIVATE_LIBS ...      # third-party targets it links
#     HEADERS      libical/)                  # third-party headers its files may include
#
# The target is built from every .cpp file of the folder.
#
# Besides the target it adds a build step that reads every #include of the folder's files:
# a plancal header must come from the folder itself or from a folder it DEPENDS on (directly
# or through its dependencies), and a header of a known third-party library (the list in
# check_layering.cmake) only from the folder that declares it in HEADERS. A misplaced
# include therefore fails the build of that folder, before anything is compiled, and the
# linker enforces the same through the targets each folder links.

set(PLANCAL_LAYERING_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/check_layering.cmake)

function(plancal_library name)
  cmake_parse_arguments(arg "" "" "DEPENDS;PRIVATE_DEPENDS;PUBLIC_LIBS;PRIVATE_LIBS;HEADERS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${arg_DEPENDS} ${arg_PUBLIC_LIBS} PRIVATE ${arg_PRIVATE_DEPENDS} ${arg_PRIVATE_LIBS})

  file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  # The folders whose headers this folder's headers may include (its DEPENDS, transitively),
  # kept for the folders that depend on it; then those its .cpp files may include too.
  set(visible "${folder}/")
  set(allowed "${folder}/")
  foreach(dep IN LISTS arg_DEPENDS arg_PRIVATE_DEPENDS)
    get_property(dep_visible GLOBAL PROPERTY PLANCAL_LAYER_${dep})
    if(NOT dep_visible)
      message(FATAL_ERROR "${name}: depends on ${dep}, which is not a plancal_library declared before it")
    endif()
    if(dep IN_LIST arg_DEPENDS)
      list(APPEND visible ${dep_visible})
    endif()
    list(APPEND allowed ${dep_visible})
  endforeach()
  list(REMOVE_DUPLICATES visible)
  list(REMOVE_DUPLICATES allowed)
  set_property(GLOBAL PROPERTY PLANCAL_LAYER_${name} "${visible}")

  file(GLOB files CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/*.hpp)
  string(REPLACE ";" "|" allowed_arg "${allowed}")
  string(REPLACE ";" "|" headers_arg "${arg_HEADERS}")
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${name}.layering)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DFOLDER=${CMAKE_CURRENT_SOURCE_DIR} -DTARGET=${name}
      "-DALLOWED=${allowed_arg}" "-DHEADERS=${headers_arg}" -DSTAMP=${stamp}
      -P ${PLANCAL_LAYERING_SCRIPT}
    DEPENDS ${files} ${PLANCAL_LAYERING_SCRIPT}
    COMMENT "Checking the includes of ${folder}"
    VERBATIM)
  target_sources(${name} PRIVATE ${stamp})
endfunction()
