"""Steps 2–3 helpers: labels compared as people write them, numbers as Finnish Excel writes them."""

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from config.imports.safety import looks_like_formula

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# Space, no-break space, narrow no-break space, thin space, figure space, apostrophe: thousands.
_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009\u2007'€%")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})
TOTAL_WORDS = {"yhteensa", "totalt", "total", "summa", "yht", "kaikkiyhteensa", "sum"}


def norm(value) -> str:
    """Case-, accent- and punctuation-insensitive key: "18–20 v" → "1820v", "Sosiaalityöntekijä"
    → "sosiaalityontekija"."""
    return _norm(str(value or ""))


@functools.lru_cache(maxsize=65536)
def _norm(value: str) -> str:
    # A national file repeats the same few hundred labels a hundred thousand times.
    text = unicodedata.normalize("NFKD", value).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub("", text)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class BadValue(ValueError):
    """``code`` is one of "number", "integer", "formula"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_decimal(value) -> Decimal | None:
    """348854, 348854.5, "348 854,50", "−1 500,5", "1 500,50 €" → Decimal; blank → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadValue("number")
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if looks_like_formula(text, numeric=True):
            raise BadValue("formula")
        text = text.translate(_MINUS).translate(_GROUPING)
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        elif text.count(",") == 1 and text.count(".") >= 1 and text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")  # 1.500,50
        if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
            raise BadValue("formula" if looks_like_formula(text) else "number")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise BadValue("number") from None
    else:
        raise BadValue("number")
    if not number.is_finite() or abs(number) >= Decimal("1e15"):
        raise BadValue("number")
    return number


def parse_int(value) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise BadValue("integer")
    return int(number)


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value).strip()


def parse_date(value):
    """29.3.2023, 29.03.2023, 2023-03-29 or a spreadsheet date → date; blank → None."""
    import datetime

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
            day, month, year = (int(part) for part in text.split("."))
            return datetime.date(year, month, day)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise BadValue("date")


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER_FORMS = (
    # 2024 Q1, 2024/Q1, 2024-K1, 2024 K1 (neljännes), 2024 Q 1
    (re.compile(r"(\d{4})\s*[-/ ]?\s*[QK]\s*([1-4])"), (1, 2)),
    # Q1 2024, Q1/2024, K1/2024, Q1-2024
    (re.compile(r"[QK]\s*([1-4])\s*[-/ ]?\s*(\d{4})"), (2, 1)),
    # 1/2024, 1-2024, 1. 2024
    (re.compile(r"([1-4])\s*[-/.]\s*(\d{4})"), (2, 1)),
    # 2024/1, 2024-1
    (re.compile(r"(\d{4})\s*[-/]\s*([1-4])"), (1, 2)),
    # I/2024 … IV/2024
    (re.compile(r"(IV|III|II|I)\s*[-/ ]\s*(\d{4})"), (2, 1)),
)
_HALF_FORMS = (
    (re.compile(r"H\s*([12])\s*[-/ ]?\s*(\d{4})"), (2, 1)),
    (re.compile(r"(\d{4})\s*[-/ ]?\s*H\s*([12])"), (1, 2)),
)


def parse_quarter(value) -> tuple[str, int, int] | None:
    """A column header naming a quarter or half-year as client systems print it → ("quarter",
    year, n) or ("half_year", year, n); anything else → None. "2024 Q1", "Q1 2024", "1/2024",
    "2024/1", "I/2024", "2024 K1", "Q1/2024" are all the first quarter of 2024; "H2/2024" the second
    half."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.upper().split())
    if len(text) > 20:
        return None
    for forms, frequency in ((_HALF_FORMS, "half_year"), (_QUARTER_FORMS, "quarter")):
        for pattern, (year_at, n_at) in forms:
            found = pattern.fullmatch(text)
            if found:
                n = found.group(n_at)
                year = int(found.group(year_at))
                if 1990 <= year <= 2100:
                    return frequency, year, _ROMAN.get(n) or int(n)
    return None
