#!/usr/bin/env python3
"""Converts a generated wave (Scripts/generate.py) into the plain TSV files that `matcheval` reads.

    python3 Scripts/match_eval.py DATA_DIR [--wave 1] [--out DIR]

Reads DATA_DIR/waves/<wave>/registrants/*.csv (in byte order of the names, as SPEC.md §4 says) with
a real RFC 4180 reader, so the BOM + CRLF of export-1, the reversed columns and quoted multi-line
`alamat` of export-2, the upper-case shuffled headers of export-3 and the quoted fields of export-4
all read the same. Writes to DIR (default DATA_DIR/match):

    rows.tsv   registration_id, nik, kk, full_name, birth_date, gender, phone, email, province_code
    pairs.tsv  registration_id, other_registration_id, detail   (the truth's `same_person` rows)

Each row is what the pipeline feeds the matcher:
- rows rejected by §4.2 are skipped (missing or repeated registration_id, a NIK that is not 16 digits);
- of registrations sharing a NIK only the kept one stays (earliest `registered_at` as an instant, then
  the smallest registration_id; an unparsable timestamp sorts last): the others are
  `duplicate_registration`, which review items never concern;
- rows whose full_name, birth_date or gender is invalid are skipped (the matcher needs all three);
- the other fields are normalised per §4.1 and left empty when invalid: kk (16 digits, province
  prefix), phone (normal form +628…), email (lower-cased), province_code (a §6.2 code);
- full_name is trimmed with inner runs of spaces collapsed; birth_date is written as YYYY-MM-DD;
  gender as L or P.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import glob
import os
import re
import sys

PROVINCES = {
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36", "51", "52",
    "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82", "91", "92", "93", "94",
    "95", "96",
}
COLUMNS = ["registration_id", "nik", "kk", "full_name", "birth_date", "gender", "phone", "email", "province_code",
           "registered_at"]
TRIM = " \t"
NAME_PUNCT = set(" .,'-")
PHONE_NATIONAL = re.compile(r"8[1-35-9][0-9]{7,10}")
TIMESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
WIB = dt.timezone(dt.timedelta(hours=7))


def valid_id(v: str) -> bool:
    return 1 <= len(v) <= 64 and all(0x21 <= ord(c) <= 0x7E for c in v)


def name_of(v: str) -> str | None:
    v = " ".join(p for p in v.strip(TRIM).split(" ") if p)
    if not 1 <= len(v) <= 100 or not any(c.isalpha() for c in v):
        return None
    if not all(c.isalpha() or c in NAME_PUNCT for c in v):
        return None
    return v


def birth_of(v: str) -> str | None:
    v = v.strip(TRIM)
    for fmt, pattern in (("%Y-%m-%d", r"\d{4}-\d{2}-\d{2}"), ("%d-%m-%Y", r"\d{2}-\d{2}-\d{4}"),
                         ("%d/%m/%Y", r"\d{2}/\d{2}/\d{4}")):
        if re.fullmatch(pattern, v):
            try:
                d = dt.datetime.strptime(v, fmt).date()
            except ValueError:
                return None
            return d.isoformat() if d.year >= 1900 else None
    return None


def gender_of(v: str) -> str | None:
    v = v.strip(TRIM).upper()
    return v if v in ("L", "P") else None


def kk_of(v: str) -> str:
    v = v.strip(TRIM)
    return v if len(v) == 16 and v.isascii() and v.isdigit() and v[:2] in PROVINCES else ""


def phone_of(v: str) -> str:
    v = re.sub(r"[ \-.()]", "", v.strip(TRIM))
    for prefix in ("+62", "0062", "62", "0"):
        if v.startswith(prefix) and PHONE_NATIONAL.fullmatch(v[len(prefix):]) and v.isascii():
            return "+62" + v[len(prefix):]
    return ""


def email_of(v: str) -> str:
    v = v.strip(TRIM)
    if len(v) > 254 or v.count("@") != 1 or any(c.isspace() for c in v):
        return ""
    local, domain = v.split("@")
    labels = domain.split(".")
    if not local or len(labels) < 2 or any(not label for label in labels):
        return ""
    return v.lower()


def province_of(v: str) -> str:
    v = v.strip(TRIM)
    return v if v in PROVINCES else ""


def instant_of(v: str) -> float | None:
    m = TIMESTAMP.fullmatch(v.strip(TRIM))
    if not m:
        return None
    y, mo, d, h, mi, s, frac, zone = m.groups()
    try:
        t = dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s))
    except ValueError:
        return None
    if zone is None:
        tz = WIB
    elif zone == "Z":
        tz = dt.timezone.utc
    else:
        sign = 1 if zone[0] == "+" else -1
        tz = dt.timezone(sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    return t.replace(tzinfo=tz).timestamp() + (float(frac) if frac else 0.0)


def read_rows(folder: str):
    """Yields (fields by column) for every data row that §4.2 does not reject, in file order."""
    seen_ids = set()
    for path in sorted(glob.glob(os.path.join(folder, "*.csv")), key=lambda p: os.path.basename(p).encode()):
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip(TRIM).lower() for h in next(reader)]
            index = {name: header.index(name) for name in COLUMNS}
            for record in reader:
                if len(record) != len(header):
                    continue  # malformed_csv (or an empty line)
                rid = record[index["registration_id"]].strip(TRIM)
                if not rid or rid in seen_ids:
                    continue
                seen_ids.add(rid)
                nik = record[index["nik"]].strip(TRIM)
                if len(nik) != 16 or not nik.isascii() or not nik.isdigit():
                    continue
                yield {name: record[i] for name, i in index.items()} | {"registration_id": rid, "nik": nik}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir")
    ap.add_argument("--wave", default="1")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    out = args.out or os.path.join(args.data_dir, "match")
    os.makedirs(out, exist_ok=True)
    wave = os.path.join(args.data_dir, "waves", args.wave)

    rows = list(read_rows(os.path.join(wave, "registrants")))
    # duplicate_registration: keep the earliest registration of each NIK.
    kept = {}
    for row in rows:
        t = instant_of(row["registered_at"])
        key = (0 if t is not None else 1, t or 0.0, row["registration_id"].encode())
        if row["nik"] not in kept or key < kept[row["nik"]][0]:
            kept[row["nik"]] = (key, row["registration_id"])
    keep = {rid for _, rid in kept.values()}

    written = skipped = 0
    with open(os.path.join(out, "rows.tsv"), "w", encoding="utf-8") as f:
        for row in rows:
            if row["registration_id"] not in keep:
                continue
            name, birth, gender = name_of(row["full_name"]), birth_of(row["birth_date"]), gender_of(row["gender"])
            if name is None or birth is None or gender is None:
                skipped += 1
                continue
            values = [row["registration_id"], row["nik"], kk_of(row["kk"]), name, birth, gender,
                      phone_of(row["phone"]), email_of(row["email"]), province_of(row["province_code"])]
            f.write("\t".join(v.replace("\t", " ").replace("\n", " ") for v in values) + "\n")
            written += 1

    pairs = 0
    with open(os.path.join(args.data_dir, "truth.csv") if os.path.exists(os.path.join(args.data_dir, "truth.csv"))
              else os.path.join(wave, "truth.csv"), encoding="utf-8", newline="") as f, \
            open(os.path.join(out, "pairs.tsv"), "w", encoding="utf-8") as g:
        for record in csv.reader(f):
            if record and record[0] == "same_person":
                g.write(f"{record[1]}\t{record[2]}\t{record[3]}\n")
                pairs += 1
    print(f"{written} rows ({len(rows) - len(keep)} duplicate registrations dropped, {skipped} with an invalid "
          f"name, birth date or gender), {pairs} same_person pairs -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
