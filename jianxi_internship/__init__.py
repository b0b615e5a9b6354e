from . import controllers
from . import models
from . import report
from . import rules
from . import wizards
from .prefork import deepen_listen_backlog

deepen_listen_backlog()
