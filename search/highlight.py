"""Query words and the highlighting of what they matched: escape first, then mark."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8


def words(query: str) -> list[str]:
    """The words of a query, lower-cased; punctuation and search operators are dropped."""
    return [w.lower() for w in WORD.findall(query or "")][:MAX_WORDS]


def prefix(word: str) -> str:
    """The part of ``word`` that its inflected forms share.

    Finnish inflection changes a word's end and often its last consonants (kokous → kokouksessa,
    päätös → päätettiin, hanke → hankkeen), which the Snowball stemmer does not bring together;
    all but the last two letters (at least four) do.
    """
    if len(word) <= 4:
        return word
    return word[: max(4, len(word) - 2)]


def highlight(text: str, query_words: list[str], *, limit: int = 240) -> SafeString:
    """``text`` escaped, cut to an excerpt around the first match, with each word that begins with
    one of the query's prefixes inside <mark>."""
    text = " ".join((text or "").split())
    prefixes = sorted({prefix(w) for w in query_words}, key=len, reverse=True)
    if not prefixes:
        return escape(text[:limit])
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(p) for p in prefixes) + r")\w*", re.IGNORECASE | re.UNICODE
    )
    first = pattern.search(text)
    if len(text) > limit:
        start = max(0, (first.start() if first else 0) - limit // 3)
        end = start + limit
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    # Escape the pieces, never the marks: the text can hold anything a user typed.
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece was escaped above
