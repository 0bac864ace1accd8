"""English is available everywhere: every text marked for translation in the templates and the
Python code has an English entry in locale/en (texts written in both languages, "Việt / English",
need none)."""
import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from compile_messages import parse_po  # noqa: E402

TRANSLATE_TAG = re.compile(r"""{%\s*translate\s+(["'])(.*?)\1""")
BLOCK_TAG = re.compile(r"{%\s*blocktranslate[^%]*%}(.*?)(?:{%\s*plural\s*%}.*?)?{%\s*endblocktranslate\s*%}", re.S)
VARIABLE = re.compile(r"{{\s*(\w+)[^}]*}}")
GETTEXT_CALL = re.compile(r"""\b_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)""")


def marked_texts() -> dict[str, str]:
    """Text -> the file it is marked in."""
    found = {}
    for path in (ROOT / "templates").rglob("*.html"):
        template = path.read_text(encoding="utf-8")
        for match in TRANSLATE_TAG.finditer(template):
            found.setdefault(match.group(2), path.name)
        for match in BLOCK_TAG.finditer(template):
            found.setdefault(VARIABLE.sub(r"%(\1)s", match.group(1)), path.name)
    for app in ("config", "indicators", "reports"):
        for path in (ROOT / app).rglob("*.py"):
            for match in GETTEXT_CALL.finditer(path.read_text(encoding="utf-8")):
                pieces = re.findall(r'"(?:[^"\\]|\\.)*"', match.group(1))
                found.setdefault("".join(ast.literal_eval(piece) for piece in pieces), path.name)
    return found


def test_every_marked_text_has_an_english_translation():
    translated = {msgid.split("\0")[0] for msgid in parse_po((ROOT / "locale/en/LC_MESSAGES/django.po").read_text())}
    texts = marked_texts()
    assert len(texts) > 50  # the scan reads the templates and the views
    missing = {text: where for text, where in texts.items() if text not in translated and " / " not in text}
    assert not missing, missing


# A warning's code where ingestion makes one: code="…", or the second argument of ExtractionWarning(line, "…"),
# SummaryWarning(line, "…") and services' warn(fact, "…").
WARNING_CODE = re.compile(r"""\bcode="([a-z]+(?:_[a-z]+)*)"|\b(?:ExtractionWarning|SummaryWarning|warn)\(\s*[^,()"]+,\s*"([a-z]+(?:_[a-z]+)+)\"""")
VIETNAMESE_LETTER = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def warning_codes_in_source() -> dict[str, str]:
    """Code -> the file that writes it."""
    found = {}
    for path in (ROOT / "reports").rglob("*.py"):
        if "migrations" in path.parts or path.name in {"warnings.py", "forms.py"}:  # forms: error codes
            continue
        for match in WARNING_CODE.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1) or match.group(2), path.name)
    return found


def test_every_warning_code_has_a_label_in_both_languages():
    """Pages name warnings by reports.warnings.WARNING_LABELS, never by their bare code."""
    from reports.warnings import WARNING_LABELS

    codes = warning_codes_in_source()
    assert {"unattributed_numbers", "parts_mismatch", "conflict", "undated_flow", "broken_cell"} <= set(codes)
    missing = {code: where for code, where in codes.items() if code not in WARNING_LABELS}
    assert not missing, missing
    for code, label in WARNING_LABELS.items():
        assert label.code == code and all([label.title_vi, label.title_en, label.explanation_vi, label.explanation_en])
        assert not VIETNAMESE_LETTER.search(label.title_en + label.explanation_en), code
        assert VIETNAMESE_LETTER.search(label.title_vi) and VIETNAMESE_LETTER.search(label.explanation_vi), code
