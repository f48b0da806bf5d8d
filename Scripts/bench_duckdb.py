#!/usr/bin/env python3
"""The DuckDB side of Scripts/bench: the same wave job as `prakerja run`, done in DuckDB SQL.

Not part of the product and never run by `swift test`. Scripts/bench runs it with the Python of a
virtualenv that has `duckdb` from PyPI:

    bench_duckdb.py load --db DB.duckdb PARTICIPANTS.csv...   legacy participants into table `participants`
    bench_duckdb.py run  --db DB.duckdb --out DIR WAVE_DIR     checks 1-9, 11-12 of SPEC §5 and the draw

`run` reads WAVE_DIR/wave.toml, WAVE_DIR/registrants/*.csv (byte order of names) and
WAVE_DIR/exclusions/*.csv, writes the tables `rejected_rows` and `outcomes` into the DuckDB file,
writes DIR/outcomes.csv, DIR/rejected_rows.csv and DIR/summary.csv, and prints one JSON object with
the counts on its last stdout line. Phase timings go to stderr as JSON lines.

How the job maps onto SQL (SPEC.md section numbers):
  §4 CSV     read_csv with every column VARCHAR, header skipped, the header itself parsed here in Python
             (BOM, case, spaces, column order), quote/escape '"', quoted line breaks, strict_mode=false
             and ignore_errors=true. Not like prakerja (§4.2): rows DuckDB cannot parse are skipped,
             not listed as rejected rows; after "text after a closing quote" DuckDB keeps the quote
             open and loses the following lines up to the next quote character (about 0.5% of the
             rows of the generated data); blank lines are not rows; a row with one field too many
             (trailing comma) and some invalid UTF-8 rows are read instead of rejected.
  §4.2       missing_registration_id, duplicate_registration_id (row_number over the id in file order),
             invalid_nik (regex), as rejected rows without outcome.
  1          duplicate_registration: row_number() over (partition by nik order by instant nulls last,
             registration_id) > 1.
  2          invalid_data: one boolean per field (regexes, DATE casts of the 3 birth-date forms, phone
             normal form, registered_at parsed to an instant); detail = first invalid field.
  3          invalid_nik_structure: substr/range tests on province, day, month, serial.
  4, 5       revoked / already_participant: join with participants on nik (status Dicabut / Lulus).
  6          age_out_of_range: whole years on `closes` by (month, day) comparison.
  7          excluded_occupation: IN list.
  8          other_program: join with the exclusions, string_agg(DISTINCT program ORDER BY program).
  9          shared_contact: owner of a contact = first legacy participant (file order) holding it, else
             the first claimant of this wave (passing 1-3) by (instant, registration_id) - first(...
             ORDER BY ...) aggregates; fails when a valid contact's owner is another NIK.
  draw       tier from [priority], lottery_key = sha256(seed || '|' || nik), lottery_rank =
             row_number() over (order by tier, key). The sequential walk (family limit counting legacy
             current participants, total places = quota + recycled Dicabut, per-province quota) is
             computed exactly: given the rows failing family_limit, the quota needs only two window
             functions (row_number per province, running sum of eligible rows); which rows fail
             family_limit depends on earlier Lulus members of the KK, so that part is iterated to a
             fixpoint over the members of KKs where the limit can bite (a pass decides each row from
             the previous pass's decisions of the rows ranked before it, so the fixpoint is unique and
             equals the walk; in practice 2 passes).
Not done (prakerja does it): review items / same-person matching, rejected_by_review (no decisions
here), card numbers, fairness report, manifest, SQLite ledger.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import sys
import time
import tomllib

import duckdb

PROVINCES = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35",
             "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
             "81", "82", "91", "92", "93", "94", "95", "96"]
OCCUPATIONS = ["job_seeker", "worker", "laid_off", "micro_business", "student", "civil_servant",
               "military", "police", "village_official", "legislator", "soe_executive"]
REG_COLUMNS = ["registration_id", "nik", "kk", "full_name", "birth_date", "gender", "email", "phone",
               "province_code", "occupation", "registered_at"]
PART_COLUMNS = ["nik", "kk", "wave", "status", "card_number", "notice_date", "phone", "email"]
REASONS = ["duplicate_registration", "invalid_data", "invalid_nik_structure", "revoked",
           "already_participant", "age_out_of_range", "excluded_occupation", "other_program",
           "shared_contact", "rejected_by_review", "family_limit", "quota_full"]

T0 = time.monotonic()
_last = T0


class Fail(Exception):
    pass


def phase(name: str, **extra) -> None:
    global _last
    now = time.monotonic()
    rec = {"phase": name, "seconds": round(now - _last, 3), "total_seconds": round(now - T0, 3)}
    rec.update(extra)
    print(json.dumps(rec), file=sys.stderr, flush=True)
    _last = now


def q(s: str) -> str:
    """SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


def sql_list(items) -> str:
    return "(" + ", ".join(q(str(i)) for i in items) + ")"


def header_map(path: str, required: list[str]) -> tuple[list[str], dict[str, int]]:
    """Parse the header record of a CSV (BOM, CRLF, quotes); map trimmed lower-cased names to indexes."""
    with open(path, "rb") as fh:
        line = fh.readline(1 << 20)
    if b"\0" in line:
        raise Fail(f"{path}: NUL byte in the header")
    text = line.decode("utf-8-sig", errors="strict").rstrip("\r\n")
    header = next(csv.reader([text]), [])
    names = [h.strip(" \t").lower() for h in header]
    idx: dict[str, int] = {}
    for i, n in enumerate(names):
        if n in idx:
            raise Fail(f"{path}: duplicated column {n}")
        idx[n] = i
    for r in required:
        if r not in idx:
            raise Fail(f"{path}: missing column {r}")
    return names, idx


def read_csv_sql(path: str, ncols: int) -> str:
    cols = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(ncols)) + "}"
    return (f"read_csv({q(path)}, columns={cols}, header=true, auto_detect=false, delim=',', "
            f"quote='\"', escape='\"', comment='', strict_mode=false, ignore_errors=true, "
            f"null_padding=false, max_line_size=1048576)")


MACROS = r"""
CREATE OR REPLACE TEMP MACRO tt(x) AS coalesce(trim(x, ' ' || chr(9)), '');
CREATE OR REPLACE TEMP MACRO phone_digits(p) AS regexp_replace(tt(p), '[ \-.()]', '', 'g');
CREATE OR REPLACE TEMP MACRO phone_norm(p) AS
    '+62' || nullif(regexp_extract(phone_digits(p), '^(\+62|0062|62|0)(8[1-35-9][0-9]{7,10})$', 2), '');
"""


def cmd_load(a) -> dict:
    con = duckdb.connect(a.db)
    con.execute(MACROS)
    con.execute("""CREATE TABLE participants (ord BIGINT, nik VARCHAR, kk VARCHAR, wave INTEGER,
                   status VARCHAR, card_number VARCHAR, notice_date DATE, phone VARCHAR, email VARCHAR)""")
    n = 0
    for path in sorted(a.files, key=lambda p: os.path.basename(p).encode()):
        names, idx = header_map(path, PART_COLUMNS)
        src = read_csv_sql(path, len(names))
        c = {k: f"c{idx[k]}" for k in PART_COLUMNS}
        con.execute(f"""INSERT INTO participants
            SELECT {n} + row_number() OVER (), tt({c['nik']}), tt({c['kk']}), CAST(tt({c['wave']}) AS INTEGER),
                   tt({c['status']}), tt({c['card_number']}), CAST(tt({c['notice_date']}) AS DATE),
                   phone_norm({c['phone']}), nullif(lower(tt({c['email']})), '')
            FROM {src}""")
        n = con.execute("SELECT count(*) FROM participants").fetchone()[0]
    phase("load", rows=n)
    bad = con.execute("""SELECT count(*) FROM participants WHERE NOT regexp_full_match(nik, '[0-9]{16}')
                         OR status NOT IN ('Lulus', 'Dicabut')""").fetchone()[0]
    if bad:
        raise Fail(f"participants: {bad} rows with an invalid nik or status")
    con.execute("CHECKPOINT")
    con.close()
    phase("checkpoint")
    return {"participants": n}


def cmd_run(a) -> dict:
    wave_dir = a.wave_dir.rstrip("/")
    with open(os.path.join(wave_dir, "wave.toml"), "rb") as fh:
        cfg = tomllib.load(fh)
    rules = cfg.get("rules", {})
    min_age = int(rules.get("min_age", 18))
    max_age = int(rules.get("max_age", 64))
    family_limit = int(rules.get("family_limit", 2))
    excluded = rules.get("excluded_occupations", ["student", "civil_servant", "military", "police",
                                                  "village_official", "legislator", "soe_executive"])
    priority = cfg.get("priority", {"laid_off": 1, "micro_business": 2, "job_seeker": 2, "worker": 3})
    other_tier = max(priority.values(), default=0) + 1
    closes = cfg["closes"].isoformat()
    seed = cfg["seed"]
    quota = int(cfg["quota"])
    recycle = [int(w) for w in cfg.get("recycle_revoked_from", [])]
    prov_quota = cfg.get("province_quota")

    files = sorted(glob.glob(os.path.join(wave_dir, "registrants", "*.csv")), key=lambda p: p.encode())
    if not files:
        raise Fail(f"{wave_dir}/registrants: no *.csv")
    excl_files = sorted(glob.glob(os.path.join(wave_dir, "exclusions", "*.csv")), key=lambda p: p.encode())
    os.makedirs(a.out, exist_ok=True)

    con = duckdb.connect(a.db)
    con.execute(MACROS)
    have_participants = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'participants'").fetchone()[0]
    if not have_participants:
        con.execute("""CREATE TABLE participants (ord BIGINT, nik VARCHAR, kk VARCHAR, wave INTEGER,
                       status VARCHAR, card_number VARCHAR, notice_date DATE, phone VARCHAR, email VARCHAR)""")

    # ---- ingest ------------------------------------------------------------------------------
    con.execute(f"""CREATE TEMP TABLE raw (file VARCHAR, {', '.join(c + ' VARCHAR' for c in REG_COLUMNS)})""")
    for path in files:
        names, idx = header_map(path, REG_COLUMNS)
        rel = os.path.relpath(path, wave_dir)
        sel = ", ".join(f"tt(c{idx[c]})" for c in REG_COLUMNS)
        con.execute(f"INSERT INTO raw SELECT {q(rel)}, {sel} FROM {read_csv_sql(path, len(names))}")
    con.execute("CREATE TEMP TABLE excl_raw (nik VARCHAR, program VARCHAR)")
    for path in excl_files:
        names, idx = header_map(path, ["nik", "program"])
        con.execute(f"INSERT INTO excl_raw SELECT tt(c{idx['nik']}), tt(c{idx['program']}) "
                    f"FROM {read_csv_sql(path, len(names))}")
    bad = con.execute("""SELECT count(*) FROM excl_raw WHERE NOT regexp_full_match(nik, '[0-9]{16}')
                         OR program = ''""").fetchone()[0]
    if bad:
        raise Fail(f"{wave_dir}/exclusions: {bad} rows with an invalid nik or empty program")
    rows_read = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    phase("ingest", rows=rows_read)

    # ---- row-level rejections (§4.2) and field parsing (check 2) -----------------------------
    provs = sql_list(PROVINCES)
    con.execute(f"""
    CREATE TEMP TABLE r AS
    SELECT *, CASE
        WHEN registration_id = '' THEN 'missing_registration_id'
        WHEN row_number() OVER (PARTITION BY registration_id ORDER BY ord) > 1 THEN 'duplicate_registration_id'
        WHEN NOT regexp_full_match(nik, '[0-9]{{16}}') THEN 'invalid_nik' END AS rejected
    FROM (SELECT rowid AS ord, * FROM raw)""")
    con.execute("""CREATE OR REPLACE TABLE rejected_rows AS
                   SELECT file, ord, registration_id, rejected AS reason FROM r WHERE rejected IS NOT NULL""")

    bd_sql = """CASE
        WHEN regexp_full_match(birth_date, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(birth_date AS DATE)
        WHEN regexp_full_match(birth_date, '[0-9]{2}[-/][0-9]{2}[-/][0-9]{4}')
             AND substr(birth_date, 3, 1) = substr(birth_date, 6, 1)
        THEN TRY_CAST(substr(birth_date, 7, 4) || '-' || substr(birth_date, 4, 2) || '-' || substr(birth_date, 1, 2) AS DATE)
        END"""
    ts_re = r"([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}:[0-9]{2}:[0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?"
    con.execute(f"""
    CREATE TEMP TABLE v AS
    WITH p AS (
      SELECT ord, file, registration_id, nik, kk,
             regexp_replace(full_name, ' +', ' ', 'g') AS name,
             {bd_sql} AS bd,
             upper(gender) AS gender, lower(email) AS email, phone_norm(phone) AS phone,
             province_code, lower(occupation) AS occupation,
             regexp_full_match(registered_at, '{ts_re}') AS ts_shape,
             TRY_CAST(replace(substr(registered_at, 1, 19), 'T', ' ') AS TIMESTAMP) AS ts_base,
             regexp_extract(registered_at, '\\.([0-9]+)', 1) AS ts_frac,
             regexp_extract(registered_at, '(Z|[+-][0-9]{{2}}:[0-9]{{2}})$', 1) AS ts_tz
      FROM r WHERE rejected IS NULL),
    t AS (
      SELECT *,
        CASE WHEN ts_tz IN ('', 'Z') OR (CAST(substr(ts_tz, 2, 2) AS INTEGER) <= 23
                                       AND CAST(substr(ts_tz, 5, 2) AS INTEGER) <= 59)
             THEN CASE ts_tz WHEN '' THEN 420 WHEN 'Z' THEN 0
                  ELSE (CASE WHEN substr(ts_tz, 1, 1) = '-' THEN -1 ELSE 1 END)
                       * (CAST(substr(ts_tz, 2, 2) AS INTEGER) * 60 + CAST(substr(ts_tz, 5, 2) AS INTEGER)) END
             END AS tz_min
      FROM p),
    f AS (
      SELECT *,
        CASE WHEN ts_shape AND ts_base IS NOT NULL AND tz_min IS NOT NULL
             THEN epoch_us(ts_base) + CAST(coalesce(nullif(rpad(substr(ts_frac, 1, 6), 6, '0'), ''), '0') AS BIGINT)
                  - CAST(tz_min AS BIGINT) * 60000000 END AS instant,
        CASE
          WHEN NOT regexp_full_match(registration_id, '[!-~]{{1,64}}') THEN 'registration_id'
          WHEN NOT (regexp_full_match(kk, '[0-9]{{16}}') AND substr(kk, 1, 2) IN {provs}) THEN 'kk'
          WHEN NOT (length(name) BETWEEN 1 AND 100 AND regexp_matches(name, '\\pL')
                    AND regexp_full_match(name, '[\\pL .,''-]+')) THEN 'full_name'
          WHEN bd IS NULL OR bd > DATE '{closes}' OR year(bd) < 1900 THEN 'birth_date'
          WHEN gender NOT IN ('L', 'P') THEN 'gender'
          WHEN NOT (length(email) <= 254 AND regexp_full_match(email, '[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+')) THEN 'email'
          WHEN phone IS NULL THEN 'phone'
          WHEN province_code NOT IN {provs} THEN 'province_code'
          WHEN occupation NOT IN {sql_list(OCCUPATIONS)} THEN 'occupation'
          WHEN NOT (ts_shape AND ts_base IS NOT NULL AND tz_min IS NOT NULL) THEN 'registered_at'
        END AS invalid_field,
        (substr(nik, 1, 2) IN {provs}
         AND (CAST(substr(nik, 7, 2) AS INTEGER) BETWEEN 1 AND 31 OR CAST(substr(nik, 7, 2) AS INTEGER) BETWEEN 41 AND 71)
         AND CAST(substr(nik, 9, 2) AS INTEGER) BETWEEN 1 AND 12
         AND substr(nik, 13, 4) <> '0000') AS nik_ok
      FROM t)
    SELECT ord, file, registration_id, nik, kk, name, province_code, occupation, instant, invalid_field, nik_ok,
           CASE WHEN bd IS NOT NULL AND bd <= DATE '{closes}' AND year(bd) >= 1900 THEN bd END AS bd,
           CASE WHEN length(email) <= 254 AND regexp_full_match(email, '[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+') THEN email END AS email,
           phone,
           row_number() OVER (PARTITION BY nik ORDER BY instant NULLS LAST, registration_id) > 1 AS dup
    FROM f""")
    phase("parse")

    # ---- checks 3-9 --------------------------------------------------------------------------
    con.execute(f"""
    CREATE TEMP TABLE claims AS
      SELECT nik, phone, email, instant, registration_id FROM v
      WHERE NOT dup AND invalid_field IS NULL AND nik_ok""")
    con.execute("""
    CREATE TEMP TABLE phone_owner AS
      SELECT phone, coalesce(max(lnik), max(wnik)) AS owner FROM (
        SELECT phone, first(nik ORDER BY ord) AS lnik, NULL AS wnik FROM participants
          WHERE phone IS NOT NULL AND phone IN (SELECT phone FROM v WHERE phone IS NOT NULL) GROUP BY phone
        UNION ALL
        SELECT phone, NULL, first(nik ORDER BY instant, registration_id) FROM claims
          WHERE phone IS NOT NULL GROUP BY phone)
      GROUP BY phone""")
    con.execute("""
    CREATE TEMP TABLE email_owner AS
      SELECT email, coalesce(max(lnik), max(wnik)) AS owner FROM (
        SELECT email, first(nik ORDER BY ord) AS lnik, NULL AS wnik FROM participants
          WHERE email IS NOT NULL AND email IN (SELECT email FROM v WHERE email IS NOT NULL) GROUP BY email
        UNION ALL
        SELECT email, NULL, first(nik ORDER BY instant, registration_id) FROM claims
          WHERE email IS NOT NULL GROUP BY email)
      GROUP BY email""")
    excl_sql = sql_list(excluded) if excluded else "(NULL)"
    con.execute(f"""
    CREATE TEMP TABLE c AS
    WITH ex AS (SELECT nik, string_agg(DISTINCT program, ';' ORDER BY program) AS programs
                FROM excl_raw GROUP BY nik),
    j AS (
      SELECT v.*, p.status AS legacy_status, ex.programs,
        (v.phone IS NOT NULL AND po.owner IS NOT NULL AND po.owner <> v.nik) AS shared_phone,
        (v.email IS NOT NULL AND eo.owner IS NOT NULL AND eo.owner <> v.nik) AS shared_email,
        CASE WHEN v.bd IS NOT NULL THEN
          year(DATE '{closes}') - year(v.bd)
          - CASE WHEN month(DATE '{closes}') * 100 + day(DATE '{closes}') < month(v.bd) * 100 + day(v.bd) THEN 1 ELSE 0 END
        END AS age
      FROM v
      LEFT JOIN participants p ON p.nik = v.nik
      LEFT JOIN ex ON ex.nik = v.nik
      LEFT JOIN phone_owner po ON po.phone = v.phone
      LEFT JOIN email_owner eo ON eo.email = v.email),
    k AS (
      SELECT *,
        CASE WHEN dup THEN 'duplicate_registration' ELSE concat_ws(';',
          CASE WHEN invalid_field IS NOT NULL THEN 'invalid_data' END,
          CASE WHEN NOT nik_ok THEN 'invalid_nik_structure' END,
          CASE WHEN legacy_status = 'Dicabut' THEN 'revoked' END,
          CASE WHEN legacy_status = 'Lulus' THEN 'already_participant' END,
          CASE WHEN age < {min_age} OR ({max_age} > 0 AND age > {max_age}) THEN 'age_out_of_range' END,
          CASE WHEN occupation IN {excl_sql} THEN 'excluded_occupation' END,
          CASE WHEN programs IS NOT NULL THEN 'other_program' END,
          CASE WHEN shared_phone OR shared_email THEN 'shared_contact' END) END AS reasons
      FROM j)
    SELECT *, nullif(split_part(reasons, ';', 1), '') AS reason FROM k""")
    phase("checks")

    # ---- the draw (§6.4) ---------------------------------------------------------------------
    prio_cases = " ".join(f"WHEN {q(k)} THEN {int(t)}" for k, t in priority.items())
    tier_sql = f"CASE occupation {prio_cases} ELSE {other_tier} END" if prio_cases else str(other_tier)
    recycled = 0
    if recycle:
        recycled = con.execute(f"""SELECT count(*) FROM participants
                                   WHERE status = 'Dicabut' AND wave IN {sql_list(recycle)}""").fetchone()[0]
    places = quota + recycled
    if prov_quota is not None:
        con.execute("CREATE TEMP TABLE pq (province_code VARCHAR, places BIGINT)")
        if prov_quota:
            con.executemany("INSERT INTO pq VALUES (?, ?)", [(str(k), int(v)) for k, v in prov_quota.items()])
        pq_sql = "coalesce((SELECT places FROM pq WHERE pq.province_code = x.province_code), 0)"
    else:
        pq_sql = "9223372036854775807"
    con.execute(f"""
    CREATE TEMP TABLE pool AS
    WITH x AS (SELECT ord, nik, kk, province_code, {tier_sql} AS tier, sha256({q(seed)} || '|' || nik) AS lottery_key
               FROM c WHERE reasons = '')
    SELECT ord, kk, province_code, tier, lottery_key, row_number() OVER (ORDER BY tier, lottery_key) AS lottery_rank,
           {pq_sql} AS pplaces
    FROM x""")
    # Legacy current participants per KK of the pool; "critical" KKs are those where the family limit
    # can bite at all (legacy + pool members > family_limit): only their members can fail family_limit.
    con.execute(f"""
    CREATE TEMP TABLE crit AS
    WITH n AS (SELECT kk, count(*) AS members FROM pool GROUP BY kk),
    fam AS (SELECT kk, count(*) AS legacy FROM participants
            WHERE status = 'Lulus' AND kk IN (SELECT kk FROM pool) GROUP BY kk)
    SELECT pool.lottery_rank, pool.kk, coalesce(fam.legacy, 0) AS legacy, true AS lulus
    FROM pool JOIN n USING (kk) LEFT JOIN fam USING (kk)
    WHERE coalesce(fam.legacy, 0) + n.members > {family_limit}""")
    # The sequential walk of §6.4, exactly, as a fixpoint. Given the set F of rows failing family_limit,
    # the quota part needs no walk: a row outside F is Lulus iff fewer than its province's places rows
    # outside F come before it in its province ("eligible"), and fewer than `places` eligible rows come
    # before it overall. F itself depends on which earlier members of the KK were Lulus: start from
    # "all Lulus" and recompute F and the quota until the Lulus flags of the critical rows stop
    # changing (each pass fixes at least the next row in rank order, so it terminates).
    passes = 0
    pool_size = con.execute("SELECT count(*) FROM pool").fetchone()[0]
    n_crit = con.execute("SELECT count(*) FROM crit").fetchone()[0]
    while True:
        passes += 1
        con.execute(f"""
        CREATE OR REPLACE TEMP TABLE ff AS
        SELECT lottery_rank, legacy + coalesce(sum(lulus::INT) OVER (PARTITION BY kk ORDER BY lottery_rank
                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) >= {family_limit} AS ffail
        FROM crit""")
        con.execute(f"""
        CREATE OR REPLACE TEMP TABLE walk AS
        WITH a AS (SELECT pool.lottery_rank, pool.province_code, pool.pplaces, coalesce(ff.ffail, false) AS ffail
                   FROM pool LEFT JOIN ff USING (lottery_rank)),
        b AS (SELECT *, NOT ffail AND row_number() OVER (PARTITION BY province_code, ffail ORDER BY lottery_rank)
                        <= pplaces AS eligible FROM a)
        SELECT lottery_rank, ffail,
               eligible AND coalesce(sum(eligible::INT) OVER (ORDER BY lottery_rank
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) < {places} AS lulus
        FROM b""")
        changed = con.execute("""SELECT count(*) FROM crit JOIN walk USING (lottery_rank)
                                 WHERE crit.lulus <> walk.lulus""").fetchone()[0]
        if changed == 0:
            break
        con.execute("""CREATE OR REPLACE TEMP TABLE crit AS
                       SELECT crit.lottery_rank, crit.kk, crit.legacy, walk.lulus
                       FROM crit JOIN walk USING (lottery_rank)""")
        if passes > n_crit + 1:
            raise Fail("draw: fixpoint did not converge")
    con.execute("""CREATE OR REPLACE TEMP TABLE walk AS
                   SELECT lottery_rank, CASE WHEN ffail THEN 'family_limit' WHEN NOT lulus THEN 'quota_full' END
                          AS status_reason FROM walk""")
    phase("draw", pool=pool_size, critical=n_crit, passes=passes, places=places)

    # ---- persist and report --------------------------------------------------------------------
    con.execute("""
    CREATE OR REPLACE TABLE outcomes AS
    SELECT c.registration_id, c.nik, c.kk, substr(c.nik, 1, 6) || '******' || substr(c.nik, 13, 4) AS nik_masked,
           c.name AS full_name, c.province_code,
           CASE WHEN c.reasons = '' AND walk.status_reason IS NULL THEN 'Lulus' ELSE 'Gagal' END AS status,
           CASE WHEN c.reasons = '' THEN walk.status_reason ELSE c.reason END AS reason,
           CASE WHEN c.reasons = '' THEN walk.status_reason ELSE c.reasons END AS reasons,
           CASE c.reason WHEN 'invalid_data' THEN c.invalid_field WHEN 'other_program' THEN c.programs
                WHEN 'shared_contact' THEN concat_ws(';', CASE WHEN c.shared_phone THEN 'phone' END,
                                                         CASE WHEN c.shared_email THEN 'email' END) END AS detail,
           pool.tier, pool.lottery_rank, pool.lottery_key, c.file, c.ord
    FROM c LEFT JOIN pool ON pool.ord = c.ord LEFT JOIN walk ON walk.lottery_rank = pool.lottery_rank""")
    phase("store")
    out = a.out
    con.execute(f"""COPY (SELECT registration_id, nik_masked, full_name, province_code, status, reason, reasons,
                                 detail, tier, lottery_rank FROM outcomes ORDER BY registration_id)
                    TO {q(os.path.join(out, 'outcomes.csv'))} (HEADER, DELIMITER ',')""")
    con.execute(f"""COPY (SELECT file, reason, registration_id FROM rejected_rows ORDER BY ord)
                    TO {q(os.path.join(out, 'rejected_rows.csv'))} (HEADER, DELIMITER ',')""")
    reason_cols = ", ".join(f"count(*) FILTER (WHERE reason = '{r}') AS {r}" for r in REASONS)
    con.execute(f"""COPY (SELECT coalesce(CASE WHEN province_code IN {provs} THEN province_code END, 'ALL') AS province_code,
                                 count(*) AS registrations, count(*) FILTER (WHERE status = 'Lulus') AS lulus,
                                 count(*) FILTER (WHERE status = 'Gagal') AS gagal, {reason_cols}
                          FROM outcomes GROUP BY ROLLUP (CASE WHEN province_code IN {provs} THEN province_code END)
                          ORDER BY GROUPING(CASE WHEN province_code IN {provs} THEN province_code END), 1)
                    TO {q(os.path.join(out, 'summary.csv'))} (HEADER, DELIMITER ',')""")
    phase("reports")
    counts = dict(con.execute("SELECT status, count(*) FROM outcomes GROUP BY status").fetchall())
    reasons = dict(con.execute("SELECT reason, count(*) FROM outcomes WHERE reason IS NOT NULL GROUP BY reason").fetchall())
    rejected = dict(con.execute("SELECT reason, count(*) FROM rejected_rows GROUP BY reason").fetchall())
    con.execute("CHECKPOINT")
    con.close()
    phase("checkpoint")
    return {"rows_read": rows_read, "outcome_rows": sum(counts.values()), "rejected_rows": sum(rejected.values()),
            "counts": counts, "reasons": reasons, "rejected_by_reason": rejected, "pool_size": pool_size,
            "places": places, "draw_passes": passes, "duckdb_version": duckdb.__version__}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    lp = sub.add_parser("load", help="load legacy participants into table participants")
    lp.add_argument("--db", required=True)
    lp.add_argument("files", nargs="+")
    rp = sub.add_parser("run", help="run one wave in DuckDB")
    rp.add_argument("--db", required=True)
    rp.add_argument("--out", required=True)
    rp.add_argument("wave_dir")
    a = ap.parse_args(argv)
    try:
        res = cmd_load(a) if a.cmd == "load" else cmd_run(a)
    except (Fail, duckdb.Error, OSError, KeyError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        print(f"bench_duckdb: {a.cmd}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps(res, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
