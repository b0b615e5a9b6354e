#!/usr/bin/env bash
# `make bench-legacy`: the legacy import (issue 12) of a 1,000-row file, checked then imported, on a
# throwaway database with the addon and no demo data. Prints the median wall time and the SQL
# query count of the dry run and of the import, for 10, 100 and 1,000 rows (each size 3 times, each
# time rolled back), so the growth per row can be read off. A benchmark: it prints, never fails on
# a number.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_all

DB=jianxi_bench_legacy_$$
cleanup() {
  dropdb --if-exists "$DB" >/dev/null 2>&1 || true
  rm -rf "$JIANXI_CACHE/data/filestore/$DB"
}
trap cleanup EXIT
cleanup

log "installing jianxi_internship into the throwaway database $DB (no demo data)"
odoo_bin -d "$DB" -i jianxi_internship --without-demo=all --stop-after-init --log-level=warn \
  || die "installation failed"

PYTHONPATH="$ODOO_SRC" "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -c "$ODOO_CONF" -d "$DB" --no-http \
  --log-level=warn <<'PY' || die "the benchmark failed"
import base64, io, statistics, time
from datetime import date
from openpyxl import Workbook
from stdnum.cn import uscc
from odoo.addons.jianxi_internship.rules import identity, legacy_import

shiqian = env.ref("jianxi_internship.region_shiqian")
env["jianxi.minimum.wage"].create({"region_id": shiqian.id, "date_from": "2019-01-01", "amount": 1570})
manager = env["res.users"].create({
    "name": "Bench Manager", "login": "bench_manager",
    "groups_id": [(6, 0, [env.ref("base.group_user").id, env.ref("jianxi_internship.jianxi_internship_group_manager").id])],
})
env.cr.commit()
KEYS = [c.key for c in legacy_import.COLUMNS]

def id_number(n):
    first17 = f"520623{1995 + n % 8:04d}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
    return first17 + identity.resident_id_check_character(first17)

def credit_code(n):
    first17 = f"91520623MA6B{n:05d}"
    return first17 + uscc.calc_check_digit(first17)

def workbook(count, offset):
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in legacy_import.COLUMNS])
    for i in range(count):
        n = offset + i
        ended = i % 2 == 0
        row = {
            "name": f"历史人员{n}", "id_number": id_number(n), "phone": "13900001111", "category": "高校毕业生",
            "unit_name": f"石阡县历史单位{n % 50}", "credit_code": credit_code(offset + n % 50), "county": "520623",
            "position": "行政助理见习岗", "allowance": 1600, "start_date": date(2021, 9, 1),
            "planned_end_date": date(2022, 2, 28), "state": "已终止" if ended else "在岗",
            "actual_end_date": date(2022, 2, 28) if ended else None, "end_reason": "期满" if ended else None,
            "kept_on": "是" if i % 4 == 0 else None, "accident_premium": 120, "medical_premium": 80,
        }
        sheet.append([row.get(k) for k in KEYS])
    out = io.BytesIO()
    book.save(out)
    return base64.b64encode(out.getvalue())

def measure(count, offset):
    content = workbook(count, offset)
    batch = env["jianxi.legacy.import"].with_user(manager).create({"file": content, "file_name": "bench.xlsx"})
    env.flush_all(); env.invalidate_all()
    figures = []
    for action in ("action_validate", "action_import"):
        start_q, start_t = env.cr.sql_log_count, time.perf_counter()
        getattr(batch, action)()
        env.flush_all()
        figures.append((time.perf_counter() - start_t, env.cr.sql_log_count - start_q))
    assert len(batch.internship_ids) == count, (count, len(batch.internship_ids))
    env.cr.rollback(); env.invalidate_all()
    return figures

print()
print(f"{'rows':>6} | {'dry run (median)':>16} | {'queries':>7} | {'import (median)':>15} | {'queries':>7}")
print("-" * 66)
for size, offset in ((10, 10_000), (100, 20_000), (1000, 30_000)):
    runs = [measure(size, offset + 2000 * r) for r in range(3)]
    vmed = statistics.median(r[0][0] for r in runs)
    imed = statistics.median(r[1][0] for r in runs)
    print(f"{size:>6} | {vmed * 1000:>13.0f} ms | {runs[-1][0][1]:>7} | {imed * 1000:>12.0f} ms | {runs[-1][1][1]:>7}")
PY
