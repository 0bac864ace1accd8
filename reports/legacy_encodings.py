"""The old 8-bit Vietnamese font encodings, TCVN3 (ABC) and VNI Windows, back to Unicode.

Before Unicode, Vietnamese was typed in fonts (.VnTime, VNI-Times) that draw Vietnamese letters
in place of Latin-1 ones. A text file saved that way holds those bytes; a Word file holds the
Latin-1/Windows-1252 characters the bytes stand for ("§¶ng viªn", "Ñaûng vieân" for "Đảng viên").
Both are read here as characters (a byte file decoded as Windows-1252 first), so one table serves
text files and Word files alike.

- TCVN3 maps one byte to one lowercase letter (with the seven toneless capitals Ă Â Ê Ô Ơ Ư Đ);
  capitals with a tone were drawn with a capital-only font (.VnTimeH) from the same lowercase
  codes, so they come back lowercase.
- VNI writes a base letter followed by a byte for its mark(s); ơ ư đ and the i's are single bytes.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

TCVN3 = "TCVN3 (ABC)"
VNI = "VNI"

# byte (as its Latin-1 character) -> letter
TCVN3_TABLE: dict[str, str] = {
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư", "\u00a7": "Đ",
    "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô", "\u00ac": "ơ", "\u00ad": "ư", "\u00ae": "đ",
    "\u00b5": "à", "\u00b6": "ả", "\u00b7": "ã", "\u00b8": "á", "\u00b9": "ạ",
    "\u00bb": "ằ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00be": "ắ", "\u00c6": "ặ",
    "\u00c7": "ầ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00ca": "ấ", "\u00cb": "ậ",
    "\u00cc": "è", "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d0": "é", "\u00d1": "ẹ",
    "\u00d2": "ề", "\u00d3": "ể", "\u00d4": "ễ", "\u00d5": "ế", "\u00d6": "ệ",
    "\u00d7": "ì", "\u00d8": "ỉ", "\u00dc": "ĩ", "\u00dd": "í", "\u00de": "ị",
    "\u00df": "ò", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e3": "ó", "\u00e4": "ọ",
    "\u00e5": "ồ", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e8": "ố", "\u00e9": "ộ",
    "\u00ea": "ờ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ed": "ớ", "\u00ee": "ợ",
    "\u00ef": "ù", "\u00f1": "ủ", "\u00f2": "ũ", "\u00f3": "ú", "\u00f4": "ụ",
    "\u00f5": "ừ", "\u00f6": "ử", "\u00f7": "ữ", "\u00f8": "ứ", "\u00f9": "ự",
    "\u00fa": "ỳ", "\u00fb": "ỷ", "\u00fc": "ỹ", "\u00fd": "ý", "\u00fe": "ỵ",
}

GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
CIRCUMFLEX, BREVE = "\u0302", "\u0306"
TONE_MARKS = frozenset({GRAVE, ACUTE, TILDE, HOOK, DOT})

# VNI: letters written as one byte
VNI_LETTERS: dict[str, str] = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị",
    "î": "ỵ", "Î": "Ỵ",
}
# VNI: the byte after a base letter -> the combining marks it adds
VNI_MARKS: dict[str, str] = {}
for _lower, _marks in {
    "ù": ACUTE, "ø": GRAVE, "û": HOOK, "õ": TILDE, "ï": DOT,
    "â": CIRCUMFLEX, "á": CIRCUMFLEX + ACUTE, "à": CIRCUMFLEX + GRAVE, "å": CIRCUMFLEX + HOOK,
    "ã": CIRCUMFLEX + TILDE, "ä": CIRCUMFLEX + DOT,
    "ê": BREVE, "é": BREVE + ACUTE, "è": BREVE + GRAVE, "ú": BREVE + HOOK, "ü": BREVE + TILDE, "ë": BREVE + DOT,
}.items():
    VNI_MARKS[_lower] = VNI_MARKS[_lower.upper()] = _marks
_TCVN3_TRANSLATION = str.maketrans(TCVN3_TABLE)
# a mark byte after a vowel (or VNI's ơ/ư byte); a mark byte elsewhere is left as it is
_VNI_RE = re.compile("([aeiouyAEIOUYôöÔÖ])([" + "".join(VNI_MARKS) + "])|[" + "".join(VNI_LETTERS) + "]")

# The most frequent syllables of the reports: a text converted to Vietnamese holds them.
COMMON_SYLLABLES = frozenset(
    "của và các được đã có là những trong năm với cho người đảng tỉnh huyện xã công tác việc thực hiện số "
    "đồng chí cấp ủy viên báo cáo kết quả chỉ đạo lãnh một không đến về này".split())
WORD_RE = re.compile(r"[^\W\d_]+")
MARKED_WORD_RE = re.compile(r"[^\W\d_]*[^\x00-\x7f\W\d_][^\W\d_]*")
# Share of a text's words with a non-ASCII letter that must read as Vietnamese syllables.
MIN_SYLLABLE_SHARE = 0.9
# Below MIN_SYLLABLE_SHARE but above this, the text is that encoding mixed with something else:
# refused by name rather than converted.
NAMED_REFUSAL_SHARE = 0.5


def _vietnamese_letters() -> frozenset[str]:
    bases = "aăâeêioôơuưy"
    tones = ["", GRAVE, ACUTE, TILDE, HOOK, DOT]
    letters = {unicodedata.normalize("NFC", b + t) for b in bases for t in tones} | {"đ"}
    return frozenset(letters | {c.upper() for c in letters})


VIETNAMESE_LETTERS = _vietnamese_letters()


def tcvn3_to_unicode(text: str) -> str:
    return text.translate(_TCVN3_TRANSLATION)


def vni_to_unicode(text: str) -> str:
    def replace(match: re.Match) -> str:
        if match.group(1):
            base = match.group(1)
            return VNI_LETTERS.get(base, base) + VNI_MARKS[match.group(2)]
        return VNI_LETTERS[match.group(0)]
    return unicodedata.normalize("NFC", _VNI_RE.sub(replace, text))


CONVERTERS = {TCVN3: tcvn3_to_unicode, VNI: vni_to_unicode}


def is_vietnamese_syllable(word: str) -> bool:
    """Only Vietnamese letters, at most three with a diacritic and one tone mark."""
    marked = tones = 0
    for char in word:
        if char.isascii():
            continue
        if char not in VIETNAMESE_LETTERS:
            return False
        marked += 1
        tones += any(c in TONE_MARKS for c in unicodedata.normalize("NFD", char))
    return marked <= 3 and tones <= 1


def syllable_share(text: str, *, common_words: bool = False) -> tuple[float, int, int]:
    """(share of the words with a non-ASCII letter that are Vietnamese syllables, their count,
    and, with common_words, how many of all words are common Vietnamese syllables). Each distinct
    word is judged once."""
    marked = valid = common = 0
    for word, count in Counter((WORD_RE if common_words else MARKED_WORD_RE).findall(text)).items():
        if word.lower() in COMMON_SYLLABLES:
            common += count
        if not word.isascii():
            marked += count
            valid += count * is_vietnamese_syllable(word)
    return (valid / marked if marked else 0.0), marked, common


def best_legacy_reading(text: str) -> tuple[str, str, float] | None:
    """(encoding name, converted NFC text, share of Vietnamese syllables) of the old encoding the
    text reads best as, or None when neither turns it into Vietnamese at all."""
    best = None
    for name, convert in CONVERTERS.items():
        converted = unicodedata.normalize("NFC", convert(text))
        share, marked, common = syllable_share(converted, common_words=True)
        if marked == 0 or common < min(3, max(1, marked // 50)):
            continue
        if best is None or share > best[2]:
            best = (name, converted, share)
    return best
