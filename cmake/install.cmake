# Install layout and the Debian package (docs/systemd.md, "Installing").
#
#   bin/plancald, bin/plancalctl            (plancald is also run by hand; see docs)
#   share/plancal/{plans,holidays}          the bundled data, plancald's default data dir
#   lib/systemd/system/plancal*.{service,socket}
#   share/man/man8/plancald.8, share/man/man1/plancalctl.1
#   share/doc/plancal/plancal.example.toml
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
install(FILES docs/man/plancald.8 DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)
install(FILES docs/man/plancalctl.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES data/plancal.example.toml DESTINATION ${CMAKE_INSTALL_DOCDIR})

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

# The Debian package: .ci/package builds it (RelWithDebInfo, then `cpack`), checks it with
# lintian and installs it. The binaries are stripped; their debug symbols go to a separate
# plancal-dbgsym .ddeb, as Debian's own packages ship them. Depends: computed by
# dpkg-shlibdeps. No maintainer scripts: systemd's DynamicUser= and StateDirectory= create
# the user and /var/lib/plancal when the service starts, so installing creates nothing.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME plancal)
set(CPACK_PACKAGE_VENDOR plancal)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "iCalendar feeds and reminders for a government action plan")
set(CPACK_PACKAGE_DESCRIPTION
  "plancald serves the schedules of a government action plan as iCalendar feeds and sends reminders to the responsible units; plancalctl checks, imports and previews.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "plancal maintainers <plancal@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/cmake/debian/conffiles)
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://plancal.invalid/")
include(CPack)
