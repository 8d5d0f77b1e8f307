# Sandbox tests: unit tests of the spec and the cgroup drivers (captured files and a fake
# cgroup2 tree), and integration tests with real namespaces and cgroups through vireoctl
# (they need root and busybox-static; they QSKIP with the reason otherwise).
vireo_test(tst_sandbox_spec unit/tst_sandbox_spec.cpp)
vireo_test(tst_sandbox_run integration/tst_sandbox_run.cpp)
add_dependencies(tst_sandbox_run vireoctl)
set_tests_properties(tst_sandbox_run PROPERTIES TIMEOUT 300 RUN_SERIAL ON)
add_executable(tst_sandbox_probe integration/tst_sandbox_probe.cpp)
target_link_options(tst_sandbox_probe PRIVATE -static)
add_dependencies(tst_sandbox_run tst_sandbox_probe)
target_compile_definitions(tst_sandbox_run PRIVATE SANDBOX_PROBE_PATH="$<TARGET_FILE:tst_sandbox_probe>")
vireo_test(tst_sandbox_lifecycle integration/tst_sandbox_lifecycle.cpp)
add_dependencies(tst_sandbox_lifecycle vireoctl)
set_tests_properties(tst_sandbox_lifecycle PROPERTIES TIMEOUT 300 RUN_SERIAL ON)
vireo_test(tst_sandbox_network integration/tst_sandbox_network.cpp)
target_link_libraries(tst_sandbox_network PRIVATE Qt6::Network)
add_dependencies(tst_sandbox_network vireoctl)
set_tests_properties(tst_sandbox_network PROPERTIES TIMEOUT 300 RUN_SERIAL ON)
