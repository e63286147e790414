"""Indonesian national holidays and cuti bersama 2025–2027, as best known (seed data, editable).

2025: SKB 3 Menteri No. 1017/2024, 2/2024, 2/2024, amended by SKB No. 933/2025, 1/2025, 3/2025
(18 August added as cuti bersama). 2026: SKB No. 1497/2025, 2/2025, 5/2025 (17 holidays, 8 cuti
bersama). 2027: not yet decreed when this was written: Christian dates are computed from Easter, the
others are estimates from the lunar calendars, marked `confirmed=False` for the admin to correct.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class HolidaySeed(NamedTuple):
    date: dt.date
    name: str
    kind: str  # HolidayKind value
    confirmed: bool = True


N, CB = "national", "cuti_bersama"
d = dt.date

HOLIDAYS: tuple[HolidaySeed, ...] = (
    # 2025
    HolidaySeed(d(2025, 1, 1), "Tahun Baru 2025 Masehi", N),
    HolidaySeed(d(2025, 1, 27), "Isra Mikraj Nabi Muhammad SAW", N),
    HolidaySeed(d(2025, 1, 28), "Cuti bersama Tahun Baru Imlek", CB),
    HolidaySeed(d(2025, 1, 29), "Tahun Baru Imlek 2576 Kongzili", N),
    HolidaySeed(d(2025, 3, 28), "Cuti bersama Hari Suci Nyepi", CB),
    HolidaySeed(d(2025, 3, 29), "Hari Suci Nyepi Tahun Baru Saka 1947", N),
    HolidaySeed(d(2025, 3, 31), "Idul Fitri 1446 Hijriah", N),
    HolidaySeed(d(2025, 4, 1), "Idul Fitri 1446 Hijriah", N),
    HolidaySeed(d(2025, 4, 2), "Cuti bersama Idul Fitri", CB),
    HolidaySeed(d(2025, 4, 3), "Cuti bersama Idul Fitri", CB),
    HolidaySeed(d(2025, 4, 4), "Cuti bersama Idul Fitri", CB),
    HolidaySeed(d(2025, 4, 7), "Cuti bersama Idul Fitri", CB),
    HolidaySeed(d(2025, 4, 18), "Wafat Yesus Kristus", N),
    HolidaySeed(d(2025, 4, 20), "Kebangkitan Yesus Kristus (Paskah)", N),
    HolidaySeed(d(2025, 5, 1), "Hari Buruh Internasional", N),
    HolidaySeed(d(2025, 5, 12), "Hari Raya Waisak 2569 BE", N),
    HolidaySeed(d(2025, 5, 13), "Cuti bersama Hari Raya Waisak", CB),
    HolidaySeed(d(2025, 5, 29), "Kenaikan Yesus Kristus", N),
    HolidaySeed(d(2025, 5, 30), "Cuti bersama Kenaikan Yesus Kristus", CB),
    HolidaySeed(d(2025, 6, 1), "Hari Lahir Pancasila", N),
    HolidaySeed(d(2025, 6, 6), "Idul Adha 1446 Hijriah", N),
    HolidaySeed(d(2025, 6, 9), "Cuti bersama Idul Adha", CB),
    HolidaySeed(d(2025, 6, 27), "Tahun Baru Islam 1447 Hijriah", N),
    HolidaySeed(d(2025, 8, 17), "Hari Proklamasi Kemerdekaan RI", N),
    HolidaySeed(d(2025, 8, 18), "Cuti bersama HUT ke-80 Kemerdekaan RI", CB),
    HolidaySeed(d(2025, 9, 5), "Maulid Nabi Muhammad SAW", N),
    HolidaySeed(d(2025, 12, 25), "Kelahiran Yesus Kristus", N),
    HolidaySeed(d(2025, 12, 26), "Cuti bersama Kelahiran Yesus Kristus", CB),
    # 2026
    HolidaySeed(d(2026, 1, 1), "Tahun Baru 2026 Masehi", N),
    HolidaySeed(d(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW", N),
    HolidaySeed(d(2026, 2, 16), "Cuti bersama Tahun Baru Imlek", CB),
    HolidaySeed(d(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili", N),
    HolidaySeed(d(2026, 3, 18), "Cuti bersama Hari Suci Nyepi", CB),
    HolidaySeed(d(2026, 3, 19), "Hari Suci Nyepi Tahun Baru Saka 1948", N),
    HolidaySeed(d(2026, 3, 20), "Cuti bersama Idul Fitri", CB),
    HolidaySeed(d(2026, 3, 21), "Idul Fitri 1447 Hijriah", N),
    HolidaySeed(d(2026, 3, 22), "Idul Fitri 1447 Hijriah", N),
    HolidaySeed(d(2026, 3, 23), "Cuti bersama Idul Fitri", CB),
    HolidaySeed(d(2026, 3, 24), "Cuti bersama Idul Fitri", CB),
    HolidaySeed(d(2026, 4, 3), "Wafat Yesus Kristus", N),
    HolidaySeed(d(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)", N),
    HolidaySeed(d(2026, 5, 1), "Hari Buruh Internasional", N),
    HolidaySeed(d(2026, 5, 14), "Kenaikan Yesus Kristus", N),
    HolidaySeed(d(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus", CB),
    HolidaySeed(d(2026, 5, 27), "Idul Adha 1447 Hijriah", N),
    HolidaySeed(d(2026, 5, 28), "Cuti bersama Idul Adha", CB),
    HolidaySeed(d(2026, 5, 31), "Hari Raya Waisak 2570 BE", N),
    HolidaySeed(d(2026, 6, 1), "Hari Lahir Pancasila", N),
    HolidaySeed(d(2026, 6, 16), "Tahun Baru Islam 1448 Hijriah", N),
    HolidaySeed(d(2026, 8, 17), "Hari Proklamasi Kemerdekaan RI", N),
    HolidaySeed(d(2026, 8, 25), "Maulid Nabi Muhammad SAW", N),
    HolidaySeed(d(2026, 12, 24), "Cuti bersama Kelahiran Yesus Kristus", CB),
    HolidaySeed(d(2026, 12, 25), "Kelahiran Yesus Kristus", N),
    # 2027 — fixed dates are certain; lunar dates are estimates until the SKB is published
    HolidaySeed(d(2027, 1, 1), "Tahun Baru 2027 Masehi", N),
    HolidaySeed(d(2027, 1, 5), "Isra Mikraj Nabi Muhammad SAW (perkiraan)", N, False),
    HolidaySeed(d(2027, 2, 6), "Tahun Baru Imlek 2578 Kongzili (perkiraan)", N, False),
    HolidaySeed(d(2027, 3, 9), "Hari Suci Nyepi Tahun Baru Saka 1949 (perkiraan)", N, False),
    HolidaySeed(d(2027, 3, 10), "Idul Fitri 1448 Hijriah (perkiraan)", N, False),
    HolidaySeed(d(2027, 3, 11), "Idul Fitri 1448 Hijriah (perkiraan)", N, False),
    HolidaySeed(d(2027, 3, 26), "Wafat Yesus Kristus", N),
    HolidaySeed(d(2027, 3, 28), "Kebangkitan Yesus Kristus (Paskah)", N),
    HolidaySeed(d(2027, 5, 1), "Hari Buruh Internasional", N),
    HolidaySeed(d(2027, 5, 6), "Kenaikan Yesus Kristus", N),
    HolidaySeed(d(2027, 5, 17), "Idul Adha 1448 Hijriah (perkiraan)", N, False),
    HolidaySeed(d(2027, 5, 20), "Hari Raya Waisak 2571 BE (perkiraan)", N, False),
    HolidaySeed(d(2027, 6, 1), "Hari Lahir Pancasila", N),
    HolidaySeed(d(2027, 6, 6), "Tahun Baru Islam 1449 Hijriah (perkiraan)", N, False),
    HolidaySeed(d(2027, 8, 15), "Maulid Nabi Muhammad SAW (perkiraan)", N, False),
    HolidaySeed(d(2027, 8, 17), "Hari Proklamasi Kemerdekaan RI", N),
    HolidaySeed(d(2027, 12, 25), "Kelahiran Yesus Kristus", N),
)


def for_years(years) -> list[HolidaySeed]:
    wanted = set(years)
    return [h for h in HOLIDAYS if h.date.year in wanted]
