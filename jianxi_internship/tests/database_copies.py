"""Databases of their own for the tests that run Odoo in other processes (the prefork server, the
backup drill): copies of the installed template that ``scripts/test.sh`` makes before pytest
connects (``JIANXI_TEMPLATE_DB``), with its filestore, made and dropped outside the test's
transaction."""

import os
import shutil
import socket

import psycopg2
from psycopg2 import sql

from odoo.tools import config


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def filestore_root():
    return os.path.join(config["data_dir"], "filestore")


def admin_sql(query, params=None, dbname="postgres"):
    """Run one statement in autocommit on DBNAME; the rows when it returns some."""
    args = {}
    for key, arg in (("db_host", "host"), ("db_port", "port"), ("db_user", "user"), ("db_password", "password")):
        if config.get(key):
            args[arg] = config[key]
    conn = psycopg2.connect(dbname=dbname, **args)
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall() if cr.description else None
    finally:
        conn.close()


def copy_template(template, db):
    admin_sql(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(db), sql.Identifier(template)))
    if os.path.isdir(os.path.join(filestore_root(), template)):
        shutil.copytree(os.path.join(filestore_root(), template), os.path.join(filestore_root(), db))


def drop_database(db):
    """Drop DB (ending its connections) and its filestore; nothing happens when neither exists."""
    admin_sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [db]
    )
    admin_sql(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(db)))
    shutil.rmtree(os.path.join(filestore_root(), db), ignore_errors=True)
