"""Numbers written the Vietnamese way, and the ways reports break that rule.

Vietnamese uses "." for thousands and "," for decimals: 89.455 is eighty-nine thousand,
15,15 is fifteen point one five. Reports converted from spreadsheets also carry plain
12789 and English decimals such as 87.7; a dot followed by anything but exactly three
digits can only be a decimal point.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Spreadsheet error values that must never be read as numbers.
SPREADSHEET_ERRORS = ("#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!")

# One number token: digits with optional "." thousand groups and an optional "," or "." decimal part.
NUMBER_TOKEN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
NUMBER_RE = re.compile(rf"(?<![\d.,])(?:{NUMBER_TOKEN})(?![\d]|[.,]\d)")

_WORD_MULTIPLIERS = {"nghìn": 1000, "ngàn": 1000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
# Scale words after a number, possibly compound: "2 triệu", "181,9 nghìn tỷ".
SCALE_WORDS = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)(?:\s+(?:nghìn|ngàn|triệu|tỷ|tỉ))*(?!\w)"


def parse_number(text: str, *, decimal_dot_ok: bool = True) -> Decimal | None:
    """Parse one number as written in a Vietnamese report; None when it is not one.

    "1.224" -> 1224, "47,5" -> 47.5, "12789" -> 12789, "87.7" -> 87.7 (a dot not followed by
    exactly three digits is a decimal point), "1.224,5" -> 1224.5, "01" -> 1.
    With decimal_dot_ok=False "87.700" and "87.7" alike are refused rather than guessed.
    """
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if not s:
        return None
    sign = 1
    if s[0] in "-−":
        sign, s = -1, s[1:]
    elif s[0] == "+" and len(s) > 1:  # "+2" in a column "Tăng (+), giảm (-)"
        s = s[1:]
    if s.endswith("%"):
        s = s[:-1]
    if not re.fullmatch(r"[\d.,]+", s) or not s[0].isdigit() or not s[-1].isdigit():
        return None
    if "," in s and "." in s:
        # Vietnamese: dots group thousands, the comma is the decimal point.
        if s.rfind(",") < s.rfind(".") or not re.fullmatch(r"\d{1,3}(\.\d{3})+,\d+", s):
            return None
        s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        if s.count(",") > 1:
            return None  # "1,234,567" is an English thousands grouping: ambiguous here
        s = s.replace(",", ".")
    elif "." in s:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
            s = s.replace(".", "")
        elif s.count(".") == 1 and decimal_dot_ok:
            pass  # "87.7": only a decimal point makes sense
        else:
            return None
    try:
        return sign * Decimal(s)
    except InvalidOperation:
        return None


def parse_amount(number: str, words: str | None) -> Decimal | None:
    """A number followed by scale words: ("2", "triệu") -> 2000000, ("181,9", "nghìn tỷ") -> 181900000000000."""
    value = parse_number(number)
    if value is None:
        return None
    for word in (words or "").lower().split():
        value *= _WORD_MULTIPLIERS.get(word, 1)
    return value


def is_spreadsheet_error(text: str) -> bool:
    return text.strip().upper() in SPREADSHEET_ERRORS


def format_vi(value: Decimal | float | int, decimals: int | None = None) -> str:
    """89455 -> "89.455", 15.15 -> "15,15": how a Vietnamese reader writes numbers."""
    d = Decimal(str(value))
    if decimals is None:
        d = d.normalize()
        exponent = d.as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    text = f"{d:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


# --- numbers written in words: "hai mươi ba" (23), "một trăm linh năm" (105), "ba nghìn" (3.000) ---
_DIGIT_WORDS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
                "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_GROUP_WORDS = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_NUMBER_WORD = "|".join([*_DIGIT_WORDS, *_GROUP_WORDS, "mười", "mươi", "trăm", "linh", "lẻ"])
NUMBER_WORDS_RE = re.compile(rf"(?<!\w)(?:{_NUMBER_WORD})(?:\s+(?:{_NUMBER_WORD}))*(?!\w)", re.IGNORECASE)


def parse_number_words(text: str) -> Decimal | None:
    """The value of a number written in words, None when the words are not one number.

    Words after a ten ("mươi") take their short forms: "hai mươi mốt" 21, "ba mươi tư" 34,
    "bốn mươi lăm" 45; "linh"/"lẻ" stand for an empty tens place ("một trăm linh năm" 105)."""
    words = text.lower().split()
    if not words or words[0] in ("mốt", "lăm", "nhăm", "linh", "lẻ", "mươi") or words[0] in _GROUP_WORDS:
        return None
    total = group = 0
    digit: int | None = None
    after_ten = False
    for word in words:
        if word in _DIGIT_WORDS:
            value = _DIGIT_WORDS[word]
            if digit is not None or (word in ("mốt", "tư", "lăm", "nhăm") and not after_ten and word != "tư"):
                return None  # two digits in a row ("hai ba") is no number
            digit = value
        elif word == "mười":
            if digit is not None:
                return None
            group += 10
            after_ten = True
            continue
        elif word == "mươi":
            if digit is None or digit < 2:
                return None
            group, digit, after_ten = group + digit * 10, None, True
            continue
        elif word == "trăm":
            if digit is None:
                return None
            group, digit = group + digit * 100, None
        elif word in ("linh", "lẻ"):
            pass
        else:  # nghìn, triệu, tỷ
            group += digit or 0
            if group == 0:
                return None
            total, group, digit = total + group * _GROUP_WORDS[word], 0, None
        after_ten = False
    return Decimal(total + group + (digit or 0))
