"""Backups that restore, proven by a drill (issue 18).

The drill works on a database of its own, copied from the installed template that
``scripts/test.sh`` makes before pytest connects, and runs the bureau's own commands in
subprocesses: it uploads scans, takes a backup with ``scripts/backup.sh``, changes and deletes
records, restores with ``scripts/restore.sh`` (once for real, once neutralised), and compares every
table's rows (a digest of each table's content) and every attachment's file (sha256) with what the
database held at the backup. The neutralised copy must serve the portal and the backend, send no
mail and run no cron. Every database, filestore and file it makes is removed, also on failure.
"""

import hashlib
import importlib.util
import io
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import unittest
import uuid
from datetime import datetime, timedelta, timezone

import requests
from psycopg2 import sql

import odoo
from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools import config

from .database_copies import admin_sql, copy_template, drop_database, filestore_root, free_port

_logger = logging.getLogger(__name__)

REPO_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPTS = os.path.join(REPO_DIR, "scripts")
ODOO_BIN = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
STARTUP_TIMEOUT = 120
# What `odoo-bin neutralize` changes (base and web's neutralize.sql): crons off, mail servers off
# plus a dummy one, the neutralisation flag, the banner view, webhooks. Nothing else may differ.
NEUTRALISED_TABLES = {"ir_cron", "ir_mail_server", "ir_config_parameter", "ir_ui_view", "ir_act_server"}
SCANS = {f"身份证扫描件-{n}.png": hashlib.sha256(f"scan {n}".encode()).digest() * (4000 + n) for n in range(3)}


def _sha256_file(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _load_backup_tool():
    spec = importlib.util.spec_from_file_location("backup_tool", os.path.join(SCRIPTS, "backup_tool.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestBackupRetention(BaseCase):
    """The pruning of scripts/backup_tool.py: dailies for N days, then one a week for N weeks."""

    def test_backup_prune_keeps_days_then_weeks(self):
        tool = _load_backup_tool()
        now = datetime(2026, 12, 4, 2, 0, tzinfo=timezone.utc)  # a Friday
        names = [f"jianxi_prod-{(now - timedelta(days=d)).strftime(tool.STAMP)}.tar.gpg" for d in range(70)]
        names += ["other_db-20200101T000000Z.tar.gpg", "jianxi_prod-notes.txt"]
        pruned = set(tool.to_prune(names, "jianxi_prod", 7, 4, now))
        kept = [name for name in names if name not in pruned]
        # the 8 dailies (0..7 days old), then the newest of each older ISO week within 4 weeks
        self.assertEqual(len([n for n in kept if n.startswith("jianxi_prod-2026")]), 8 + 3)
        self.assertIn("other_db-20200101T000000Z.tar.gpg", kept)  # another database's archive
        self.assertIn("jianxi_prod-notes.txt", kept)  # not an archive
        ages = sorted(
            (now - datetime.strptime(n[12:28], tool.STAMP).replace(tzinfo=timezone.utc)).days for n in kept[:-2]
        )
        self.assertEqual(ages[:8], list(range(8)))
        self.assertTrue(all(age <= 28 for age in ages), ages)
        weeks = [(now - timedelta(days=age)).isocalendar()[:2] for age in ages[8:]]
        self.assertEqual(len(weeks), len(set(weeks)), "one archive a week past the dailies")


@tagged("post_install", "-at_install")
class TestBackupFailureNotice(TransactionCase):
    def test_backup_failure_reaches_every_manager_in_their_language(self):
        managers = self.env.ref("jianxi_internship.jianxi_internship_group_manager").users.filtered("active")
        self.assertTrue(managers)
        managers[0].lang = "zh_CN"
        messages = self.env["jianxi.backup"]._notify_backup_failure("jianxi_prod", "pg_dump failed (exit 1)")
        notified = messages.notification_ids.res_partner_id | messages.partner_ids
        self.assertEqual(notified, managers.partner_id)
        chinese = messages.filtered(lambda m: managers[0].partner_id in m.partner_ids)
        self.assertEqual(chinese.subject, "数据库 jianxi_prod 备份失败")
        self.assertIn("pg_dump failed (exit 1)", chinese.body)


@tagged("post_install", "-at_install")
class TestBackupRestoreDrill(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = os.environ.get("JIANXI_TEMPLATE_DB")
        if not cls.template:
            raise unittest.SkipTest(
                "JIANXI_TEMPLATE_DB is not set: the drill copies the template database that scripts/test.sh makes"
            )
        cls.filestore = filestore_root()
        tag = uuid.uuid4().hex[:8]
        cls.source, cls.real, cls.copy = (f"jianxi_drill_{tag}_{what}" for what in ("src", "real", "copy"))
        cls.databases = [cls.source, cls.real, cls.copy]
        cls.tmp = tempfile.mkdtemp(prefix="jianxi-drill-")
        cls.addClassCleanup(cls._cleanup)
        copy_template(cls.template, cls.source)

        gnupg = os.path.join(cls.tmp, "gnupg")
        os.mkdir(gnupg, 0o700)
        cls.passphrase = os.path.join(cls.tmp, "passphrase")
        with open(os.open(cls.passphrase, os.O_WRONLY | os.O_CREAT, 0o600), "w") as handle:
            handle.write(uuid.uuid4().hex)
        cls.archives, cls.second_place = os.path.join(cls.tmp, "archives"), os.path.join(cls.tmp, "second-place")
        cls.env_vars = dict(
            os.environ,
            GNUPGHOME=gnupg,
            JIANXI_CACHE=os.path.dirname(config["data_dir"].rstrip("/")),
            JIANXI_DATA_DIR=config["data_dir"],
            JIANXI_BACKUP_CONFIG=os.path.join(cls.tmp, "no-config-file"),
            JIANXI_BACKUP_DBS=cls.source,
            JIANXI_BACKUP_DIR=cls.archives,
            JIANXI_BACKUP_COPY_TO=cls.second_place,
            JIANXI_BACKUP_PASSPHRASE_FILE=cls.passphrase,
        )

    # ------------------------------------------------------------------ helpers
    @classmethod
    def _cleanup(cls):
        for db in cls.databases:
            drop_database(db)
        subprocess.run(
            ["gpgconf", "--kill", "gpg-agent"], env=getattr(cls, "env_vars", None), check=False, capture_output=True
        )
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def _script(self, name, *args, expect_ok=True, **env):
        result = subprocess.run(
            ["bash", os.path.join(SCRIPTS, name), *args],
            env=dict(self.env_vars, **env),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        output = result.stdout + result.stderr
        if expect_ok:
            self.assertEqual(result.returncode, 0, f"{name} failed:\n{output[-4000:]}")
        else:
            self.assertNotEqual(result.returncode, 0, f"{name} should have refused:\n{output[-4000:]}")
        return output

    def _shell(self, db, code):
        result = subprocess.run(
            [sys.executable, ODOO_BIN, "shell", "-c", config.rcfile, "-d", db, "--no-http", "--log-level=warn"],
            input=code,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr[-4000:])
        return result.stdout

    def _fingerprint(self, db):
        """Every table of the database: its row count and a digest of its rows (as text, sorted)."""
        tables = [
            t for (t,) in admin_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", dbname=db)
        ]
        query = sql.SQL(" UNION ALL ").join(
            sql.SQL(
                "SELECT {name}, count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t"
            ).format(name=sql.Literal(table), table=sql.Identifier(table))
            for table in tables
        )
        return {table: (count, digest) for table, count, digest in admin_sql(query, dbname=db)}

    def _attachments(self, db):
        """sha256 of the file of every attachment stored in the filestore, by attachment id."""
        rows = admin_sql("SELECT id, store_fname FROM ir_attachment WHERE store_fname IS NOT NULL", dbname=db)
        return {aid: _sha256_file(os.path.join(self.filestore, db, fname)) for aid, fname in rows}

    # ------------------------------------------------------------------ the drill
    def test_backup_restore_drill(self):
        started = time.monotonic()
        scans = self._upload_scans()
        tables, files = self._fingerprint(self.source), self._attachments(self.source)
        for aid, content in scans.items():
            self.assertEqual(files[aid], hashlib.sha256(content).hexdigest())

        output = self._script("backup.sh")
        self.assertNotIn("JIANXI_BACKUP_COPY_TO is not set", output)
        archive = self._check_archive()

        self._change_and_delete(scans)
        self.assertNotEqual(self._fingerprint(self.source), tables, "the source changed after the backup")

        # After a disaster: the archive as it was, nothing neutralised.
        self._script("restore.sh", archive, JIANXI_RESTORE_DB=self.real, REAL="1")
        self.assertEqual(self._fingerprint(self.real), tables, "every row of every table came back")
        self.assertEqual(self._attachments(self.real), files, "every attachment's file came back")

        # The default: a neutralised copy. Only what neutralize changes may differ.
        output = self._script("restore.sh", archive, JIANXI_RESTORE_DB=self.copy)
        self.assertIn(f"dbfilter = ^{self.copy}$", output)
        self.assertIn("list_db = False", output)
        copy_tables = self._fingerprint(self.copy)
        self.assertEqual(copy_tables.keys(), tables.keys())
        changed = {t for t in tables if copy_tables[t] != tables[t]}
        self.assertLessEqual(changed, NEUTRALISED_TABLES)
        self.assertEqual(self._attachments(self.copy), files)
        self._check_neutralised()
        self._check_refusals(archive)
        self._check_serves()
        self._check_failure_notice()

        records = sum(count for count, _digest in tables.values())
        stored = {
            f
            for (f,) in admin_sql(
                "SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL", dbname=self.real
            )
        }
        _logger.info(
            "backup drill: %d tables and %d records compared (%d tables differ in the neutralised copy: %s), "
            "%d attachments compared by sha256 (%d distinct files, %d bytes; %d scans uploaded for the drill), "
            "archive %d bytes, %.0f s",
            len(tables),
            records,
            len(changed),
            ", ".join(sorted(changed)),
            len(files),
            len(stored),
            sum(os.path.getsize(os.path.join(self.filestore, self.real, f)) for f in stored),
            len(scans),
            os.path.getsize(archive),
            time.monotonic() - started,
        )

    def _upload_scans(self):
        payload = json.dumps({name: content.hex() for name, content in SCANS.items()})
        code = f"import json\nscans = {{n: bytes.fromhex(h) for n, h in json.loads({payload!r}).items()}}\n"
        code += """applicant = env["jianxi.applicant"].search([], limit=1)
ids = {}
for name, content in scans.items():
    att = env["ir.attachment"].create({"name": name, "raw": content, "mimetype": "image/png",
                                       "res_model": "jianxi.applicant", "res_id": applicant.id})
    ids[att.id] = name
env.cr.commit()
print("SCANS=" + json.dumps(ids))
"""
        ids = json.loads(re.search(r"^SCANS=(.*)$", self._shell(self.source, code), re.M).group(1))
        return {int(aid): SCANS[name] for aid, name in ids.items()}

    def _check_archive(self):
        archives = os.listdir(self.archives)
        self.assertEqual(len(archives), 1, archives)
        self.assertRegex(archives[0], rf"^{self.source}-\d{{8}}T\d{{6}}Z\.tar\.gpg$")
        archive = os.path.join(self.archives, archives[0])
        self.assertEqual(os.stat(archive).st_mode & 0o777, 0o600)
        copy = os.path.join(self.second_place, archives[0])
        self.assertEqual(os.stat(copy).st_mode & 0o777, 0o600)
        self.assertEqual(_sha256_file(copy), _sha256_file(archive), "the second place holds the same archive")
        with open(archive, "rb") as handle:
            data = handle.read()
        for clear in (b"PGDMP", b"manifest.json", SCANS["身份证扫描件-0.png"][:64]):
            self.assertNotIn(clear, data, "the archive is encrypted")
        return archive

    def _change_and_delete(self, scans):
        ids = list(scans)
        rows = admin_sql("SELECT store_fname FROM ir_attachment WHERE id = ANY(%s)", [ids], dbname=self.source)
        admin_sql("DELETE FROM ir_attachment WHERE id = ANY(%s)", [ids], dbname=self.source)
        for (fname,) in rows:  # the scans' files lost too
            os.unlink(os.path.join(self.filestore, self.source, fname))
        admin_sql("DELETE FROM mail_message WHERE model LIKE 'jianxi.%%'", dbname=self.source)
        admin_sql("UPDATE jianxi_applicant SET school = 'changed after the backup'", dbname=self.source)

    def _check_neutralised(self):
        crons = admin_sql(
            """SELECT c.active, d.name FROM ir_cron c
               LEFT JOIN ir_model_data d ON d.model = 'ir.cron' AND d.res_id = c.id""",
            dbname=self.copy,
        )
        # Odoo keeps its own autovacuum job (it only cleans the database): every other cron is off.
        self.assertFalse([name for active, name in crons if active and name != "autovacuum_job"])
        self.assertTrue(any(active for (active,) in admin_sql("SELECT active FROM ir_cron", dbname=self.real)))
        servers = admin_sql("SELECT smtp_host FROM ir_mail_server WHERE active", dbname=self.copy)
        self.assertEqual(servers, [("invalid",)], "only neutralize's dummy mail server is active")
        flag = admin_sql(
            "SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'", dbname=self.copy
        )
        self.assertEqual(flag, [("true",)])
        # A mail sent from the copy fails at the dummy server instead of leaving.
        out = self._shell(
            self.copy,
            """mail = env["mail.mail"].create({"email_to": "drill@example.com", "subject": "drill"})
mail.send(raise_exception=False)
env.cr.commit()
print("MAIL=" + mail.state)
""",
        )
        self.assertIn("MAIL=exception", out)

    def _check_refusals(self, archive):
        # An existing database is never restored over without FORCE=1.
        output = self._script("restore.sh", archive, JIANXI_RESTORE_DB=self.copy, expect_ok=False)
        self.assertIn("exists", output)
        # CHECK=1: decrypts and verifies, restores nothing.
        self.assertIn("every checksum matches", self._script("restore.sh", archive, CHECK="1"))
        # An archive made by a newer addon: same content, manifest says 18.0.99.0.0.
        unpacked = os.path.join(self.tmp, "unpacked")
        os.mkdir(unpacked)
        gpg = ["gpg", "--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase-file", self.passphrase]
        clear = subprocess.run([*gpg, "--decrypt", archive], env=self.env_vars, capture_output=True, check=True).stdout
        newer = os.path.join(self.tmp, f"{self.source}-20990101T000000Z.tar")
        with tarfile.open(fileobj=io.BytesIO(clear)) as tar:
            tar.extractall(unpacked, filter="data")
        with open(os.path.join(unpacked, "manifest.json"), encoding="utf-8") as handle:
            manifest = json.load(handle)
        manifest["addon_version"] = "18.0.99.0.0"
        with open(os.path.join(unpacked, "manifest.json"), "w", encoding="utf-8") as handle:
            json.dump(manifest, handle)
        with tarfile.open(newer, "w") as tar:
            for name in ("manifest.json", "dump.pgc", "filestore"):
                tar.add(os.path.join(unpacked, name), name)
        subprocess.run(
            [*gpg, "--symmetric", "-o", newer + ".gpg", newer], env=self.env_vars, check=True, capture_output=True
        )
        refused_db = f"{self.source}_newer"
        self.databases.append(refused_db)
        output = self._script("restore.sh", newer + ".gpg", JIANXI_RESTORE_DB=refused_db, expect_ok=False)
        self.assertIn("newer than this code", output)
        self.assertFalse(admin_sql("SELECT 1 FROM pg_database WHERE datname = %s", [refused_db]))
        # A damaged archive: one byte changed.
        damaged = os.path.join(self.tmp, "damaged.tar.gpg")
        with open(archive, "rb") as handle:
            data = bytearray(handle.read())
        data[len(data) // 2] ^= 0xFF
        with open(damaged, "wb") as handle:
            handle.write(data)
        self._script("restore.sh", damaged, JIANXI_RESTORE_DB=refused_db, expect_ok=False)
        self.assertFalse(admin_sql("SELECT 1 FROM pg_database WHERE datname = %s", [refused_db]))

    def _check_serves(self):
        port = free_port()
        logfile = os.path.join(self.tmp, "restored.log")
        server = subprocess.Popen(
            [
                sys.executable,
                ODOO_BIN,
                "-c",
                config.rcfile,
                "-d",
                self.copy,
                f"--db-filter=^{self.copy}$",
                f"--http-port={port}",
                "--max-cron-threads=0",
                "--log-level=warn",
                f"--logfile={logfile}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline, statuses = time.monotonic() + STARTUP_TIMEOUT, {}
            while time.monotonic() < deadline and server.poll() is None:
                try:
                    statuses = {
                        path: requests.get(f"{base}{path}", timeout=60).status_code
                        for path in ("/web/login", "/internships")
                    }
                    break
                except requests.ConnectionError:
                    time.sleep(1)
            self.assertEqual(statuses, {"/web/login": 200, "/internships": 200}, f"see {logfile}")
            # The backend: a manager signs in, the web client loads, and the ORM answers as SQL does.
            manager = self._sign_in(base, "jx_manager")
            self.assertEqual(manager.get(f"{base}/odoo", timeout=60).status_code, 200)
            counted = manager.post(
                f"{base}/web/dataset/call_kw",
                json={
                    "jsonrpc": "2.0",
                    "params": {"model": "jianxi.internship", "method": "search_count", "args": [[]], "kwargs": {}},
                },
                timeout=60,
            ).json()
            ((in_sql,),) = admin_sql("SELECT count(*) FROM jianxi_internship", dbname=self.copy)
            self.assertEqual(counted.get("result"), in_sql, counted)
            # The portal: a unit's contact sees their positions.
            unit = self._sign_in(base, "jx_unit")
            self.assertEqual(unit.get(f"{base}/my/positions", timeout=60).status_code, 200)
            # A backup taken while Odoo serves the database (and checked without restoring it).
            served = os.path.join(self.tmp, "served")
            self._script("backup.sh", JIANXI_BACKUP_DBS=self.copy, JIANXI_BACKUP_DIR=served)
            (archive,) = os.listdir(served)
            self._script("restore.sh", os.path.join(served, archive), CHECK="1")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)

    def _sign_in(self, base, login):
        session = requests.Session()
        response = session.post(
            f"{base}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": self.copy, "login": login, "password": login}},
            timeout=60,
        ).json()
        self.assertTrue(response.get("result", {}).get("uid"), response)
        return session

    def _check_failure_notice(self):
        """A backup that cannot encrypt fails, writes nothing, and tells the source's managers."""
        before = set(os.listdir(self.archives))
        output = self._script(
            "backup.sh", expect_ok=False, JIANXI_BACKUP_PASSPHRASE_FILE=os.path.join(self.tmp, "gone")
        )
        self.assertIn("the managers were told of the failure", output)
        self.assertEqual(set(os.listdir(self.archives)), before)
        notified = admin_sql(
            """SELECT count(DISTINCT n.res_partner_id) FROM mail_message m
               JOIN mail_notification n ON n.mail_message_id = m.id
               WHERE m.subject IN (%s, %s)""",
            [f"Backup of {self.source} failed", f"数据库 {self.source} 备份失败"],
            dbname=self.source,
        )[0][0]
        managers = admin_sql(
            """SELECT count(*) FROM res_users u JOIN res_groups_users_rel r ON r.uid = u.id
               JOIN ir_model_data d ON d.model = 'res.groups' AND d.res_id = r.gid
               WHERE d.module = 'jianxi_internship' AND d.name = 'jianxi_internship_group_manager' AND u.active""",
            dbname=self.source,
        )[0][0]
        self.assertEqual(notified, managers)
