#!/usr/bin/env python3
"""Deterministic synthetic training purchases for prakerja (SPEC.md §4.4).

Reads a dashboard feed written by `prakerja publish` (OUT/waves/<N>/feeds/dashboard.csv, columns
`nik,registration_id,status,reason,card_number,purchase_deadline`) and writes a purchases CSV
`order_id,platform,card_number,training_id,purchased_at,amount` as a digital platform would report it:

- about 70% of the Lulus participants buy 1-3 trainings on time (notice date 00:00 WIB .. deadline
  23:59:59 WIB), prices 150,000-600,000 rupiah summing to at most the 1,000,000 fund; some of them
  then try one more that exceeds what is left (insufficient_funds);
- about 5% buy only after the deadline (after_deadline); the rest buy nothing (they will be Dicabut);
- a few bad lines: an unknown platform, a card number failing Luhn, a Luhn-valid card nobody holds
  (unknown_card, stays pending), amount 0 or not digits-only, a malformed purchased_at
  (invalid_data), a purchase before the notice date (before_announce), and a few lines sent twice
  (same platform and order_id: ignored);
- boundary instants: exactly at the deadline 23:59:59 WIB, one second later, exactly at the notice
  date 00:00:00 WIB, and one second before it.

Platforms are written with varied case and spacing (`Mau Belajar Apa`, `tokopedia`), purchased_at in
the forms of registered_at (`Z`, `+07:00`, none = WIB, sometimes with a fraction). Lines are written in
purchased_at order. The same feed, seed and arguments always give the same bytes.

With --truth FILE the expected judgement of every line is written as CSV
`line,platform,order_id,card_number,expected,note` (line = physical line, header = 1; expected one of
accepted, invalid_data, unknown_platform, unknown_card, before_announce, after_deadline,
insufficient_funds, resent), assuming the cards belong to a wave published with that notice date
and the default training fund.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import random
import sys
import time

FUND = 1_000_000
PRICES = [150000, 175000, 199000, 200000, 225000, 250000, 275000, 299000, 300000, 350000, 399000, 400000,
          450000, 499000, 500000, 550000, 600000]
PLATFORMS = {
    "Bukalapak": (["Bukalapak", "bukalapak", "BukaLapak", "BUKALAPAK"], 10),
    "MauBelajarApa": (["Mau Belajar Apa", "MauBelajarApa", "maubelajarapa", "MAU BELAJAR APA", "Mau belajar apa"], 12),
    "Pintaria": (["Pintaria", "pintaria", "PINTARIA"], 8),
    "PijarMahir": (["Pijar Mahir", "PijarMahir", "pijarmahir", "PIJAR MAHIR"], 9),
    "Sisnaker": (["Sisnaker", "SISNAKER", "sisnaker"], 4),
    "Kariermu": (["Kariermu", "KarierMu", "karier mu", "KARIERMU"], 6),
    "Tokopedia": (["Tokopedia", "tokopedia", "TOKOPEDIA", "Toko pedia"], 30),
}
UNKNOWN_PLATFORMS = ["Skill Academy", "Ruangguru", "Shopee", "Kelas Pintar", "Pijar"]
DBL = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9]
WIB = 7 * 3600


def luhn_digit(body):
    """Check digit for a digit string `body` (the digit to append)."""
    tot = 0
    for i, ch in enumerate(reversed(body)):
        d = ord(ch) - 48
        tot += DBL[d] if i % 2 == 0 else d
    return str((10 - tot % 10) % 10)


def luhn_ok(s):
    tot = 0
    for i, ch in enumerate(reversed(s)):
        d = ord(ch) - 48
        tot += DBL[d] if i % 2 else d
    return tot % 10 == 0


def wib_midnight(d):
    """Unix seconds of 00:00:00 WIB on date d."""
    return (d - dt.date(1970, 1, 1)).days * 86400 - WIB


def fmt_instant(r, t):
    """purchased_at for instant t (float seconds) in one of the accepted forms."""
    x = r.random()
    if x < 0.35:
        off, zone = 0, "Z"
    elif x < 0.6:
        off, zone = WIB, "+07:00"
    else:
        off, zone = WIB, ""
    sec = int(t)
    ms = int(round((t - sec) * 1000))
    if ms == 1000:
        sec, ms = sec + 1, 0
    base = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=sec + off)
    frac = f".{ms:03d}" if ms else ""
    return base.strftime("%Y-%m-%dT%H:%M:%S") + frac + zone


class Catalog:
    """Per platform: trainings with a fixed price, and order-id formats."""

    def __init__(self, r):
        self.courses = {}
        self.prices = {}
        for p in PLATFORMS:
            n = 40 + int(r.random() * 80)
            base = int(r.random() * 90000) + 10000
            cs = [(f"{p[:3].upper()}-{base + i * 7:05d}", PRICES[int(r.random() * len(PRICES))]) for i in range(n)]
            cs.sort(key=lambda c: (c[1], c[0]))  # by price, so "fits in what is left" is a prefix
            self.courses[p] = cs
            self.prices[p] = [c[1] for c in cs]
        self.counters = {p: 0 for p in PLATFORMS}
        # a seeded offset, so reports made with other seeds (other waves) do not reuse order ids
        self.offset = int(r.random() * 10 ** 9)
        names = list(PLATFORMS)
        self.pool = []
        for p in names:
            self.pool += [p] * PLATFORMS[p][1]

    def order_id(self, p, t):
        self.counters[p] += 1
        c = self.counters[p]
        x = (c * 7919 + self.offset) % 10 ** 9
        day = (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=int(t) + WIB)).strftime("%Y%m%d")
        if p == "Tokopedia":
            return f"INV/{day}/PKJ/{x:09d}"
        if p == "Bukalapak":
            return f"BL{day[2:]}{x:09d}"
        if p == "MauBelajarApa":
            return f"MBA-{x:09d}"
        if p == "Pintaria":
            return f"PTR{x:09d}"
        if p == "PijarMahir":
            return f"PM-{day[:4]}-{x:09d}"
        if p == "Sisnaker":
            return f"SSN{x:09d}"
        return f"KRM-{x:09d}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="See the script's docstring for what is planted and the truth format.",
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("dashboard", metavar="DASHBOARD_CSV", help="feeds/dashboard.csv written on publish")
    ap.add_argument("out", metavar="OUT_CSV", help="purchases CSV to write")
    ap.add_argument("--seed", default="7", help="random seed (any string)")
    ap.add_argument("--notice-date", required=True, help="the wave's notice date, YYYY-MM-DD")
    ap.add_argument("--purchase-days", type=int, default=30, help="purchase window in days (deadline = notice + days - 1)")
    ap.add_argument("--buy-share", type=float, default=0.70, help="Lulus participants who buy on time")
    ap.add_argument("--late-share", type=float, default=0.05, help="Lulus participants who buy only after the deadline")
    ap.add_argument("--overspend-share", type=float, default=0.06, help="on-time buyers who then exceed the fund")
    ap.add_argument("--bad-share", type=float, default=0.01, help="bad lines, as a share of Lulus participants")
    ap.add_argument("--truth", metavar="FILE", help="write the expected judgement of every line")
    a = ap.parse_args(argv)
    try:
        notice = dt.date.fromisoformat(a.notice_date)
    except ValueError:
        ap.error("--notice-date must be YYYY-MM-DD")
    if a.purchase_days < 1:
        ap.error("--purchase-days must be >= 1")

    t0 = time.perf_counter()
    r = random.Random(f"{a.seed}:purchases")
    rnd = r.random
    cat = Catalog(random.Random(f"{a.seed}:catalog"))
    start = wib_midnight(notice)
    default_deadline = notice + dt.timedelta(days=a.purchase_days - 1)

    cards = []  # (card, deadline end instant)
    with open(a.dashboard, encoding="utf-8-sig", newline="") as fh:
        rd = csv.reader(fh)
        hdr = [h.strip().lower() for h in next(rd)]
        try:
            ic, ist, idl = hdr.index("card_number"), hdr.index("status"), hdr.index("purchase_deadline")
        except ValueError as e:
            sys.exit(f"{a.dashboard}: missing column ({e})")
        for row in rd:
            if len(row) != len(hdr) or row[ist].strip() != "Lulus" or not row[ic].strip():
                continue
            dl = row[idl].strip()
            d = dt.date.fromisoformat(dl) if dl else default_deadline
            cards.append((row[ic].strip(), wib_midnight(d) + 86400 - 1))
    known = {c for c, _ in cards}

    lines = []  # (instant, platform, order_id, tiebreak, text, expected)

    def add(t, plat, shown_plat, card, course, amount, expected, order=None, ts=None, note=""):
        oid = order or cat.order_id(plat if plat in PLATFORMS else "Kariermu", t)
        text = f"{oid},{shown_plat},{card},{course},{fmt_instant(r, t) if ts is None else ts},{amount}"
        lines.append((t, plat, oid, len(lines), text, expected, note))
        return oid

    def shown(p):
        v = PLATFORMS[p][0]
        return v[0] if rnd() < 0.6 else v[int(rnd() * len(v))]

    window = lambda end: start + rnd() * (end - start)  # noqa: E731
    n_buy = n_late = n_over = 0
    idle = []  # cards without any purchase: used for the boundary instants
    for card, end in cards:
        x = rnd()
        if x < a.buy_share:
            n_buy += 1
            p = cat.pool[int(rnd() * len(cat.pool))]
            left = FUND
            k = 1 + (rnd() < 0.45) + (rnd() < 0.2)
            times = sorted(window(end) for _ in range(k + 1))
            for i in range(k):
                if i and rnd() < 0.2:
                    p = cat.pool[int(rnd() * len(cat.pool))]
                nfit = bisect.bisect_right(cat.prices[p], left)
                if not nfit:
                    break
                cid, price = cat.courses[p][int(rnd() * nfit)]
                left -= price
                add(times[i], p, shown(p), card, cid, price, "accepted")
            if rnd() < a.overspend_share:
                nfit = bisect.bisect_right(cat.prices[p], left)
                nall = len(cat.courses[p])
                if nfit < nall:
                    n_over += 1
                    cid, price = cat.courses[p][nfit + int(rnd() * (nall - nfit))]
                    add(max(times[-1], times[k - 1] + 60), p, shown(p), card, cid, price, "insufficient_funds")
        elif x < a.buy_share + a.late_share:
            n_late += 1
            p = cat.pool[int(rnd() * len(cat.pool))]
            cid, price = cat.courses[p][int(rnd() * len(cat.courses[p]))]
            add(end + 1 + rnd() * 86400 * (1 + int(rnd() * 10)), p, shown(p), card, cid, price, "after_deadline")
        else:
            idle.append((card, end))

    # bad lines and boundary instants
    kinds = ["unknown_platform", "luhn", "unknown_card", "amount_zero", "amount_format", "before_notice",
             "bad_time", "resent", "at_deadline", "after_deadline_1s", "at_notice", "before_notice_1s"]
    n_bad = max(len(kinds) if len(cards) >= 20 else 0, round(a.bad_share * len(cards)))
    accepted = [i for i, x in enumerate(lines) if x[5] == "accepted"]
    some = lambda: cards[int(rnd() * len(cards))]  # noqa: E731
    for i in range(n_bad if cards else 0):
        kind = kinds[i % len(kinds)]
        card, end = some()
        p = cat.pool[int(rnd() * len(cat.pool))]
        cid, price = cat.courses[p][int(rnd() * len(cat.courses[p]))]
        t = window(end)
        if kind == "unknown_platform":
            q = UNKNOWN_PLATFORMS[int(rnd() * len(UNKNOWN_PLATFORMS))]
            add(t, q, q, card, f"SKA-{int(rnd() * 90000) + 10000}", price, "unknown_platform")
        elif kind == "luhn":
            bad = card[:15] + str((int(card[15]) + 1 + int(rnd() * 9)) % 10)
            add(t, p, shown(p), bad, cid, price, "invalid_data")
        elif kind == "unknown_card":
            while True:
                body = str(1 + int(rnd() * 9)) + "".join(str(int(rnd() * 10)) for _ in range(14))
                c = body + luhn_digit(body)
                if c not in known:
                    break
            add(t, p, shown(p), c, cid, price, "unknown_card")
        elif kind == "amount_zero":
            add(t, p, shown(p), card, cid, 0, "invalid_data")
        elif kind == "amount_format":
            add(t, p, shown(p), card, cid, ["150.000", "Rp150000", "-200000", "250000.00", ""][int(rnd() * 5)],
                "invalid_data")
        elif kind == "before_notice":
            add(start - 1 - rnd() * 86400 * 3, p, shown(p), card, cid, price, "before_announce")
        elif kind == "bad_time":
            d = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=int(t) + WIB)
            ts = [d.strftime("%Y-%m-%d %H:%M:%S"), d.strftime("%d/%m/%Y %H:%M"), d.strftime("%Y-%m-%d"), ""][
                int(rnd() * 4)]
            add(t, p, shown(p), card, cid, price, "invalid_data", ts=ts)
        elif kind == "resent" and accepted:
            src = lines[accepted[int(rnd() * len(accepted))]]
            lines.append((src[0], src[1], src[2], len(lines), src[4], "resent", "same platform and order_id"))
        # boundary instants, on cards that buy nothing else
        elif kind in ("at_deadline", "after_deadline_1s", "at_notice", "before_notice_1s") and idle:
            card, end = idle.pop(int(rnd() * len(idle)))
            tt = {"at_deadline": end, "after_deadline_1s": end + 1, "at_notice": start,
                  "before_notice_1s": start - 1}[kind]
            exp = {"at_deadline": "accepted", "after_deadline_1s": "after_deadline", "at_notice": "accepted",
                   "before_notice_1s": "before_announce"}[kind]
            add(tt, p, shown(p), card, cid, price, exp, note=kind)

    # resent lines keep their place after the original; everything in purchased_at order
    lines.sort(key=lambda x: (x[0], x[3]))
    with open(a.out, "w", encoding="utf-8", newline="") as fh:
        fh.write("order_id,platform,card_number,training_id,purchased_at,amount\n")
        fh.write("".join(x[4] + "\n" for x in lines))
    if a.truth:
        with open(a.truth, "w", encoding="utf-8", newline="") as fh:
            fh.write("line,platform,order_id,card_number,expected,note\n")
            for i, x in enumerate(lines, 2):
                f = x[4].split(",")
                fh.write(f"{i},{f[1]},{f[0]},{f[2]},{x[5]},{x[6]}\n")
    el = time.perf_counter() - t0
    print(f"{a.out}: {len(lines)} lines for {len(cards)} Lulus cards ({n_buy} buy on time, {n_over} overspend, "
          f"{n_late} late) in {el:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
