"""The Python environment the scripts build runs Odoo as it is deployed (issue 14, point 1).

Odoo's multi-process server starts a gevent process for the websockets (live notifications);
gevent 22.10 resolves its plugins through ``pkg_resources`` at start-up, and the setuptools that
ships with Python 3.11's venv (65.5) cannot read the metadata of zope.interface 8: the gevent
process died at start, again and again. requirements.txt pins a runtime setuptools (>=66,<82;
82 and later have no pkg_resources at all). This runs what the gevent process runs first, in a
fresh interpreter of the same environment.
"""

import subprocess
import sys

from odoo.tests import BaseCase, tagged

GEVENT_START = (
    "from gevent import monkey; monkey.patch_all()\n"
    "import pkg_resources\n"
    "for name in ('gevent', 'zope.interface', 'zope.event', 'psycopg2', 'werkzeug'):\n"
    "    pkg_resources.require(name)\n"
    "import odoo.service.server\n"
    "print('ok')\n"
)


@tagged("post_install", "-at_install")
class TestRuntime(BaseCase):
    def test_the_gevent_process_starts(self):
        result = subprocess.run(
            [sys.executable, "-W", "ignore::DeprecationWarning", "-W", "ignore::UserWarning", "-c", GEVENT_START],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        self.assertEqual((result.returncode, result.stdout.strip()), (0, "ok"), result.stderr[-2000:])
