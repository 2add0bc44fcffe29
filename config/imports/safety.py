"""Formula payloads: refused on import, made inert on export (CSV injection)."""

# What makes a spreadsheet run a cell as a formula; tab and CR hide such a start.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value, *, numeric: bool = False) -> bool:
    """Would a spreadsheet run this text as a formula? In a numeric column a leading minus is a sign."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text.startswith(tuple(p for p in FORMULA_START if not (numeric and p == "-")))


def inert(value):
    """For export: numbers stay numbers; text a spreadsheet would run as a formula is shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
