import unicodedata
from urllib.parse import quote


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


def normalize_number_text(text: str) -> str:
    """Vietnamese-typed figures to Python's form: "1.234,5" → "1234.5", "12,5" → "12.5".

    A comma is the decimal mark and dots then group thousands; without a comma, several
    dots group thousands ("1.234.567") and a single dot is a decimal point ("12.5").
    """
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in value:
        if value.count(",") > 1 or value.rfind(".") > value.rfind(","):
            return value  # "1,234.5" or "1,2,3": ambiguous, left for the caller to refuse
        return value.replace(".", "").replace(",", ".", 1)
    if value.count(".") > 1:
        return value.replace(".", "")
    return value


def vn_number(value) -> str:
    """A figure as Vietnamese write it: 1.234,5 (no trailing zeros)."""
    if value is None:
        return ""
    from decimal import Decimal

    number = Decimal(value).normalize()
    if number == number.to_integral():
        number = number.quantize(Decimal(1))
    text = f"{number:,f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def display_name(user) -> str:
    """A login's name in Vietnamese order: family name first ("Nguyễn Văn An").

    Django's get_full_name() puts the given names first, which reads wrong in Vietnamese.
    """
    if user is None:
        return ""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()


def attachment_disposition(filename: str, default: str = "tep") -> str:
    """Content-Disposition of a download: the Vietnamese name (RFC 6266 filename*) and, for
    clients that ignore it, the same name without diacritics ("Báo cáo" → "Bao cao")."""
    decomposed = unicodedata.normalize("NFKD", filename.translate(_D_FOLD))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in plain)
    return (
        f'attachment; filename="{plain.strip() or default}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )
