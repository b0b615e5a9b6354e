from . import (
    test_install,
    test_minimum_wage,
    test_officer_scope,
    test_policy_lookup,
    test_region,
    test_rules_eligibility,
    test_rules_identity,
    test_rules_subsidy,
)
