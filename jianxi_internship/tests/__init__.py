from . import (
    test_install,
    test_minimum_wage,
    test_officer_scope,
    test_policy_lookup,
    test_region,
)
