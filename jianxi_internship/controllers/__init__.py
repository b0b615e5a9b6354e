from . import board
from . import portal_applicant
from . import signup
from . import portal_unit
