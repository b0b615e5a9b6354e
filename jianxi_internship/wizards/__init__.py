from . import jianxi_reason_wizard
