from . import jianxi_reason_wizard
from . import jianxi_internship_end_wizard
from . import jianxi_claim_payment_wizard
from . import jianxi_statistics
