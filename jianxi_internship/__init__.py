from . import models, rules
