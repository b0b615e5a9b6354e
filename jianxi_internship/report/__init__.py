from . import jianxi_report_document
from . import report_internship_agreement
from . import report_completion_certificate
from . import report_subsidy_claim
from . import report_subsidy_claim_roster
from . import report_unit_roster
from . import report_payment_batch
from . import report_statistics
