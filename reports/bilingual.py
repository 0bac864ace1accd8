"""The reports' own texts in the reader's language, and Vietnamese words marked in English pages.

Ingestion writes its messages once for both readers, "Vietnamese / English" (reports.services,
reports.quality, reports.decoding), and the data it quotes is Vietnamese. A page in English shows
the English half, and wraps the Vietnamese words left in it (place names, table rows, quotes) in
<span lang="vi">, so that screen readers pronounce them as Vietnamese and translation tools leave them.
"""
from __future__ import annotations

import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from indicators.templatetags.labels import is_english

# Letters that occur in Vietnamese and not in English: a text with them is Vietnamese data.
VIETNAMESE_LETTERS = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý"
VIETNAMESE_LETTER_RE = re.compile(f"[{VIETNAMESE_LETTERS}{VIETNAMESE_LETTERS.upper()}]")
# A text is Vietnamese when this share of its words carry Vietnamese letters (many Vietnamese
# words have none: "theo", "con", "ghi"; an English sentence quoting "(xóa tên)" has few).
VIETNAMESE_WORD_SHARE = 0.4

# Phrases the messages pair inside a sentence rather than at its end (reports.quality's conflicts,
# sources and term changes): each becomes its reader's half before the message is split.
# (pattern, Vietnamese, English); the halves may use the pattern's groups.
INLINE_PAIRS = [
    (r"Số liệu mâu thuẫn / conflicting values", "Số liệu mâu thuẫn", "conflicting values"),
    (r"ở đây / here", "ở đây", "here"),
    (r"khác với / but", "khác với", "but"),
    (r"nhập tay / manual entry", "nhập tay", "manual entry"),
    (r"dòng/line", "dòng", "line"),
    (r"Thay đổi trong nhiệm kỳ (\S+) cần rà soát / the change over the term \1 needs review",
     r"Thay đổi trong nhiệm kỳ \1 cần rà soát", r"the change over the term \1 needs review"),
]
# "(thêm tỉnh / add --province)", "(chạy thử, không lưu / dry run, nothing saved)"
PARENTHESISED_PAIR_RE = re.compile(r"\(([^()]*) / ([a-z][^()]*)\)")
# Sentences of one message ("… — hàng «…» có thể … / the row «…» may …") are each written in both languages.
SENTENCE_SEPARATOR = " — "
# Quoted data («row», “place”) and brackets never hold the split between the two halves.
OPENING, CLOSING = "«“(", "»”)"
# A word of English that may sit between two Vietnamese words without joining them.
ENGLISH_JOINERS = {"a", "an", "and", "are", "as", "at", "but", "by", "for", "from", "in", "is", "not", "of",
                   "on", "or", "the", "to", "under", "with"}
# Quoted data and a bracketed Vietnamese aside ("(xóa tên)") are one token; punctuation stands apart so
# that a marked name ends before its comma.
TOKEN_RE = re.compile(r"«[^»]*»|“[^”]*”|\([^()=]*\)|\s+|[^\s«“()=,;:]+|.")
WORD_TOKEN_RE = re.compile(r"«[^»]*»|“[^”]*”|\s+|[^\s«“()=,;:]+|.")
PUNCTUATION_RE = re.compile(r"[^\w«“]+")


def is_vietnamese(text: str) -> bool:
    # Words of letters; numbers and capitals-only codes (#REF!, UBND) say nothing of the language.
    words = [word for word in re.findall(r"[^\W\d_]+", text or "") if not (word.isupper() and word.isascii())]
    if not words:
        return False
    marked = sum(1 for word in words if VIETNAMESE_LETTER_RE.search(word))
    return marked / len(words) >= VIETNAMESE_WORD_SHARE


def _split_point(sentence: str) -> int | None:
    """Where "Vietnamese / English" turns English: the first " / " outside quotes and brackets, with
    Vietnamese before it and a lowercase English word after it; None for a one-language sentence."""
    depth = 0
    for index, char in enumerate(sentence):
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(depth - 1, 0)
        elif (depth == 0 and sentence.startswith(" / ", index) and re.match(r"[a-z]", sentence[index + 3:index + 4])
              and VIETNAMESE_LETTER_RE.search(sentence[:index])):
            return index
    return None


def _in_language(message: str, *, english: bool) -> tuple[str, bool]:
    """The message in one language, and whether it was written in both."""
    text, bilingual = message or "", False
    for pattern, vietnamese_half, english_half in INLINE_PAIRS:
        text, count = re.subn(pattern, english_half if english else vietnamese_half, text)
        bilingual = bilingual or bool(count)

    def half(match: re.Match) -> str:
        nonlocal bilingual
        if not VIETNAMESE_LETTER_RE.search(match.group(1)):
            return match.group(0)
        bilingual = True
        return f"({match.group(2) if english else match.group(1)})"

    text = PARENTHESISED_PAIR_RE.sub(half, text)
    sentences = []
    for sentence in text.split(SENTENCE_SEPARATOR):
        split = _split_point(sentence)
        if split is not None:
            sentence, bilingual = (sentence[split + 3:] if english else sentence[:split]), True
        sentences.append(sentence)
    return SENTENCE_SEPARATOR.join(sentences), bilingual


def in_language(message: str, *, language: str | None = None) -> str:
    """A "Vietnamese / English" message in the reader's language; a message written in one
    language only (most table checks write Vietnamese) comes back as it is."""
    return _in_language(message, english=is_english(language))[0]


def _is_word(token: str) -> bool:
    return not token.isspace() and not PUNCTUATION_RE.fullmatch(token)


def _vietnamese_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """(first, last) token indexes of each stretch of Vietnamese words: words with Vietnamese
    letters, the capitalised words right after them (the rest of a name: "Bắc Giang") and one
    non-English word between two of them ("cơ quan, đơn vị")."""
    words = [i for i, token in enumerate(tokens) if _is_word(token)]
    runs: list[list[int]] = []
    for position, index in enumerate(words):
        token = tokens[index]
        previous = words[position - 1] if position else None
        continues = bool(runs) and previous is not None and runs[-1][1] == previous
        if VIETNAMESE_LETTER_RE.search(token):
            before_previous = words[position - 2] if position > 1 else None
            bridged = (bool(runs) and before_previous is not None and runs[-1][1] == before_previous
                       and tokens[previous].lower() not in ENGLISH_JOINERS)
            if continues or bridged:
                runs[-1][1] = index
            else:
                runs.append([index, index])
        elif continues and token[:1].isupper():
            runs[-1][1] = index
    return [(first, last) for first, last in runs]


def _tokens(text: str) -> list[str]:
    """Words, spaces, punctuation; a bracket of English that quotes Vietnamese is opened up."""
    tokens = []
    for token in TOKEN_RE.findall(text):
        if token.startswith("(") and len(token) > 1 and VIETNAMESE_LETTER_RE.search(token) and not is_vietnamese(token):
            tokens += ["(", *WORD_TOKEN_RE.findall(token[1:-1]), ")"]
        else:
            tokens.append(token)
    return tokens


def _marked_words(text: str) -> SafeString:
    tokens = _tokens(text)
    runs = _vietnamese_runs(tokens)
    starts, ends = {first for first, _ in runs}, {last for _, last in runs}
    pieces = []
    for index, token in enumerate(tokens):
        if index in starts:
            pieces.append('<span lang="vi">')
        pieces.append(conditional_escape(token))
        if index in ends:
            pieces.append("</span>")
    return mark_safe("".join(pieces))


def marked_html(text: str) -> SafeString:
    """`text`, escaped, with its Vietnamese words inside <span lang="vi">; whole when it is Vietnamese."""
    text = text or ""
    if not VIETNAMESE_LETTER_RE.search(text):
        return conditional_escape(text)
    if is_vietnamese(text):
        return format_html('<span lang="vi">{}</span>', text)
    return _marked_words(text)


def message_html(message: str, *, language: str | None = None) -> SafeString:
    """A report message for a page: its reader's half; in English, its Vietnamese words marked (a
    message only written in Vietnamese is marked whole)."""
    english = is_english(language)
    text, bilingual = _in_language(message, english=english)
    if not english:
        return conditional_escape(text)
    if bilingual:
        # The English half began mid-sentence ("several numbers …"): on its own it starts one.
        return _marked_words(text[:1].upper() + text[1:])
    return marked_html(text)


def text_html(text: str, *, language: str | None = None) -> SafeString:
    """Data of either language (a description, a file name) for a page: marked in English pages."""
    return marked_html(text) if is_english(language) else conditional_escape(text)
