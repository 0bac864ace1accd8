#!/usr/bin/env python3
"""Compile locale/*/LC_MESSAGES/django.po to .mo without GNU gettext (msgfmt may be missing).

The binary layout follows CPython's Tools/i18n/msgfmt.py (GNU .mo, little-endian): a header, the
tables of (length, offset) of the sorted original and translated strings, then the strings.
Plural entries store "singular\\0plural" -> "form0\\0form1". Untranslated and fuzzy entries are
left out, so Django falls back to the Vietnamese source text.

Usage: python scripts/compile_messages.py [locale_dir]   (default: ./locale)
"""
from __future__ import annotations

import ast
import array
import struct
import sys
from pathlib import Path


def parse_po(text: str) -> dict[str, str]:
    """msgid (with plural joined by NUL) -> msgstr (forms joined by NUL), fuzzy entries skipped."""
    messages: dict[str, str] = {}
    entry: dict[str, list[str]] = {}
    section = None
    fuzzy = False

    def finish():
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            msgid = "".join(entry["msgid"])
            if "msgid_plural" in entry:
                msgid += "\0" + "".join(entry["msgid_plural"])
                forms = sorted(k for k in entry if k.startswith("msgstr["))
                msgstr = "\0".join("".join(entry[k]) for k in forms)
            else:
                msgstr = "".join(entry.get("msgstr", []))
            if msgstr.replace("\0", "") or msgid == "":
                messages[msgid] = msgstr
        entry, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            if "msgid" in entry and "msgstr" in "".join(entry):
                finish()
            fuzzy = True
            continue
        if not line or line.startswith("#"):
            if not line and entry:
                finish()
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            entry[section].append(ast.literal_eval(line))
            continue
        if keyword == "msgid" and any(k.startswith("msgstr") for k in entry):
            finish()
        section = keyword
        entry[section] = [ast.literal_eval(rest)]
    finish()
    return messages


def mo_bytes(messages: dict[str, str]) -> bytes:
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for key in keys:
        encoded_id, encoded_str = key.encode("utf-8"), messages[key].encode("utf-8")
        offsets.append((len(ids), len(encoded_id), len(strs), len(encoded_str)))
        ids += encoded_id + b"\0"
        strs += encoded_str + b"\0"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    key_offsets, value_offsets = [], []
    for id_offset, id_length, str_offset, str_length in offsets:
        key_offsets += [id_length, id_offset + key_start]
        value_offsets += [str_length, str_offset + value_start]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    return header + array.array("i", key_offsets).tobytes() + array.array("i", value_offsets).tobytes() + ids + strs


def compile_locale(locale_dir: Path) -> list[Path]:
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        mo_path.write_bytes(mo_bytes(parse_po(po_path.read_text(encoding="utf-8"))))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "locale"
    for path in compile_locale(root):
        print(f"compiled {path}")
