"""Pangkat/golongan ruang of PNS (I/a–IV/e) and PPPK golongan (I–XVII): an ordered, pure table."""

PNS_RANKS: list[tuple[str, str]] = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]
ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]
PPPK_RANKS: list[tuple[str, str]] = [(r, f"Golongan {r}") for r in ROMAN]

PNS_CODES = {code for code, _ in PNS_RANKS}
PPPK_CODES = {code for code, _ in PPPK_RANKS}
PANGKAT = dict(PNS_RANKS)


def normalize_rank(raw: str) -> str:
    """Accept the spellings seen in exports: "III/a", "III a", "3a", "IIIA", "IX", "09"."""
    s = str(raw).strip().replace(" ", "").replace("-", "/")
    if not s:
        return ""
    if s.isdigit() and 1 <= int(s) <= 17:
        return ROMAN[int(s) - 1]
    arabic = {"1": "I", "2": "II", "3": "III", "4": "IV"}
    if len(s) == 2 and s[0] in arabic and s[1].isalpha():
        s = f"{arabic[s[0]]}/{s[1]}"
    if "/" not in s and s[-1:].lower() in "abcde" and s[:-1].upper() in {"I", "II", "III", "IV"}:
        s = f"{s[:-1]}/{s[-1]}"
    if "/" in s:
        head, tail = s.split("/", 1)
        return f"{head.upper()}/{tail.lower()}"
    return s.upper()


def rank_order(code: str) -> int:
    for i, (c, _) in enumerate(PNS_RANKS):
        if c == code:
            return i
    for i, (c, _) in enumerate(PPPK_RANKS):
        if c == code:
            return 100 + i
    return -1
