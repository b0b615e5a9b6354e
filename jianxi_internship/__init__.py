from . import models
from . import rules
from . import wizards
