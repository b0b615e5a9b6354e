#!/usr/bin/env python3
"""The parts of scripts/backup.sh and scripts/restore.sh that are easier in Python (stdlib only).

    backup_tool.py manifest DIR DB ODOO_SRC ADDON_DIR   write DIR/manifest.json (versions, sizes, sha256)
    backup_tool.py verify DIR                            check DIR against its manifest
    backup_tool.py check-versions DIR ODOO_SRC ADDON_DIR refuse an archive made by newer code
    backup_tool.py prune DIR DB KEEP_DAYS KEEP_WEEKS     delete DB's archives past the retention

DIR is an unpacked archive: manifest.json, dump.pgc (pg_dump -Fc) and filestore/ (the database's
Odoo filestore). Exit status 2 with a message on stderr when a check fails.
"""

import ast
import datetime
import hashlib
import json
import os
import re
import socket
import sys

FORMAT = 1
DUMP = "dump.pgc"
FILESTORE = "filestore"
ARCHIVE_RE = r"^{db}-(\d{{8}}T\d{{6}}Z)\.tar\.gpg$"
STAMP = "%Y%m%dT%H%M%SZ"


def fail(message):
    print(f"[jianxi] ERROR: {message}", file=sys.stderr)
    sys.exit(2)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def odoo_version(odoo_src):
    """release.py is plain Python without imports of Odoo: run it for its version_info."""
    scope = {}
    with open(os.path.join(odoo_src, "odoo", "release.py"), encoding="utf-8") as handle:
        exec(compile(handle.read(), "release.py", "exec"), scope)
    return scope["version"], list(scope["version_info"][:3])


def addon_version(addon_dir):
    with open(os.path.join(addon_dir, "__manifest__.py"), encoding="utf-8") as handle:
        return ast.literal_eval(handle.read())["version"]


def version_tuple(version):
    return tuple(int(part) for part in re.findall(r"\d+", version))


def filestore_files(root):
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            yield os.path.relpath(path, root), path


def cmd_manifest(directory, db, odoo_src, addon_dir):
    version, version_info = odoo_version(odoo_src)
    dump = os.path.join(directory, DUMP)
    files = {
        rel: {"size": os.path.getsize(path), "sha256": sha256(path)}
        for rel, path in sorted(filestore_files(os.path.join(directory, FILESTORE)))
    }
    manifest = {
        "format": FORMAT,
        "database": db,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "odoo_version": version,
        "odoo_version_info": version_info,
        "addon": "jianxi_internship",
        "addon_version": addon_version(addon_dir),
        "dump": {"file": DUMP, "size": os.path.getsize(dump), "sha256": sha256(dump)},
        "filestore": {"files": len(files), "size": sum(f["size"] for f in files.values()), "checksums": files},
    }
    with open(os.path.join(directory, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
    print(f"manifest: dump {manifest['dump']['size']} bytes, {len(files)} filestore files")


def load_manifest(directory):
    try:
        with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        fail(f"the archive has no readable manifest.json: {error}")


def cmd_verify(directory):
    manifest = load_manifest(directory)
    dump = os.path.join(directory, DUMP)
    if not os.path.isfile(dump) or sha256(dump) != manifest["dump"]["sha256"]:
        fail(f"the dump {DUMP} is missing or does not match its checksum")
    expected = manifest["filestore"]["checksums"]
    found = dict(filestore_files(os.path.join(directory, FILESTORE)))
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    bad = sorted(rel for rel in set(expected) & set(found) if sha256(found[rel]) != expected[rel]["sha256"])
    if missing or extra or bad:
        fail(f"filestore differs from the manifest: {len(missing)} missing, {len(extra)} extra, {len(bad)} altered")
    print(
        f"verified: database {manifest['database']} of {manifest['date']}, Odoo {manifest['odoo_version']}, "
        f"jianxi_internship {manifest['addon_version']}, dump {manifest['dump']['size']} bytes, "
        f"{len(expected)} filestore files ({manifest['filestore']['size']} bytes): every checksum matches"
    )


def cmd_check_versions(directory, odoo_src, addon_dir):
    manifest = load_manifest(directory)
    code_version, code_info = odoo_version(odoo_src)
    if manifest["odoo_version_info"][:2] != code_info[:2]:
        fail(
            f"the archive was made by Odoo {manifest['odoo_version']}, this code is Odoo {code_version}: "
            "restore it with the Odoo series that made it (then upgrade)"
        )
    if tuple(manifest["odoo_version_info"]) > tuple(code_info):
        fail(f"the archive was made by a newer Odoo ({manifest['odoo_version_info']} > {code_info})")
    code_addon = addon_version(addon_dir)
    if version_tuple(manifest["addon_version"]) > version_tuple(code_addon):
        fail(
            f"the archive was made by jianxi_internship {manifest['addon_version']}, newer than this "
            f"code's {code_addon}: check out that version (or later) before restoring"
        )
    print(f"versions: archive Odoo {manifest['odoo_version']} / addon {manifest['addon_version']}, code {code_addon}")
    if version_tuple(manifest["addon_version"]) < version_tuple(code_addon):
        print(
            f"the archive's jianxi_internship ({manifest['addon_version']}) is older than the code's: update the "
            "addon in the restored database before serving it (JIANXI_UPDATE=1 JIANXI_DB=<name> make serve)"
        )


def to_prune(names, db, keep_days, keep_weeks, now):
    """The archives of DB to delete: every archive of the last KEEP_DAYS days is kept, and of older
    ones the newest of each ISO week within KEEP_WEEKS weeks; other databases' files are not touched."""
    pattern = re.compile(ARCHIVE_RE.format(db=re.escape(db)))
    dated = []
    for name in names:
        match = pattern.match(name)
        if match:
            stamp = datetime.datetime.strptime(match.group(1), STAMP).replace(tzinfo=datetime.timezone.utc)
            dated.append((stamp, name))
    keep, weeks_seen = set(), set()
    for stamp, name in sorted(dated, reverse=True):
        age = now - stamp
        week = stamp.isocalendar()[:2]
        if age <= datetime.timedelta(days=keep_days):
            keep.add(name)
        elif age <= datetime.timedelta(weeks=keep_weeks) and week not in weeks_seen:
            keep.add(name)
        weeks_seen.add(week)
    return sorted(name for _stamp, name in dated if name not in keep)


def cmd_prune(directory, db, keep_days, keep_weeks):
    now = datetime.datetime.now(datetime.timezone.utc)
    if os.environ.get("JIANXI_BACKUP_NOW"):  # for the tests of the retention
        now = datetime.datetime.strptime(os.environ["JIANXI_BACKUP_NOW"], STAMP).replace(tzinfo=datetime.timezone.utc)
    for name in to_prune(os.listdir(directory), db, int(keep_days), int(keep_weeks), now):
        os.unlink(os.path.join(directory, name))
        print(f"pruned {os.path.join(directory, name)}")


COMMANDS = {
    "manifest": (cmd_manifest, 4),
    "verify": (cmd_verify, 1),
    "check-versions": (cmd_check_versions, 3),
    "prune": (cmd_prune, 4),
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS or len(sys.argv) - 2 != COMMANDS[sys.argv[1]][1]:
        fail(__doc__)
    COMMANDS[sys.argv[1]][0](*sys.argv[2:])
