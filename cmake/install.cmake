# Install layout and the Debian package (docs/systemd.md, "Installing").
#
#   bin/plancald, bin/plancalctl            (plancald is also run by hand; see docs)
#   share/plancal/{plans,holidays}          the bundled data, plancald's default data dir
#   lib/systemd/system/plancal*.{service,socket}
#   share/man/man8/plancald.8.gz, share/man/man1/plancalctl.1.gz
#   share/doc/plancal/{plancal.example.toml,copyright,changelog.gz}
#   share/doc/plancal/postgresql.conf       the systemd drop-in for a local PostgreSQL
#   etc/plancal/plancal.toml                only if absent (never overwrites an edited one);
#                                           /etc/plancal when the prefix is /usr
include(GNUInstallDirs)

# plancald finds the installed data relative to its own executable, so one build works
# in the build tree (no share/plancal next to it: the source data/) and installed under
# any prefix (see default_data_dir() in daemon/system/daemon_options.hpp).
file(RELATIVE_PATH PLANCAL_DATA_DIR_FROM_BINDIR
  ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_DATADIR}/plancal)
target_compile_definitions(plancal_daemon_system PRIVATE
  PLANCAL_DATA_DIR_FROM_BINDIR="${PLANCAL_DATA_DIR_FROM_BINDIR}")

install(TARGETS plancald plancalctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY data/plans data/holidays DESTINATION ${CMAKE_INSTALL_DATADIR}/plancal)
install(FILES systemd/plancal.service systemd/plancal.socket systemd/plancal-admin.socket
  DESTINATION lib/systemd/system)
# Not enabled by the package: only where PostgreSQL runs on the same machine (docs/scale-out.md).
install(FILES systemd/plancal.service.d/postgresql.conf DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Manual pages and the changelog are installed gzipped (-n: no name or time stamp, so the
# package is reproducible), as Debian policy asks; they are compressed at configure time
# and again whenever the source changes.
function(plancal_gzip source output)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${source})
  execute_process(COMMAND gzip -9nc ${source} OUTPUT_FILE ${output} RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip ${source} failed")
  endif()
endfunction()
set(PLANCAL_GZ_DIR ${PROJECT_BINARY_DIR}/gz)
file(MAKE_DIRECTORY ${PLANCAL_GZ_DIR})
plancal_gzip(${PROJECT_SOURCE_DIR}/docs/man/plancald.8 ${PLANCAL_GZ_DIR}/plancald.8.gz)
plancal_gzip(${PROJECT_SOURCE_DIR}/docs/man/plancalctl.1 ${PLANCAL_GZ_DIR}/plancalctl.1.gz)
plancal_gzip(${PROJECT_SOURCE_DIR}/cmake/debian/changelog ${PLANCAL_GZ_DIR}/changelog.gz)
install(FILES ${PLANCAL_GZ_DIR}/plancald.8.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
install(FILES ${PLANCAL_GZ_DIR}/plancalctl.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES data/plancal.example.toml cmake/debian/copyright ${PLANCAL_GZ_DIR}/changelog.gz
  DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The configuration the unit's ExecStart names. Decided at install time, so that
# `cmake --install --prefix DIR` and CPack's staging (prefix .../usr) both work.
install(CODE "
  set(etc \"\${CMAKE_INSTALL_PREFIX}/etc\")
  if(CMAKE_INSTALL_PREFIX MATCHES \"^(.*)/usr/?$\")
    set(etc \"\${CMAKE_MATCH_1}/etc\")
  endif()
  set(config \"\$ENV{DESTDIR}\${etc}/plancal/plancal.toml\")
  if(EXISTS \"\${config}\")
    message(STATUS \"Keeping: \${config}\")
  else()
    file(INSTALL \"${PROJECT_SOURCE_DIR}/data/plancal.example.toml\"
      DESTINATION \"\${etc}/plancal\" RENAME plancal.toml)
  endif()
")

# The Debian package: .ci/package builds it (RelWithDebInfo with Debian's hardening flags,
# then `cpack`), checks it with lintian and installs it. CPack strips the binaries; their
# debug symbols go to a separate plancal-dbgsym .ddeb made by cmake/debian/make-dbgsym from
# the unstripped build (CPack 3.25's own debuginfo package lists absolute paths in its
# md5sums, which dpkg and lintian reject). Depends: computed by dpkg-shlibdeps. No
# maintainer scripts: systemd's DynamicUser= and StateDirectory= create the user and
# /var/lib/plancal when the service starts, so installing creates nothing.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME plancal)
set(CPACK_PACKAGE_VENDOR plancal)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "iCalendar feeds and reminders for a government action plan")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "plancald serves the dated work of a government action plan as iCalendar feeds
and reminds the responsible units by e-mail and chat robots on working days;
plancalctl checks, imports and previews plans and talks to the daemon.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "plancal maintainers <maintainers@plancal.example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/cmake/debian/conffiles)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://plancal.invalid/")
include(CPack)
