"""18.0.1.8.0: the intern cap is enforced (issue 16, point 4).

``max_intern_ratio`` existed before and nothing enforced it; the policies of a database installed
before this version kept 0 (no cap), while a fresh install gets 30% (the field's default and
data/jianxi_policy_data.xml). The ratio is a percentage: 30 means 30% of the insured staff. Every
policy with 0 or no value gets 30, and the server log names the policies changed, so that a bureau
that meant "no cap" sets 0 again knowingly.
"""

import logging

_logger = logging.getLogger(__name__)

DEFAULT_RATIO = 30.0


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE jianxi_policy
           SET max_intern_ratio = %s
         WHERE max_intern_ratio IS NULL OR max_intern_ratio = 0
     RETURNING id
        """,
        [DEFAULT_RATIO],
    )
    ids = sorted(row[0] for row in cr.fetchall())
    _logger.info(
        "Intern cap: %s policies without a cap now allow %s%% of insured staff: ids %s", len(ids), DEFAULT_RATIO, ids
    )
