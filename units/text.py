import unicodedata


def nfc(value):
    """Normalize user text to NFC (Vietnamese typed on some keyboards arrives decomposed)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


_D_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


def fold(value: str) -> str:
    """Lower-case text without diacritics, for searching ("Đặng" → "dang")."""
    decomposed = unicodedata.normalize("NFD", value.translate(_D_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
