"""Merge a freshly exported .pot into a language's .po, keeping the existing translations.

Usage: merge_po.py TEMPLATE.pot LANG.po
Prints the msgids that still have no translation (and exits 0: translating is a separate step).
"""

import sys

import polib


def main(pot_path, po_path):
    pot = polib.pofile(pot_path)
    try:
        old = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(po_path) if e.msgstr}
    except OSError:
        old = {}
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(pot.metadata)
    po.metadata.update({"Language": "zh_CN", "Language-Team": "", "Plural-Forms": "nplurals=1; plural=0;",
                        "Content-Type": "text/plain; charset=UTF-8"})
    missing = []
    for entry in pot:
        entry.msgstr = old.get((entry.msgctxt, entry.msgid), "")
        if not entry.msgstr:
            missing.append(entry.msgid)
        po.append(entry)
    po.save(po_path)
    print(f"{po_path}: {len(po)} terms, {len(missing)} untranslated")
    for msgid in missing:
        print("  untranslated:", msgid.replace("\n", "\\n")[:120])


if __name__ == "__main__":
    main(*sys.argv[1:3])
