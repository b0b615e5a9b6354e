from . import (
    jianxi_dated_setting_mixin,
    jianxi_education_level,
    jianxi_minimum_wage,
    jianxi_policy,
    jianxi_region,
    res_users,
)
