#!/usr/bin/env python3
"""Deterministic synthetic data for prakerja (Kartu Prakerja wave selection).

Writes a DATA_DIR as laid out in SPEC.md §2:

    OUT_DIR/participants.csv                      legacy participants (only with --participants M > 0)
    OUT_DIR/waves/<n>/wave.toml                   wave configuration (§3)
    OUT_DIR/waves/<n>/registrants/export-1.csv …  registrant exports (§4.1), K files per wave
    OUT_DIR/waves/<n>/exclusions/bsu.csv          other-programme recipients (§4.3)
    OUT_DIR/waves/<n>/exclusions/dtks.csv

The same seed and arguments always give the same bytes (every random draw comes from
random.Random instances seeded with strings derived from --seed; nothing depends on the clock,
on hash or dict ordering, or on the machine).

Registrant files look like real exports: export-1.csv has a UTF-8 BOM and CRLF line ends;
export-2.csv has its columns in reverse order plus an unknown column `alamat` (sometimes a
quoted multi-line address with commas and doubled quotes); export-3.csv has shuffled,
upper-case headers; export-4.csv has shuffled columns, spaces around some header names and every
field quoted; further files have shuffled columns. Rows are spread over the files at random and
shuffled within blocks of 50,000; registration ids follow registered_at. A few values carry stray
spaces or a tab (valid after trimming). Names follow regional naming traditions by province and
birth cohort (Javanese single names, MUHAMMAD + name, SITI/NUR/DEWI/SRI, Sundanese, Balinese
birth-order names, Batak and Minang surnames, Bugis ANDI, Acehnese, Sasak, eastern Christian and
Chinese-Indonesian names), with titles, mixed case and common spelling variants.

Every NIK is structurally valid and unique (the serial counts people per province and NIK date);
KKs, card numbers (Luhn-valid, first digit not 0), phones and e-mails are unique by construction
(affine bijections of counters), so every shared value in the output is planted.

Planted cases (each at a small, controllable share) are listed in the truth file (--truth FILE),
a CSV `kind,registration_id,other_registration_id,detail`:

  kind                    registration_id / other_registration_id and detail
  ----------------------  ------------------------------------------------------------------------
  bad_row                 row-level rejection (§4.2); id as written (may be empty or duplicated),
                          other = the id of the earlier row for duplicate_registration_id;
                          detail = `<reason> <file relative to OUT_DIR>:<line>`, reason one of
                          malformed_csv, invalid_encoding, missing_registration_id,
                          duplicate_registration_id, invalid_nik
  invalid_data            one invalid §4.1 field; detail = the field name
  invalid_nik_structure   detail = province | day | month | serial
  duplicate_registration  the later registration of the same NIK; other = the kept (earliest) one;
                          detail = copy | new_contacts | changed
  nik_mismatch            detail = `nik_birthdate_mismatch <parts>` (parts `;`-joined from
                          day, month, year) or `nik_gender_mismatch gender`
  shared_contact          detail = phone | email | phone;email, other = the owning registration;
                          with ` legacy` appended (other empty) when a legacy participant owns it
  same_person             a second registration of one person under another NIK; registration_id
                          is the later one; detail = title | old_spelling | muhammad |
                          typo_insert | typo_delete | typo_change | typo_transpose | word_swap
  already_participant     the NIK is a Lulus legacy participant; detail = `wave <w>`
  revoked                 the NIK is a Dicabut legacy participant; detail = `wave <w>`
  family_limit            the KK already has 2 current legacy participants; detail = `kk <kk>`
  other_program           the NIK is in exclusions/*.csv; detail = programmes `;`-joined, sorted
  age_out_of_range        age on `closes` outside 18..64; detail = `age <n>`
  age_boundary            a birth date on an age boundary; detail = `age <n> in_range|out_of_range`
  excluded_occupation     detail = the occupation, lower-cased
  twins                   same KK and birth date, different people; other = the earlier twin
  family                  a KK shared by several registrants; other = the earliest member
  reregistration          a registrant of the previous generated wave again; other = that id
  file_error              only with --planted-file-errors: a NUL byte or an unterminated quote

Only the first wave generated (when there are legacy waves) lists them in recycle_revoked_from;
a later wave w lists w-2 when that is a generated wave (its purchase window is over by then).
Province quotas are proportional to population and sum to about 110% of quota.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from bisect import bisect_right
from itertools import accumulate
from operator import itemgetter

# ----------------------------------------------------------------------------------------------
# Reference data
# ----------------------------------------------------------------------------------------------

# code, name, population 2020 (millions), kabupaten, kota, UTC offset of local time
PROVINCES = [
    ("11", "Aceh", 5.27, 18, 5, 7),
    ("12", "Sumatera Utara", 14.80, 25, 8, 7),
    ("13", "Sumatera Barat", 5.53, 12, 7, 7),
    ("14", "Riau", 6.39, 10, 2, 7),
    ("15", "Jambi", 3.55, 9, 2, 7),
    ("16", "Sumatera Selatan", 8.47, 13, 4, 7),
    ("17", "Bengkulu", 2.01, 9, 1, 7),
    ("18", "Lampung", 9.01, 13, 2, 7),
    ("19", "Kepulauan Bangka Belitung", 1.46, 6, 1, 7),
    ("21", "Kepulauan Riau", 2.06, 5, 2, 7),
    ("31", "DKI Jakarta", 10.56, 1, 5, 7),
    ("32", "Jawa Barat", 48.27, 18, 9, 7),
    ("33", "Jawa Tengah", 36.52, 29, 6, 7),
    ("34", "DI Yogyakarta", 3.67, 4, 1, 7),
    ("35", "Jawa Timur", 40.67, 29, 9, 7),
    ("36", "Banten", 11.90, 4, 4, 7),
    ("51", "Bali", 4.32, 8, 1, 8),
    ("52", "Nusa Tenggara Barat", 5.32, 8, 2, 8),
    ("53", "Nusa Tenggara Timur", 5.33, 21, 1, 8),
    ("61", "Kalimantan Barat", 5.41, 12, 2, 7),
    ("62", "Kalimantan Tengah", 2.67, 13, 1, 7),
    ("63", "Kalimantan Selatan", 4.07, 11, 2, 8),
    ("64", "Kalimantan Timur", 3.77, 7, 3, 8),
    ("65", "Kalimantan Utara", 0.70, 4, 1, 8),
    ("71", "Sulawesi Utara", 2.62, 11, 4, 8),
    ("72", "Sulawesi Tengah", 2.99, 12, 1, 8),
    ("73", "Sulawesi Selatan", 9.07, 21, 3, 8),
    ("74", "Sulawesi Tenggara", 2.62, 15, 2, 8),
    ("75", "Gorontalo", 1.17, 5, 1, 8),
    ("76", "Sulawesi Barat", 1.42, 6, 0, 8),
    ("81", "Maluku", 1.85, 9, 2, 9),
    ("82", "Maluku Utara", 1.28, 8, 2, 9),
    ("91", "Papua", 1.03, 8, 1, 9),
    ("92", "Papua Barat", 0.56, 7, 0, 9),
    ("93", "Papua Selatan", 0.51, 4, 0, 9),
    ("94", "Papua Tengah", 1.43, 8, 0, 9),
    ("95", "Papua Pegunungan", 1.41, 8, 0, 9),
    ("96", "Papua Barat Daya", 0.60, 5, 1, 9),
]
PCODES = [p[0] for p in PROVINCES]
PIDX = {c: i for i, c in enumerate(PCODES)}
NPROV = len(PROVINCES)
UNKNOWN_PROVINCES = ["00", "10", "20", "22", "30", "37", "50", "54", "60", "66", "70", "77", "80", "83", "90", "97", "99"]

# where people who live outside their KK province moved to
MIGRATION = {"31": 30, "32": 20, "36": 15, "21": 9, "64": 8, "35": 6, "14": 5, "51": 4, "73": 3}

ELIGIBLE = ["job_seeker", "worker", "laid_off", "micro_business"]
EXCLUDED = ["student", "civil_servant", "military", "police", "village_official", "legislator", "soe_executive"]
OCC_WEIGHTS = {
    "job_seeker": 38.0, "worker": 25.0, "laid_off": 18.0, "micro_business": 14.0,
    "student": 2.2, "civil_servant": 0.9, "military": 0.15, "police": 0.15,
    "village_official": 0.5, "legislator": 0.05, "soe_executive": 0.05,
}
MIN_AGE, MAX_AGE = 18, 64

PLATFORMS = ["Bukalapak", "MauBelajarApa", "Pintaria", "PijarMahir", "Sisnaker", "Kariermu", "Tokopedia"]

# mobile prefixes (national number without the leading 0): Telkomsel, Indosat, XL, Axis, Tri, Smartfren
PHONE_PREFIXES = [
    ("812", 14), ("813", 10), ("811", 3), ("821", 9), ("822", 8), ("823", 3), ("852", 8), ("853", 4), ("851", 2),
    ("856", 5), ("857", 6), ("858", 3), ("855", 1), ("814", 1), ("815", 1), ("816", 1),
    ("817", 3), ("818", 3), ("819", 4), ("859", 2), ("877", 5), ("878", 5),
    ("831", 2), ("838", 3), ("832", 1), ("833", 1),
    ("895", 4), ("896", 4), ("897", 2), ("898", 2), ("899", 2),
    ("881", 2), ("882", 1), ("887", 1), ("888", 1), ("889", 1),
]
EMAIL_DOMAINS = [
    ("gmail.com", 62), ("yahoo.com", 11), ("yahoo.co.id", 8), ("ymail.com", 3), ("outlook.com", 4),
    ("hotmail.com", 4), ("icloud.com", 2), ("rocketmail.com", 1), ("mail.com", 0.6), ("telkom.net", 0.3),
    ("yahoo.co.uk", 0.2), ("live.com", 0.9),
]


def W(text):
    return text.split()


# --- names ------------------------------------------------------------------------------------
# Lists are ordered by popularity; weights fall off like 1/(rank+2)^0.85.

MUHAMMAD_VARIANTS = [("MUHAMMAD", 62), ("MUHAMAD", 10), ("MOHAMMAD", 5), ("MOHAMAD", 5), ("MOCHAMAD", 4),
                     ("MOCHAMMAD", 2), ("MOCH.", 2), ("MOH.", 3), ("M.", 4), ("MUH.", 2), ("MHD.", 1)]
MUHAMMAD_FORMS = ["MUHAMMAD", "MUHAMAD", "MUHAMMED", "MOHAMMAD", "MOHAMAD", "MOHAMMED", "MOCHAMAD", "MOCHAMMAD",
                  "MUCHAMAD", "MUCHAMMAD", "MOCH.", "MOCH", "MOH.", "MOH", "MUH.", "MUH", "M.", "M", "MHD.", "MHD",
                  "MOHD.", "MOHD"]
MUHAMMAD_SET = set(MUHAMMAD_FORMS)

MUS_M_YOUNG = W("""RIZKI RIZKY FAJAR ADITYA DIMAS BAYU ILHAM REZA ARIF FIRMAN YOGA ANDIKA RIFKI FAHMI HAFIZ IQBAL
ALIF FARHAN RAFI DANI DENI ANDRE RANGGA GILANG KEVIN RIDHO ZAKI AKBAR FAISAL FIKRI HAIKAL NAUFAL RAIHAN DAFFA
ARYA BIMA YUSUF IBRAHIM ISMAIL ALI HASAN HUSEIN RAMADHAN SYAHRUL IRFAN LUTHFI TAUFIK ARDI BAGUS GALIH HENDRA
ANGGA PRASETYO ALDI ALVIN RENDI RIDWAN WAHYU DICKY FERDI KHOIRUL HIDAYAT NANDA RESTU ZULFIKAR""")
MUS_M_OLD = W("""AGUS BUDI HENDRA IRWAN RUDI DEDI EKO HERU YUDI RAHMAT SYAIFUL JUNAIDI SUPRIADI SAIFUL ZAINAL
ABDULLAH HAMZAH MANSYUR NASRUL SYAMSUL ARIFIN ANWAR YUSRI SAHRUL ROSADI DARMAWAN HARIS JAMALUDIN NURDIN KHAIRUL
ANDI JOKO SLAMET HARTONO SUHARDI RUSLAN SUDIRMAN MUKHTAR ZULKARNAIN BAHRUDIN ISKANDAR MARZUKI SALIM UMAR USMAN
BASRI HASBULLAH FAUZI JUNAEDI AMIR""")
MUS_M_LAST = W("""SAPUTRA PRATAMA HIDAYAT SETIAWAN KURNIAWAN NUGROHO WIJAYA RAMADHAN FIRMANSYAH HAKIM SANTOSO
PURNOMO SUSANTO HERMAWAN GUNAWAN RAHMAN MAULANA AKBAR FAUZI SYAHPUTRA IRAWAN PUTRA SAPUTRO HIDAYATULLAH ALFARIZI
FADILLAH NURHADI SUHENDRA ARDIANSYAH SETIADI WIBOWO PRASETYO EFENDI RAMADANI ANSHORI HABIBI MUBAROK SYAPUTRA
PERDANA FEBRIANSYAH KURNIA SAPUTRA ISKANDAR MAHENDRA ABDULLAH ZULKARNAIN WAHYUDI SUPRIYADI""")
MUS_F_YOUNG = W("""PUTRI AYU NUR SITI DEWI ANISA NURUL INDAH FITRI NOVITA RIZKA AULIA NABILA ZAHRA SALSABILA AISYAH
DINDA TIARA AMELIA NADIA SARAH RIKA DIAN MAYA RANI SYIFA ALYA KHAIRUNNISA NAILA WULAN MELATI INTAN CITRA ANGGI
DESI WIDYA YULIA FEBRI OKTAVIA NUR DELLA RATIH ELSA LUTFIA MUTIARA HANA""")
MUS_F_OLD = W("""SITI NUR DEWI SRI RINA YUNI RATNA LINDA EVI ERNA SUSI LILIS NURHAYATI HARTATI FATIMAH ROSMIATI
SUMIATI MARYAM ZAINAB HALIMAH KHADIJAH AMINAH MULYANI YULIANA NINGSIH ROHAYATI MARLINA SALMAH RUSMINI JUWITA
NURAINI MASITAH ROSNAH HASANAH""")
MUS_F_LAST = W("""LESTARI RAHAYU WULANDARI PERMATASARI SAFITRI PUSPITASARI HANDAYANI KURNIASIH NURHAYATI SUSANTI
WAHYUNI RAHMAWATI HIDAYAH FITRIANI PRATIWI AMALIA ANGGRAINI MAHARANI SARI UTAMI YULIANTI MARLINA NOVIANTI AMELIA
OKTAVIANI RAMADHANI PUSPITA KARTIKA NINGRUM ASTUTI SEPTIANI FEBRIANTI AGUSTINA PERTIWI HASANAH AINI FADILAH
KHOIRUNNISA SAPUTRI""")
ABDUL_SUFFIX = W("RAHMAN AZIZ HAKIM MALIK GANI ROHMAN KADIR MANAN WAHAB SALAM LATIF KARIM MUIS HAMID JALIL RAHIM")

JAV_M_SINGLE = W("""SUPARMAN SUGIONO SUPRIYADI SUTRISNO SUYATNO SUKARDI SUMARNO SUPARDI SUGENG SLAMET PAIMAN TUKIMAN
WAGIMAN PARJO SARDI SUWARNO SUHARTO SUPRAPTO SUMADI KATIMIN MARIJAN NGATIMIN SAMIJO PONIMAN WARSITO DARMANTO
SUBAGYO HARYANTO PURWANTO TRIYONO WIDODO SUGIYANTO SUYONO MULYONO SUKIMAN PAIJO SUWANDI SURATNO SUPRIYONO
SUMARDI KASNO JUMADI RUSDI TUKIJO SUTARNO SUKARJO SUNARTO PARMIN SARIMIN""")
JAV_M_FIRST = W("""BUDI AGUS EKO JOKO BAMBANG HERU DWI TRI SLAMET BAGUS WAHYU ARIS YUDHA ADI ANDI DIDIK HARI TEGUH ARIF
IMAM GUNAWAN PRIYO SETYO BENNY RUDI SIGIT WIDODO DENI DANANG GALIH YOGI ANGGA DIMAS FAJAR RIZKY ARDI TAUFIK
NOVIANTO DODY AHMAD MUHAMMAD PUTRA YUSUF ANDRI ARIEF""")
JAV_M_LAST = W("""SANTOSO SUSILO WIBOWO PRASETYO NUGROHO SETIAWAN PURNOMO HARYANTO SUPRIYANTO WIDODO RAHARJO SUSANTO
KUSUMA PRABOWO UTOMO HADI SAPUTRO WIJAYANTO HARTONO SULISTYO SETIADI SUGIARTO PRAMONO WICAKSONO SUBROTO HANDOKO
WALUYO SUHARTONO SUTANTO PURWANTO PRATAMA ARDIANSYAH KURNIAWAN HIDAYAT SUGIHARTO PAMUNGKAS NUGRAHA SAPUTRA
CAHYONO RAHMADI SUJATMIKO SETYAWAN""")
JAV_F_SINGLE = [("SRI WAHYUNI", 9), ("SRI LESTARI", 7), ("SRI MULYANI", 6), ("SRI RAHAYU", 5), ("SITI AMINAH", 5),
                ("SITI ROMLAH", 3), ("SITI FATIMAH", 4), ("SRI SUNARSIH", 2), ("SITI KHOTIJAH", 2), ("SRI HARTATI", 2),
                ("SRI UTAMI", 2), ("ENDANG SUSILOWATI", 1.5), ("SITI MUNAWAROH", 1.5), ("SUMIATI", 5), ("SUPARMI", 4),
                ("WARSINI", 3), ("TUMINAH", 3), ("SUPARTI", 3), ("SUMARNI", 3), ("SUKINAH", 2), ("PAINEM", 2),
                ("PONIYEM", 2), ("SUGIYEM", 1.5), ("TARMINI", 1.5), ("WAGINEM", 1.2), ("SUNARSIH", 2), ("SUTINAH", 2),
                ("KASMINI", 1.2), ("MURTINI", 1.5), ("WARTINAH", 1.2), ("SULASTRI", 3), ("SUYATMI", 1.5),
                ("ENDANG", 2), ("PURWANTI", 2.5), ("SUWARNI", 1.5), ("SUMINAH", 1.5), ("KATMI", 1), ("SARINAH", 1.5),
                ("JUMINAH", 1), ("MUJIATI", 1), ("PARTINI", 1.5), ("SITI", 2), ("WARSIH", 1), ("RUKMINI", 1),
                ("KASIYEM", 0.8), ("LASMI", 0.8), ("SUPRIYATI", 1.5), ("SUNARTI", 2), ("MARIYAM", 1), ("SRI", 1.5),
                ("NGATINAH", 0.8), ("SAMINEM", 0.8)]
JAV_F_FIRST = W("""SRI SITI DWI TRI ENDANG RETNO DEWI NUR WAHYU YULI ENDAH TITIK ERNA RINA EKA ANI LINA DIAH NINGSIH
RATNA PUJI ANIK NOVI DYAH INDAH FITRI AYU PUTRI WIDYA ANISA NURUL LIA""")
JAV_F_LAST = W("""WAHYUNI LESTARI RAHAYU MULYANI HANDAYANI WIDYASTUTI PURWANINGSIH ASTUTI SUSILOWATI KUSUMAWATI NINGSIH
SETYOWATI SULISTYOWATI RAHMAWATI SUSANTI WULANDARI PRATIWI HARTATI UTAMI NURHAYATI SUPRIYATI WINARSIH PURWANTI
YULIANTI ARIYANTI WIDAYATI NURJANAH MURNIATI SETYANINGSIH KURNIAWATI SAFITRI ANGGRAENI""")

SUN_M_FIRST = W("""ASEP UJANG DEDE CECEP DADANG YAYAN TATANG ENDANG DEDI JAJANG OMAN ENCEP AEP UCU DODI YUDI HENDRA
ADE AAN IWAN WAWAN DENI ROHMAT AGUS USEP ENJANG DEDEN IYAN NANANG OTONG YANA AHMAD RIDWAN ANDRI RIKI GUGUM ERWIN
DIKDIK ENDA ACENG""")
SUN_M_LAST = W("""SUHENDAR SUPRIATNA KUSNADI HIDAYAT RUKMANA PERMANA SOPIAN MULYANA KURNIA SUNARYA HERMAWAN GUNAWAN
SETIAWAN RAMDANI NURJAMAN SAEPULOH SAEFUL SANTIKA FIRMANSYAH SOLIHIN MUHARAM SUPRIADI KOSASIH SUTISNA SUMANTRI
KURNIAWAN SAPUTRA RUSTANDI SURYANA ROSADI JUNAEDI MAULANA NUGRAHA HERDIANA SOBARI SUHERMAN SUPARMAN SUKMANA""")
SUN_F_FIRST = W("""ENENG NENG EUIS IMAS CUCU ENTIN NENDEN YAYAH IIS AI ELIS YATI NINING TITIN DEDEH ENOK LILIS ROSITA
EMAY ENCAH ERNI NENENG SITI DEWI NUR WINDA RINA NOVI RATNA INTAN RISMA SRI ELA""")
SUN_F_LAST = W("""NURHASANAH ROHIMAH KURNIASIH MULYATI SUMIRAH HASANAH NURLAELA HERAWATI NURAENI ROSMIATI SUKAESIH
KOMALASARI MARLIANI SUMIATI YULIANTI HAYATI RAHAYU NURJANAH LESTARI PURNAMASARI RAHMAWATI HANDAYANI FITRIANI
WULANDARI AGUSTINA SUGIARTI KARTIKA MAYASARI NURAINI JUBAEDAH SITI""")

BAL_M_PREFIX = [("I WAYAN", 25), ("I MADE", 22), ("I NYOMAN", 12), ("I KETUT", 10), ("I PUTU", 12), ("I KADEK", 8),
                ("I KOMANG", 6), ("I GEDE", 6), ("I GUSTI NGURAH", 3), ("IDA BAGUS", 3), ("ANAK AGUNG", 2),
                ("I GUSTI PUTU", 2), ("WAYAN", 2), ("MADE", 2), ("PUTU", 2), ("KADEK", 1.5), ("KETUT", 1.5),
                ("NYOMAN", 1.5), ("KOMANG", 1), ("GEDE", 1)]
BAL_F_PREFIX = [("NI WAYAN", 22), ("NI MADE", 20), ("NI NYOMAN", 10), ("NI KETUT", 9), ("NI PUTU", 12),
                ("NI KADEK", 7), ("NI KOMANG", 6), ("NI LUH", 8), ("IDA AYU", 3), ("NI GUSTI AYU", 2),
                ("ANAK AGUNG ISTRI", 1), ("DESAK", 1), ("PUTU", 2), ("MADE", 1.5), ("KADEK", 1.5), ("LUH", 1)]
BAL_M = W("""SUDARSANA ARTAWAN SUARDANA WIRAWAN ADNYANA SUARTAWAN MERTA SUARJANA KARIASA WIDIANA PARWATA ARSANA
DARMAWAN SUARDIKA SUDIARTA GUNAWAN PUTRA SANJAYA YASA ARIMBAWA SUKADANA MAHENDRA ARTANA WIRATAMA SUASTIKA ASTAWA
SUDANA SEDANA WARDANA DARMA AGUS EKA""")
BAL_F = W("""ARTINI SUARNI ARIANI SUARTINI WIDIASTUTI PUSPITA SUCIATI KARTIKA DEWI ASTITI SUDIANTARI SUASTINI
MARHAENI PURNAMI SRIYANI ARIASIH PUSPAYANTI MERTASARI ARIYANI SUPARMI WIDIANTARI SUKARINI YUNIARI SUWARNI
DARMAYANTI ARSINI EKA SRI""")

BAT_M_CHR = W("""JOHANNES ROBERT DANIEL SAMUEL ROY RICKY DAVID HENDRA POLTAK TIGOR BONAR MARULI TUMPAL PARLINDUNGAN
JUNJUNGAN BINSAR HOTMAN MARIHOT DARWIN ALBERT ANDRE FERNANDO JONI BENNY RIKARDO HOTTUA MANGATUR SAHAT PARULIAN
GOMGOM LAMHOT JHONSON RUDOLF JOSUA TULUS""")
BAT_M_MUS = W("AHMAD MUHAMMAD ZULKIFLI SYAHRIL RAHMAT ABDUL HASAN IBRAHIM MUKHTAR SAIFUL DARWIS ALI AMRAN RIDWAN")
BAT_F_CHR = W("""MARIA ROSMAWATI DAMERIA RIA SARI LAMRIA TIURMA ROSDIANA MARTA ELISABETH SONDANG TETTY DEBORA YOHANA
LINDA FRIDA ROMAULI RUTH SERLI HOTMARIA MAWAR YANTI RISMA JULI ROSLINA DUMARIA LASMA""")
BAT_F_MUS = W("NURHAYATI SITI NURAINUN HALIMAH ROSMAWATI AMINAH KHAIRANI FITRI ASMIDAR")
BAT_SUR_CHR = W("""SIMANJUNTAK SIAGIAN SITORUS PANJAITAN SIMATUPANG HUTAGALUNG SINAGA TAMPUBOLON MANURUNG PASARIBU
SIHOMBING NAPITUPULU SILALAHI SIMBOLON SIRAIT SITUMORANG HUTABARAT BUTAR-BUTAR SINURAT HUTAPEA SIMAMORA
MARPAUNG SIBARANI SIPAHUTAR SIANTURI MANALU SIHITE GULTOM LUMBANTOBING GINTING TARIGAN SEMBIRING SURBAKTI
PERANGIN-ANGIN KARO-KARO SITEPU BARUS PURBA SARAGIH DAMANIK SIPAYUNG""")
BAT_SUR_MUS = W("SIREGAR NASUTION HARAHAP LUBIS DALIMUNTHE DAULAY HASIBUAN RANGKUTI BATUBARA PULUNGAN PARINDURI RITONGA")

MIN_M = W("""AFRIZAL ZULKIFLI YULIZAR HENDRI ERWIN DEDI YUSRIZAL ARMAN BUSTAMI ZULFIKAR NOFRIZAL ANDRI EFENDI
IRWAN FERI RONI JONI YOSE HARDI ASRUL FAUZAN RAHMAT SYAFRIL JASMAN DASRIL YONDRI ALFIAN MASRIL ZULHENDRI DONI RIKO""")
MIN_F = W("""YULIANIS ROSMAWATI ERNAWATI YENI ELFI YUSNIMAR DESRIANTI NOVIA RATNA YUNI ELVIRA FITRI SUSI DESI MELDA
YULIA NURHAYATI ROSNIATI ASNIDAR YASNIDAR NURMALIS ZURAIDA ERMAWATI YURNALIS FEBRIANI SILVIA WELLY RAHMI""")
MIN_SUKU = W("CHANIAGO PILIANG TANJUNG KOTO SIKUMBANG JAMBAK GUCI MALAYU")

ACE_M = W("""ZULKIFLI FADHIL MUNAWAR RIZAL SAIFUL NASRUL FAISAL HUSAINI MUSLIM SYAHRUL MAHDI IRFAN KHAIRUL ZULFAN
RAHMAT BUSTAMI JAMALUDDIN NASRULLAH ARIF RIDHA FAHMI HUSNUL MUKHLIS AZHARI SYAFRIZAL ISKANDAR RAZALI MAHMUD""")
ACE_F = W("""NURUL FITRIANI RAHMAH NURHAYATI SALMIAH RAHMAWATI ZAHRATUL MAULIDA HUSNA SAFRIDA KHAIRIYAH NURAINI
RISMA SUCI FAUZIAH MUNAWARAH JULIANA YUSNIDAR RAUDHAH ASMAUL ZURAIDA CUT""")

BUG_M = W("""SYAMSUL ARIFIN BAHTIAR SUDIRMAN HASANUDDIN SYAHRIR IRWAN RAHMAN AMIRUDDIN JUMADI ASWAR ILHAM ASHAR FADLI
RISAL HAERUL SAHABUDDIN JAMALUDDIN NURDIN KAHAR BASO MUSTARI SUKRI HAMSAH RUSLI SULTAN ARDIANSYAH RAHMAT
MUHAMMAD ABDUL""")
BUG_F = W("""NURHAYATI HASNAWATI MASNIAH NURLAELA SUHARTINA RAHMAWATI NURHAEDAH HARTATI SAHARIA MARDIANA HASMAWATI
MURNI SUKMAWATI JUMRIANI NURWAHIDAH FATMAWATI HASNIAH KASMAWATI RISNAWATI SUARNI SITTI""")

EAST_M = W("""YOHANES YOSEF PETRUS PAULUS MARKUS YAKOBUS FRANSISKUS ANTONIUS DOMINIKUS MIKAEL STEFANUS ALEKSANDER
YULIUS KORNELIUS NIKOLAUS YOHANIS SEMUEL YEREMIAS OKTOVIANUS MARTHEN FERDINAND ROBERTUS AGUSTINUS BERNARDUS
YUSTINUS ELIAS DANIEL FREDI JEFRI RONALD JOSÉ ANDRÉ""")
EAST_F = W("""MARIA MAGDALENA YOHANA SELFIANA AGUSTINA PAULINA MARTINA KRISTINA ELISABETH FRANSISKA YULIANA
MARGARETHA DOROTHEA SISILIA ROSALIA YUSTINA MERI NOVIA MEISKE FENNY DEBORA YENNI SERLY""")
EAST_SUR = {
    "NTT": W("""DA SILVA PAREIRA FERNANDEZ DE ROZARI LEWAR NDUN TEFA LAKA BORO MANEK SERAN BERE TAEK KOLO FALLO
NENOBAIS SELAN TAUS LAKE BANUNAEK DA COSTA"""),
    "MAL": W("""LATUHARHARY SAHETAPY TUANAKOTTA PATTY LEIMENA PELUPESSY TUHUMURY SOPACUA WATTIMENA LATUPEIRISSA
PATTIASINA SIWABESSY NANLOHY TITALEY LEKATOMPESSY"""),
    "PAP": W("""WENDA KOGOYA WONDA TABUNI MANUFANDU RUMBIAK WANMA MANSOBEN KAFIAR WOMSIWOR YOMAN MOTE PIGAI
DOGOPIA KAMBU IYAI GOBAI DEGEI ASSO ELOPERE WAKERKWA KOSSAY MANDOWEN AWOM RUMAINUM SAWAKI"""),
    "MIN": W("""SUMAMPOUW MANDAGI WALANDOUW LUMINGKEWAS RUNTU PANGKEREGO KALALO RONDONUWU WONGKAR TUMBEL SONDAKH
MAMAHIT LUMENTUT POLII TUMEWU KAUNANG LENGKONG RUMENGAN WORANG SUMOLANG"""),
    "DAY": W("ANYI LIAN USAT JALONG NYURANG BUDI ISEN ANANG DJUWITA LAWAI"),
}
# multi-word surnames written above as two tokens are re-joined here
for _k in ("NTT",):
    _l = EAST_SUR[_k]
    _j = []
    _i = 0
    while _i < len(_l):
        if _l[_i] in ("DA", "DE") and _i + 1 < len(_l):
            _j.append(_l[_i] + " " + _l[_i + 1])
            _i += 2
        else:
            _j.append(_l[_i])
            _i += 1
    EAST_SUR[_k] = _j
EAST_REGION = {"53": "NTT", "81": "MAL", "82": "MAL", "71": "MIN", "61": "DAY", "62": "DAY",
               "91": "PAP", "92": "PAP", "93": "PAP", "94": "PAP", "95": "PAP", "96": "PAP"}

CHI_M = W("""HENDRA WILLIAM KEVIN STEVEN VINCENT CHRISTIAN MICHAEL JOHNNY FELIX HENRY RICHARD ANDY TONY SUNARDI
BUDIMAN HARTONO HENDRIK SUTANTO JIMMY FERRY ALVIN EDWARD""")
CHI_F = W("""JESSICA MELISA FELICIA SUSANTI LINDA LILY MEILINA WENDY CINDY VERONICA ANGELINA YULIANA MEILANI LIANA
SHERLY VIVIAN STEPHANIE MICHELLE NATALIA GRACE CHRISTINE LIDYA""")
CHI_SUR = W("""SUSANTO HALIM GUNAWAN WIJAYA TANOTO SALIM KURNIAWAN TANUWIJAYA HARTONO SETIADI LIMANTO GOZALI
SUGIANTO TJAHJADI SANTOSO WIRAWAN HANDOKO SETIAWAN JAYADI SUTANTO KUSUMA HALIMAN LIEMANTO TANUDJAJA TEDJA ONGKO
SURYADINATA WIDJAJA DHARMAWAN""")
CHI_CLAN = W("TAN LIM LIE GO KWEE ONG THE OEY TJHIN BONG CHANG LAI LIAUW HO NG TJIA WONG LIU CHEN")
CHI_SYL = W("""HOK LIANG SIOE FONG KIM BENG HWA TJOEN SENG MEI LAN LIE HUI KHIM FUI JUN MIN SIU CHIN KIAT TJOE HONG
NIO SWIE GIOK YAN HIN LIONG AH KHIUN NYUK MOI SIN""")
CHI_HANZI = ["陈伟明", "林美玲", "黄志强", "张丽华", "王建国", "李秀英"]

SAS_M = W("""MUHAMMAD AHMAD ZAINUL SUPRIADI HAERUDIN MASRUN SAHNAN JUNAIDI HAERUL ABDUL RUSDI SAHRUL MAHSUN
SAPARUDIN JUMAHIR ZULKARNAEN HUSNUL RAHMAN MUKSIN HASBULLAH SAMSUL""")
SAS_F = W("""SITI NURUL HAERANI MAHNUN RUSNAH NURHAYATI SAHNUN JUMAIRAH RAHMI SRI HUSNIATI SUHARNI MULIANI NURAINI
HAMDIAH ROHANA ZAITUN MARIATUN SRIANI""")

PREFIX_TITLES_M = [("H.", 50), ("Ir.", 6), ("IR.", 4), ("Drs.", 8), ("DRS.", 5), ("Dr.", 3), ("DR.", 2), ("dr.", 2),
                   ("Prof.", 0.5), ("H", 4)]
PREFIX_TITLES_F = [("Hj.", 45), ("HJ.", 15), ("Dra.", 8), ("DRA.", 4), ("Dr.", 2), ("dr.", 3), ("Ir.", 2), ("HJ", 3)]
SUFFIX_TITLES = [("S.Pd.", 20), ("S.PD", 5), ("S.E.", 14), ("SE", 5), ("S.Kom.", 8), ("S.KOM", 3), ("S.H.", 8),
                 ("SH", 3), ("S.T.", 7), ("S.Sos.", 5), ("S.Ag.", 3), ("S.Kep.", 4), ("A.Md.", 6), ("AMD", 2),
                 ("M.Pd.", 3), ("S.IP", 2), ("S.Pd.I", 3), ("S.Ak.", 2), ("S.Farm.", 1), ("M.M.", 2)]
ALL_TITLES = {t for t, _ in PREFIX_TITLES_M + PREFIX_TITLES_F + SUFFIX_TITLES}

# old spelling (modern -> old), §7.2
OLD_SPELLING = [("U", "OE"), ("J", "DJ"), ("C", "TJ"), ("SY", "SJ"), ("NY", "NJ"), ("KH", "CH"), ("Y", "J")]

KEYBOARD = {
    "Q": "WA", "W": "QES", "E": "WRD", "R": "ETF", "T": "RYG", "Y": "TUH", "U": "YIJ", "I": "UOK", "O": "IPL",
    "P": "OL", "A": "QSZ", "S": "AWDZ", "D": "SEFX", "F": "DRGC", "G": "FTHV", "H": "GYJB", "J": "HUKN",
    "K": "JIL", "L": "KO", "Z": "ASX", "X": "ZSDC", "C": "XDFV", "V": "CFGB", "B": "VGHN", "N": "BHJM", "M": "NJK",
}

STREETS = ["MAWAR", "MELATI", "ANGGREK", "KENANGA", "JEND. SUDIRMAN", "DIPONEGORO", "KARTINI", "MERDEKA", "PAHLAWAN",
           "SISINGAMANGARAJA", "HASANUDDIN", "IMAM BONJOL", "CEMPAKA", "DAHLIA", "FLAMBOYAN", "BERINGIN", "NANGKA",
           "RAMBUTAN", "AHMAD YANI", "GATOT SUBROTO"]
DESAS = W("SUKAJADI SUKAMAJU MEKARSARI SUKAMULYA MARGAHAYU TANJUNGSARI KEDUNGREJO SUMBERSARI KARANGANYAR SIDOMULYO")


class Pool:
    """Weighted choice by bisection over cumulative weights; pick(r) takes a random() callable."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items, weights=None, s=0.85):
        if items and isinstance(items[0], tuple) and weights is None:
            weights = [x[1] for x in items]
            items = [x[0] for x in items]
        if weights is None:
            weights = [1.0 / (i + 2) ** s for i in range(len(items))]
        self.items = list(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]
        self.cum[-1] = float("inf")

    def pick(self, r):
        return self.items[bisect_right(self.cum, r() * self.total)]


P_MUH = Pool(MUHAMMAD_VARIANTS)
P_MUS_M_YOUNG, P_MUS_M_OLD, P_MUS_M_LAST = Pool(MUS_M_YOUNG), Pool(MUS_M_OLD), Pool(MUS_M_LAST)
P_MUS_F_YOUNG, P_MUS_F_OLD, P_MUS_F_LAST = Pool(MUS_F_YOUNG), Pool(MUS_F_OLD), Pool(MUS_F_LAST)
P_ABDUL = Pool(ABDUL_SUFFIX)
P_JAV_M_SINGLE, P_JAV_M_FIRST, P_JAV_M_LAST = Pool(JAV_M_SINGLE, s=0.6), Pool(JAV_M_FIRST), Pool(JAV_M_LAST)
P_JAV_F_SINGLE, P_JAV_F_FIRST, P_JAV_F_LAST = Pool(JAV_F_SINGLE), Pool(JAV_F_FIRST), Pool(JAV_F_LAST)
P_SUN_M_FIRST, P_SUN_M_LAST = Pool(SUN_M_FIRST), Pool(SUN_M_LAST)
P_SUN_F_FIRST, P_SUN_F_LAST = Pool(SUN_F_FIRST), Pool(SUN_F_LAST)
P_BAL_M_PREFIX, P_BAL_F_PREFIX, P_BAL_M, P_BAL_F = Pool(BAL_M_PREFIX), Pool(BAL_F_PREFIX), Pool(BAL_M), Pool(BAL_F)
P_BAT_M_CHR, P_BAT_M_MUS, P_BAT_F_CHR, P_BAT_F_MUS = Pool(BAT_M_CHR), Pool(BAT_M_MUS), Pool(BAT_F_CHR), Pool(BAT_F_MUS)
P_BAT_SUR_CHR, P_BAT_SUR_MUS = Pool(BAT_SUR_CHR, s=0.5), Pool(BAT_SUR_MUS, s=0.5)
P_MIN_M, P_MIN_F, P_MIN_SUKU = Pool(MIN_M), Pool(MIN_F), Pool(MIN_SUKU)
P_ACE_M, P_ACE_F = Pool(ACE_M), Pool(ACE_F)
P_BUG_M, P_BUG_F = Pool(BUG_M), Pool(BUG_F)
P_EAST_M, P_EAST_F = Pool(EAST_M), Pool(EAST_F)
P_EAST_SUR = {k: Pool(v, s=0.5) for k, v in EAST_SUR.items()}
P_CHI_M, P_CHI_F, P_CHI_SUR = Pool(CHI_M), Pool(CHI_F), Pool(CHI_SUR)
P_CHI_CLAN, P_CHI_SYL = Pool(CHI_CLAN), Pool(CHI_SYL, s=0.3)
P_SAS_M, P_SAS_F = Pool(SAS_M), Pool(SAS_F)
P_PRE_M, P_PRE_F, P_SUF = Pool(PREFIX_TITLES_M), Pool(PREFIX_TITLES_F), Pool(SUFFIX_TITLES)
P_STREET, P_DESA = Pool(STREETS, s=0.4), Pool(DESAS, s=0.4)


def _mus(r, g, co, pc):
    x = r()
    if g == "L":
        first = P_MUS_M_YOUNG if (co == 2 or (co == 1 and r() < 0.5)) else P_MUS_M_OLD
        pm = (0.06, 0.13, 0.24)[co]
        if x < pm:
            w = [P_MUH.pick(r), first.pick(r)]
            if r() < 0.45:
                w.append(P_MUS_M_LAST.pick(r))
            return w
        if x < pm + 0.06:
            return ["AHMAD", first.pick(r)] if r() < 0.6 else ["ABDUL", P_ABDUL.pick(r)]
        if x < pm + 0.20:
            return [first.pick(r)]
        if x < pm + 0.80:
            return [first.pick(r), P_MUS_M_LAST.pick(r)]
        return [first.pick(r), first.pick(r), P_MUS_M_LAST.pick(r)]
    first = P_MUS_F_YOUNG if (co == 2 or (co == 1 and r() < 0.5)) else P_MUS_F_OLD
    if x < 0.16:
        return [first.pick(r)]
    if x < 0.80:
        return [first.pick(r), P_MUS_F_LAST.pick(r)]
    return [first.pick(r), first.pick(r), P_MUS_F_LAST.pick(r)]


def _jav(r, g, co, pc):
    x = r()
    single = (0.50, 0.22, 0.07)[co]
    if g == "L":
        if x < single:
            return [P_JAV_M_SINGLE.pick(r)]
        if x < single + 0.07 * (1 + co):
            return [P_MUH.pick(r), P_JAV_M_FIRST.pick(r)] if r() < 0.6 else [P_MUH.pick(r), P_JAV_M_LAST.pick(r)]
        if x < 0.85:
            return [P_JAV_M_FIRST.pick(r), P_JAV_M_LAST.pick(r)]
        return [P_JAV_M_FIRST.pick(r), P_JAV_M_FIRST.pick(r), P_JAV_M_LAST.pick(r)]
    if x < single:
        return P_JAV_F_SINGLE.pick(r).split()
    if x < 0.85:
        return [P_JAV_F_FIRST.pick(r), P_JAV_F_LAST.pick(r)]
    return [P_JAV_F_FIRST.pick(r), P_JAV_F_FIRST.pick(r), P_JAV_F_LAST.pick(r)]


def _sun(r, g, co, pc):
    x = r()
    if g == "L":
        if x < (0.25, 0.12, 0.05)[co]:
            return [P_SUN_M_FIRST.pick(r)]
        if x < 0.30:
            return [P_MUH.pick(r), P_SUN_M_LAST.pick(r)]
        if x < 0.88:
            return [P_SUN_M_FIRST.pick(r), P_SUN_M_LAST.pick(r)]
        return [P_SUN_M_FIRST.pick(r), P_SUN_M_FIRST.pick(r), P_SUN_M_LAST.pick(r)]
    if x < (0.25, 0.12, 0.05)[co]:
        return [P_SUN_F_FIRST.pick(r)]
    if x < 0.88:
        return [P_SUN_F_FIRST.pick(r), P_SUN_F_LAST.pick(r)]
    return [P_SUN_F_FIRST.pick(r), P_SUN_F_FIRST.pick(r), P_SUN_F_LAST.pick(r)]


def _bal(r, g, co, pc):
    if g == "L":
        w = P_BAL_M_PREFIX.pick(r).split() + [P_BAL_M.pick(r)]
        if r() < 0.4:
            w.append(P_BAL_M.pick(r))
    else:
        w = P_BAL_F_PREFIX.pick(r).split() + [P_BAL_F.pick(r)]
        if r() < 0.4:
            w.append(P_BAL_F.pick(r))
    return w


def _bat(r, g, co, pc):
    mus = r() < 0.35
    if g == "L":
        giv = (P_BAT_M_MUS if mus else P_BAT_M_CHR).pick(r)
        w = [giv]
        if r() < 0.25:
            w.append((P_BAT_M_MUS if mus else P_BAT_M_CHR).pick(r))
        w.append((P_BAT_SUR_MUS if mus else P_BAT_SUR_CHR).pick(r))
        return w
    giv = (P_BAT_F_MUS if mus else P_BAT_F_CHR).pick(r)
    sur = (P_BAT_SUR_MUS if mus else P_BAT_SUR_CHR).pick(r)
    if not mus and r() < 0.3:
        return [giv, "BR." if r() < 0.5 else "BR", sur]
    return [giv, sur]


def _min(r, g, co, pc):
    giv = (P_MIN_M if g == "L" else P_MIN_F).pick(r)
    x = r()
    if x < (0.45, 0.25, 0.12)[co]:
        return [giv]
    if x < 0.55:
        return [giv, P_MIN_M.pick(r)]
    if x < 0.72:
        return [giv, P_MIN_SUKU.pick(r)]
    return [giv, "PUTRA" if g == "L" else "PUTRI"] if r() < 0.5 else [giv, P_MUS_M_LAST.pick(r) if g == "L" else P_MUS_F_LAST.pick(r)]


def _ace(r, g, co, pc):
    x = r()
    if g == "L":
        if x < 0.22:
            w = [P_MUH.pick(r), P_ACE_M.pick(r)]
        elif x < 0.32:
            w = ["T." if r() < 0.6 else "TEUKU", P_ACE_M.pick(r)]
        elif x < 0.45:
            w = [P_ACE_M.pick(r)]
        else:
            w = [P_ACE_M.pick(r), P_ACE_M.pick(r)]
        if r() < 0.08:
            w += ["BIN", P_ACE_M.pick(r)]
        return w
    if x < 0.12:
        w = ["CUT", P_ACE_F.pick(r)]
    elif x < 0.30:
        w = [P_ACE_F.pick(r)]
    else:
        w = [P_ACE_F.pick(r), P_ACE_F.pick(r)]
    if r() < 0.08:
        w += ["BINTI", P_ACE_M.pick(r)]
    return w


def _bug(r, g, co, pc):
    x = r()
    if g == "L":
        if x < 0.15:
            return ["ANDI", P_BUG_M.pick(r)] + ([P_BUG_M.pick(r)] if r() < 0.5 else [])
        if x < 0.30:
            return ["MUH." if r() < 0.5 else P_MUH.pick(r), P_BUG_M.pick(r)]
        if x < 0.60:
            return [P_BUG_M.pick(r)]
        return [P_BUG_M.pick(r), P_BUG_M.pick(r)]
    if x < 0.15:
        return ["ANDI", P_BUG_F.pick(r)] + ([P_BUG_F.pick(r)] if r() < 0.5 else [])
    if x < 0.22:
        return ["ST." if r() < 0.5 else "SITTI", P_BUG_F.pick(r)]
    if x < 0.55:
        return [P_BUG_F.pick(r)]
    return [P_BUG_F.pick(r), P_BUG_F.pick(r)]


def _east(r, g, co, pc):
    sur = P_EAST_SUR[EAST_REGION.get(pc, "NTT")]
    giv = P_EAST_M if g == "L" else P_EAST_F
    x = r()
    if x < 0.10:
        return [giv.pick(r)]
    if x < 0.75:
        return [giv.pick(r)] + sur.pick(r).split()
    return [giv.pick(r), giv.pick(r)] + sur.pick(r).split()


def _chi(r, g, co, pc):
    x = r()
    if x < 0.002:
        return [CHI_HANZI[int(r() * len(CHI_HANZI))]]
    trad = (0.55, 0.2, 0.05)[co] * (2.0 if pc in ("61", "12", "19") else 1.0)
    if x < trad:
        return [P_CHI_CLAN.pick(r), P_CHI_SYL.pick(r), P_CHI_SYL.pick(r)]
    giv = (P_CHI_M if g == "L" else P_CHI_F).pick(r)
    if r() < 0.12:
        return [giv]
    return [giv, P_CHI_SUR.pick(r)]


def _sas(r, g, co, pc):
    if g == "L":
        w = ["LALU"] if r() < 0.15 else []
        w += [P_SAS_M.pick(r)] + ([P_SAS_M.pick(r)] if r() < 0.6 else [])
        return w
    w = ["BAIQ"] if r() < 0.15 else []
    w += [P_SAS_F.pick(r)] + ([P_SAS_F.pick(r)] if r() < 0.5 else [])
    return w


CULTURES = {"MUS": _mus, "JAV": _jav, "SUN": _sun, "BAL": _bal, "BAT": _bat, "MIN": _min, "ACE": _ace,
            "BUG": _bug, "EAST": _east, "CHI": _chi, "SAS": _sas}
CULTURE_MIX = {
    "11": "ACE 85 MUS 12 JAV 3", "12": "BAT 45 MUS 25 JAV 15 CHI 6 MIN 5 ACE 2", "13": "MIN 80 MUS 12 BAT 3 JAV 5",
    "14": "MUS 40 MIN 20 JAV 20 BAT 12 CHI 4 BUG 4", "15": "MUS 55 JAV 30 MIN 10 CHI 2 BAT 3",
    "16": "MUS 60 JAV 30 SUN 4 CHI 3 MIN 3", "17": "MUS 60 JAV 25 MIN 10 SUN 5", "18": "JAV 55 MUS 30 SUN 12 BAL 3",
    "19": "MUS 60 CHI 25 JAV 10 BUG 5", "21": "MUS 40 JAV 20 BAT 15 MIN 10 CHI 10 BUG 5",
    "31": "MUS 35 JAV 30 SUN 12 BAT 7 CHI 7 MIN 5 EAST 2 BUG 2", "32": "SUN 60 MUS 25 JAV 12 BAT 1 CHI 1 MIN 1",
    "33": "JAV 80 MUS 18 CHI 2", "34": "JAV 80 MUS 17 CHI 2 EAST 1", "35": "JAV 75 MUS 22 CHI 2 EAST 1",
    "36": "SUN 45 MUS 35 JAV 15 CHI 3 BAT 2", "51": "BAL 85 MUS 8 JAV 7", "52": "SAS 70 MUS 22 BAL 6 JAV 2",
    "53": "EAST 85 MUS 10 BUG 3 JAV 2", "61": "MUS 50 CHI 20 EAST 18 JAV 10 BUG 2", "62": "MUS 50 EAST 25 JAV 20 BUG 5",
    "63": "MUS 75 JAV 18 BUG 7", "64": "MUS 35 JAV 30 BUG 25 EAST 5 CHI 2 SUN 3", "65": "MUS 40 BUG 30 EAST 20 JAV 10",
    "71": "EAST 70 MUS 25 CHI 3 BUG 2", "72": "MUS 55 BUG 30 EAST 10 JAV 5", "73": "BUG 75 MUS 20 JAV 3 EAST 2",
    "74": "BUG 50 MUS 40 JAV 7 EAST 3", "75": "MUS 90 BUG 10", "76": "BUG 70 MUS 30", "81": "EAST 55 MUS 40 BUG 5",
    "82": "MUS 75 EAST 20 BUG 5",
}
for _c in ("91", "92", "93", "94", "95", "96"):
    CULTURE_MIX[_c] = "EAST 75 MUS 10 JAV 10 BUG 5"


def _culture_pool(spec):
    t = spec.split()
    return Pool([CULTURES[t[i]] for i in range(0, len(t), 2)], [float(t[i + 1]) for i in range(0, len(t), 2)])


CULTURE_POOLS = [_culture_pool(CULTURE_MIX[c]) for c in PCODES]
MUSLIM_CULTURES = {_mus, _jav, _sun, _min, _ace, _bug, _sas}


SURNAME_CULTURES = {_bat, _east}


def make_name(r, g, co, pc_i, culture=None):
    """Returns (words, prefix_title, suffix_title, suffix_separator, culture)."""
    f = culture or CULTURE_POOLS[pc_i].pick(r)
    words = f(r, g, co, PCODES[pc_i])
    pre = suf = ""
    sep = ", "
    x = r()
    if x < 0.025:
        if co == 0 and f in MUSLIM_CULTURES and r() < 0.7:
            pre = (P_PRE_M if g == "L" else P_PRE_F).pick(r)
        elif co > 0 or r() < 0.5:
            suf = P_SUF.pick(r)
            if r() < 0.3:
                sep = " "
        else:
            pre = (P_PRE_M if g == "L" else P_PRE_F).pick(r)
    return words, pre, suf, sep, f


def show_name(words, pre, suf, sep, case):
    s = " ".join(words)
    if case == 1:
        s = s.title()
    elif case == 2:
        s = s.lower()
    if pre:
        s = pre + " " + s
    if suf:
        s = s + sep + suf
    return s


TOKEN_CACHE = {}


def email_token(word):
    t = TOKEN_CACHE.get(word)
    if t is None:
        t = "".join(ch for ch in word.lower() if "a" <= ch <= "z")
        TOKEN_CACHE[word] = t
    return t


# ----------------------------------------------------------------------------------------------
# Dates and times
# ----------------------------------------------------------------------------------------------

EPOCH_ORD = dt.date(1970, 1, 1).toordinal()
HMS = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
DAYSTR = {}


def daystr(daynum):
    s = DAYSTR.get(daynum)
    if s is None:
        s = dt.date.fromordinal(EPOCH_ORD + daynum).isoformat()
        DAYSTR[daynum] = s
    return s


DINFO = {}


def dinfo(o):
    """Per ordinal: (iso, dd-mm-yyyy, dd/mm/yyyy, nik ddmmyy male, nik ddmmyy female, y, m, d, key_m, key_f)."""
    t = DINFO.get(o)
    if t is None:
        d = dt.date.fromordinal(o)
        yy = d.year % 100
        m_ = f"{d.day:02d}{d.month:02d}{yy:02d}"
        f_ = f"{d.day + 40:02d}{d.month:02d}{yy:02d}"
        t = (d.isoformat(), f"{d.day:02d}-{d.month:02d}-{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}",
             m_, f_, d.year, d.month, d.day, int(m_), int(f_))
        DINFO[o] = t
    return t


def years_before(d, n):
    try:
        return d.replace(year=d.year - n)
    except ValueError:  # 29 February
        return d.replace(year=d.year - n, day=28)


def age_on(o, closes):
    t = dinfo(o)
    return closes.year - t[5] - ((closes.month, closes.day) < (t[6], t[7]))


# registrant age distribution (integer ages 16..70)
AGE_W = {}
for _a in range(16, 71):
    if _a < 18:
        AGE_W[_a] = 0.4 if _a == 16 else 0.8
    elif _a <= 22:
        AGE_W[_a] = 3.0
    elif _a <= 27:
        AGE_W[_a] = 3.4
    elif _a <= 32:
        AGE_W[_a] = 2.8
    elif _a <= 37:
        AGE_W[_a] = 2.2
    elif _a <= 42:
        AGE_W[_a] = 1.7
    elif _a <= 47:
        AGE_W[_a] = 1.2
    elif _a <= 52:
        AGE_W[_a] = 0.9
    elif _a <= 57:
        AGE_W[_a] = 0.6
    elif _a <= 62:
        AGE_W[_a] = 0.4
    elif _a <= 64:
        AGE_W[_a] = 0.25
    else:
        AGE_W[_a] = 0.1


class AgeSampler:
    """Birth ordinals for ages drawn from a distribution, as of a reference date."""

    def __init__(self, ref, ages_weights):
        ages = sorted(ages_weights)
        self.ref = ref
        self.pool = Pool(ages, [ages_weights[a] for a in ages])
        self.hi = {a: years_before(ref, a).toordinal() for a in range(0, 120)}

    def birth(self, r):
        a = self.pool.pick(r)
        hi = self.hi[a]
        lo = self.hi[a + 1]
        return lo + 1 + int(r() * (hi - lo))


# ----------------------------------------------------------------------------------------------
# Numbers: NIK, KK, cards, contacts
# ----------------------------------------------------------------------------------------------

DBL = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9]
DISTRICTS = [f"{i:02d}" for i in (list(range(1, 16)) * 2 + list(range(16, 26)))]  # small codes are more common


def _luhn_tables():
    td = [0] * 100000
    tn = [0] * 100000
    for x in range(100000):
        sd = sn = 0
        y = x
        for pos in range(5):
            d = y % 10
            y //= 10
            if pos % 2 == 0:
                sd += DBL[d]
                sn += d
            else:
                sd += d
                sn += DBL[d]
        td[x] = sd
        tn[x] = sn
    return td, tn


LUHN_D, LUHN_N = _luhn_tables()


def luhn_card(body15):
    """16-digit card from a 15-digit body (first digit not 0) with a Luhn check digit."""
    c0, rest = divmod(body15, 10 ** 10)
    c1, c2 = divmod(rest, 100000)
    s = LUHN_D[c0] + LUHN_N[c1] + LUHN_D[c2]
    return body15 * 10 + (10 - s % 10) % 10


def luhn_ok(s):
    tot = 0
    for i, ch in enumerate(reversed(s)):
        d = ord(ch) - 48
        tot += DBL[d] if i % 2 else d
    return tot % 10 == 0


# bijections (affine maps modulo 10^k / 9*10^14) keep numbers unique and scattered
KK_A, KK_B = 31415926535897, 27182818284590          # mod 10^14; A coprime with 10
CARD_A, CARD_B = 314159265358979, 161803398874989    # mod 9*10^14; A coprime with 2, 3, 5
PH_A, PH_B = 73939133, 12345679                      # mod 10^8
EM_A, EM_B = 7919, 104729                            # mod 10^d


def phone_display(n, k):
    """Phone national number n ('8…') in display form k."""
    if k < 35:
        return "0" + n
    if k < 50:
        return "62" + n
    if k < 64:
        return "+62" + n
    if k < 74:
        return f"0{n[:3]}-{n[3:7]}-{n[7:]}"
    if k < 82:
        return f"+62 {n[:3]}-{n[3:7]}-{n[7:]}"
    if k < 87:
        return f"+62 {n[:3]} {n[3:7]} {n[7:]}"
    if k < 90:
        return "0062" + n
    if k < 94:
        return f"(0{n[:3]}) {n[3:7]}.{n[7:]}"
    return f"0{n[:3]} {n[3:7]} {n[7:]}"


# ----------------------------------------------------------------------------------------------
# Invalid values for planted invalid_data rows (§4.1)
# ----------------------------------------------------------------------------------------------

FIELDS = ["registration_id", "nik", "kk", "full_name", "birth_date", "gender", "email", "phone",
          "province_code", "occupation", "registered_at"]
F_ID, F_NIK, F_KK, F_NAME, F_BIRTH, F_GENDER, F_EMAIL, F_PHONE, F_PROV, F_OCC, F_TS = range(11)
INVALID_FIELDS = [F_ID, F_KK, F_NAME, F_BIRTH, F_GENDER, F_EMAIL, F_PHONE, F_PROV, F_OCC, F_TS]
NIK_STRUCT_KINDS = ["province", "day", "month", "serial"]
ROW_KINDS = ["extra_field", "text_after_quote", "invalid_utf8", "blank_line", "missing_id", "duplicate_id",
             "nik_15_digits", "nik_letters"]
ROW_REASON = {"extra_field": "malformed_csv", "text_after_quote": "malformed_csv", "invalid_utf8": "invalid_encoding",
              "blank_line": "malformed_csv", "missing_id": "missing_registration_id",
              "duplicate_id": "duplicate_registration_id", "nik_15_digits": "invalid_nik", "nik_letters": "invalid_nik"}


def invalid_value(r, field, row, closes):
    """A value that fails §4.1 for `field`; derived from the row so it looks like a real slip."""
    k = int(r() * 8)
    if field == F_ID:
        rid = row.rid
        return [rid[:3] + " " + rid[3:], rid.replace("-", "\u2013"), rid + "-" + "X" * 62, rid + "\u00e9",
                rid.replace("-", "_") + "\u00a0", rid[:4] + "\t" + rid[4:], "#" + rid + "\u200b", rid + " (2)"][k]
    if field == F_KK:
        kk = row.kk
        return [kk[:15], kk + "7", kk[:6] + "O" + kk[7:], "00" + kk[2:], "99" + kk[2:], "", kk[:8] + " " + kk[8:],
                "20" + kk[2:]][k]
    if field == F_NAME:
        nm = " ".join(row.words)
        return [nm + " 2", nm.replace(" ", "_") if " " in nm else nm + "_", "-", "", nm.split()[0] + "@" + nm.split()[-1],
                ("SITI " * 21).strip(), nm.split()[0] + ' "NENG" ' + nm.split()[-1], nm.split()[0] + "1"][k]
    if field == F_BIRTH:
        t = dinfo(row.birth)
        y = t[5]
        return [f"30-02-{y}", f"31/04/{y}", f"{y}-13-{t[7]:02d}", f"{y}/{t[6]:02d}/{t[7]:02d}",
                f"{t[7]}-{t[6]}-{y % 100:02d}", f"{y}{t[6]:02d}{t[7]:02d}", "", f"{closes.year + 1}-01-15",
                "1899-12-31", f"29-02-{2001 + 4 * int(r() * 5) + 1}", f"{t[7]:02d}.{t[6]:02d}.{y}",
                (closes + dt.timedelta(days=1)).isoformat()][int(r() * 12)]
    if field == F_GENDER:
        return ["X", "M", "F", "W", "LAKI-LAKI", "PEREMPUAN", "", "l."][k]
    if field == F_EMAIL:
        e = row.email.lower()
        loc, _, dom = e.partition("@")
        return [loc + "." + dom, loc + "@@" + dom, loc + "@" + dom.split(".")[0], "@" + dom,
                loc + " @" + dom, loc + "@" + dom.replace(".", ".."), loc + "@", ""][k] if int(r() * 9) else e + "."
    if field == F_PHONE:
        return ["0812345", "021-5551234", "+1 555 123 4567", "0840 1234 5678", "08123456789012345",
                "0812-ABCD-5678", "", "(022) 7654321"][k]
    if field == F_PROV:
        return ["99", "00", row.dom[:1], row.dom + "0", "JB", "", "20", "37"][k]
    if field == F_OCC:
        return ["petani", "pelajar", "unemployed", "", "ojek online", "ibu rumah tangga", "wiraswasta",
                "retired"][k]
    if field == F_TS:
        return ["{d} {t}", "{dmy} {hm}", "{d}T25:10:00", "{d}T{hm}", "{d}", "{d}T{t}+0700", "", "{d}T{t} WIB"][k]
    raise ValueError(field)


# ----------------------------------------------------------------------------------------------
# Rows
# ----------------------------------------------------------------------------------------------


class Row:
    """One registration slot of a wave (a base person, possibly replaced by a planted case)."""

    __slots__ = ("rid", "nik", "kk", "words", "pre", "suf", "sep", "case", "birth", "bfmt", "gender", "glow",
                 "email", "phone", "pnat", "enorm", "pi", "dom", "occ", "t", "over", "bad", "state", "kind",
                 "excl", "cult")

    def person_copy(self, other):
        self.nik, self.kk, self.words, self.pre, self.suf, self.sep = (other.nik, other.kk, list(other.words),
                                                                        other.pre, other.suf, other.sep)
        self.birth, self.gender, self.pi, self.dom = other.birth, other.gender, other.pi, other.dom


S_FREE, S_SOURCE, S_TARGET = 0, 1, 2


class Generator:
    def __init__(self, args):
        self.args = args
        self.seed = args.seed
        self.buckets = {}        # (province, NIK date) -> serials handed out
        self.fam = 0             # KK counter
        self.cidx = 0            # contact counter
        self.cards = 0           # card counter
        self.planted_niks = set()
        self.legacy_pool = []    # sampled legacy participants
        self.legacy_full_kks = []  # KKs with >= 2 Lulus legacy participants
        self.prev_wave_pool = []
        self.truth = None
        est = args.participants + args.waves * args.registrations * 2 + 1000
        self.em_mod = 10 ** max(4, len(str(est)))
        self.phone_prefix = Pool(PHONE_PREFIXES)
        self.domains = Pool(EMAIL_DOMAINS)
        self.prov_pool = Pool(list(range(NPROV)), [p[2] for p in PROVINCES])
        mig = sorted(MIGRATION.items())
        self.mig_pool = Pool([m[0] for m in mig], [m[1] for m in mig])
        self.regencies = [[f"{i:02d}" for i in range(1, p[3] + 1)] + [f"{71 + i:02d}" for i in range(p[4])]
                          for p in PROVINCES]
        occ = list(OCC_WEIGHTS)
        self.occ_pool = Pool(occ, [OCC_WEIGHTS[o] for o in occ])
        self.eligible_pool = Pool(ELIGIBLE, [OCC_WEIGHTS[o] for o in ELIGIBLE])
        self.stats = []

    # --- identities -----------------------------------------------------------------------------

    def new_nik(self, r, pi, birth, gender):
        """A structurally valid NIK; the serial counts people per (province, NIK date), so NIKs are unique."""
        t = DINFO.get(birth) or dinfo(birth)
        if gender == "P":
            key = (pi << 24) | t[9]
            dd = t[4]
        else:
            key = (pi << 24) | t[8]
            dd = t[3]
        buckets = self.buckets
        c = buckets.get(key, 0)
        buckets[key] = c + 1
        regs = self.regencies[pi]
        x = r()
        if c < 9999:
            return f"{PCODES[pi]}{regs[int(x * len(regs))]}{DISTRICTS[int(x * x * 997) % 40]}{dd}{c + 1:04d}"
        # more than 9999 people of one province share a birth date: use districts 91..99
        q, rem = divmod(c, 9999)
        return f"{PCODES[pi]}{regs[int(x * len(regs))]}{90 + q:02d}{dd}{rem + 1:04d}"

    def new_kk(self, pi):
        self.fam += 1
        return f"{PCODES[pi]}{(self.fam * KK_A + KK_B) % 10 ** 14:014d}"

    def new_card(self):
        self.cards += 1
        return str(luhn_card((self.cards * CARD_A + CARD_B) % (9 * 10 ** 14) + 10 ** 14))

    def new_contacts(self, r, token):
        """(phone national number, email lower-case) unique to a fresh contact index."""
        self.cidx += 1
        c = self.cidx
        sub = f"{(c * PH_A + PH_B) % 10 ** 8:08d}"
        if r() < 0.3:
            sub += str(int(r() * 10))
        pnat = self.phone_prefix.pick(r) + sub
        num = (c * EM_A + EM_B) % self.em_mod
        x = r()
        tok = token or "user"
        # the digits identify the contact index, so every address is unique
        if x < 0.65:
            loc = f"{tok}{num}"
        elif x < 0.85:
            loc = f"{tok}.{num}"
        else:
            loc = f"{tok}_{num}"
        return pnat, f"{loc}@{self.domains.pick(r)}"

    def planted_nik(self, r, kind, row):
        """A 16-digit NIK whose structure is invalid (§6.1) in one part; unique."""
        while True:
            base = self.new_nik(r, row.pi, row.birth, row.gender)
            if kind == "province":
                n = UNKNOWN_PROVINCES[int(r() * len(UNKNOWN_PROVINCES))] + base[2:]
            elif kind == "day":
                n = base[:6] + ["35", "00", "32", "72", "39"][int(r() * 5)] + base[8:]
            elif kind == "month":
                n = base[:8] + ["13", "00", "21"][int(r() * 3)] + base[10:]
            else:
                n = base[:12] + "0000"
            if n not in self.planted_niks:
                self.planted_niks.add(n)
                return n

    def write_truth(self, kind, rid, other, detail):
        if self.truth is not None:
            self.truth.append(f"{kind},{csv_field(rid)},{csv_field(other)},{csv_field(detail)}\n")

    # --- legacy participants ------------------------------------------------------------------

    def write_participants(self, path, m, legacy_waves, schedule):
        r = random.Random(f"{self.seed}:participants")
        rnd = r.random
        ref = schedule[legacy_waves[0]][0]
        ages = AgeSampler(ref, {a: AGE_W[a] for a in range(18, 63)})
        birth = ages.birth
        prov_pick = self.prov_pool.pick
        new_nik, new_kk, new_card, new_contacts = self.new_nik, self.new_kk, self.new_card, self.new_contacts
        nl = len(legacy_waves)
        keep_every = max(1, m // 200000)
        fam_ring = []       # [kk, pi, lulus count]
        full = self.legacy_full_kks
        pool = self.legacy_pool
        buf = []
        out = open(path, "wb")
        out.write(b"nik,kk,wave,status,card_number,notice_date,phone,email\n")
        t0 = time.perf_counter()
        idx = 0
        for wi, w in enumerate(legacy_waves):
            notice = schedule[w][2].isoformat()
            cnt = m * (wi + 1) // nl - m * wi // nl
            ws = str(w)
            for _ in range(cnt):
                idx += 1
                g = "L" if rnd() < 0.5 else "P"
                bo = birth(rnd)
                lulus = rnd() >= 0.05
                x = rnd()
                if x < 0.09 and fam_ring:
                    fe = fam_ring[int(rnd() * len(fam_ring))]
                    kk, pi = fe[0], fe[1]
                    if lulus:
                        fe[2] += 1
                        if fe[2] == 2:
                            if len(full) < 100000:
                                full.append((kk, pi))
                            else:
                                full[int(rnd() * 100000)] = (kk, pi)
                else:
                    pi = prov_pick(rnd)
                    kk = new_kk(pi)
                    if x < 0.2:
                        fe = [kk, pi, 1 if lulus else 0]
                        if len(fam_ring) < 50000:
                            fam_ring.append(fe)
                        else:
                            fam_ring[int(rnd() * 50000)] = fe
                nik = new_nik(rnd, pi, bo, g)
                tok = email_token((P_MUS_M_YOUNG if g == "L" else P_MUS_F_YOUNG).pick(rnd))
                pnat, email = new_contacts(rnd, tok)
                y = rnd()
                phone = "" if y < 0.08 else ("+62" + pnat if y < 0.85 else "0" + pnat)
                if rnd() < 0.1:
                    email = ""
                card = new_card()
                buf.append(f"{nik},{kk},{ws},{'Lulus' if lulus else 'Dicabut'},{card},{notice},{phone},{email}\n")
                if idx % keep_every == 0:
                    pool.append((nik, kk, pi, bo, g, "Lulus" if lulus else "Dicabut", w,
                                 "+62" + pnat if phone else "", email))
                if len(buf) >= 20000:
                    out.write("".join(buf).encode())
                    buf.clear()
        out.write("".join(buf).encode())
        out.close()
        el = time.perf_counter() - t0
        self.stats.append(("participants", m, el))
        log(f"participants.csv: {m} rows in {el:.1f}s ({m / max(el, 1e-9):,.0f} rows/s)")

    # --- waves --------------------------------------------------------------------------------

    def base_person(self, r, row, pi, kk, ages, closes, birth=None, gender=None, dom=None):
        rnd = r.random
        row.pi = pi
        row.kk = kk
        row.gender = gender or ("L" if rnd() < 0.51 else "P")
        row.birth = birth if birth is not None else ages.birth(rnd)
        y = dinfo(row.birth)[5]
        co = 0 if y < 1975 else (1 if y < 1995 else 2)
        row.words, row.pre, row.suf, row.sep, row.cult = make_name(rnd, row.gender, co, pi)
        row.nik = self.new_nik(rnd, pi, row.birth, row.gender)
        if dom is None:
            dom = PCODES[pi] if rnd() >= 0.1 else self.mig_pool.pick(rnd)
        row.dom = dom
        self.fresh_contacts(r, row)
        self.fresh_style(r, row)

    def fresh_contacts(self, r, row):
        rnd = r.random
        ws = row.words
        if len(ws[0]) > 2 or len(ws) == 1:
            tok = email_token(ws[0])
            if rnd() < 0.2 and len(ws) > 1:
                tok += email_token(ws[-1])
        else:
            tok = email_token(ws[-1])
        row.pnat, row.enorm = self.new_contacts(rnd, tok)
        row.email = row.enorm.upper() if rnd() < 0.03 else row.enorm
        row.phone = phone_display(row.pnat, int(rnd() * 100))

    def fresh_style(self, r, row):
        rnd = r.random
        x = rnd()
        row.case = 0 if x < 0.91 else (1 if x < 0.985 else 2)
        x = rnd()
        row.bfmt = 0 if x < 0.6 else (1 if x < 0.85 else 2)
        row.glow = rnd() < 0.04
        occ = self.occ_pool.pick(rnd)
        x = rnd()
        row.occ = occ if x < 0.93 else (occ.upper() if x < 0.96 else occ.title())

    def wave(self, w, n, k, schedule, wave_dir, legacy_waves, first_wave):
        a = self.args
        opens, closes, announce = schedule[w]
        r = random.Random(f"{self.seed}:wave:{w}")
        rnd = r.random
        os.makedirs(os.path.join(wave_dir, "registrants"), exist_ok=True)
        os.makedirs(os.path.join(wave_dir, "exclusions"), exist_ok=True)
        self.write_wave_toml(r, w, n, schedule, wave_dir, legacy_waves, first_wave)
        ages = AgeSampler(closes, AGE_W)
        days = (closes - opens).days + 1
        t0_ms = ((opens.toordinal() - EPOCH_ORD) * 86400 - 7 * 3600) * 1000
        # per-minute registration intensity: more on the first day and in the evening
        hour_w = [0.2] * 6 + [0.7] * 3 + [1.2] * 4 + [1.0] * 5 + [1.3] * 4 + [0.6] * 2
        mw = []
        for d in range(days):
            dw = 1.3 if d == 0 else (1.1 if d == days - 1 else 1.0)
            for h in range(24):
                mw.extend([dw * hour_w[h]] * 60)
        mcum = list(accumulate(mw))
        mtot = mcum[-1]
        width = max(7, len(str(n)))
        prefix = f"R{w}-"

        # planted totals for the wave (spread over chunks)
        totals = {}
        mn = 1 if n >= 200 else 0

        def tot(name, share):
            totals[name] = max(mn if share > 0 else 0, round(share * n))

        has_legacy = bool(self.legacy_pool)
        tot("legacy", a.legacy_share if has_legacy else 0)
        tot("family_limit", a.family_limit_share if self.legacy_full_kks else 0)
        tot("reregister", a.reregister_share if self.prev_wave_pool else 0)
        tot("duplicate", a.duplicate_share)
        tot("same_person", a.same_person_share)
        tot("shared_contact", a.shared_contact_share)
        tot("mismatch", a.mismatch_share)
        tot("age_boundary", a.age_boundary_share)
        for f in INVALID_FIELDS:
            tot(f"f{f}", a.bad_share * 0.40 / len(INVALID_FIELDS))
        for s in NIK_STRUCT_KINDS:
            tot(f"s{s}", a.bad_share * 0.15 / len(NIK_STRUCT_KINDS))
        for b in ROW_KINDS:
            tot(f"r{b}", a.bad_share * 0.45 / len(ROW_KINDS))
        tot("exclusions", a.exclusions_share)

        # files
        files = self.open_registrant_files(r, wave_dir, k)
        excl = []  # (nik, programs)
        legacy_order = list(range(len(self.legacy_pool)))
        r.shuffle(legacy_order)
        legacy_ptr = 0
        prev_order = list(range(len(self.prev_wave_pool)))
        r.shuffle(prev_order)
        prev_ptr = 0
        next_pool = []
        keep_every = max(1, n // 100000)
        t_start = time.perf_counter()
        chunk = 50000
        sticky = [None]  # file forced for the row after a blank line
        rings = [[] for _ in range(k)]
        nchunks = (n + chunk - 1) // chunk
        for ci in range(nchunks):
            s0 = ci * chunk
            s1 = min(n, s0 + chunk)
            cn = s1 - s0

            def alloc(name):
                t = totals.get(name, 0)
                return t * s1 // n - t * s0 // n

            # --- times: sorted instants (ms) in this chunk's share of the registration period
            lo_u, hi_u = s0 / n * mtot, s1 / n * mtot
            us = sorted(lo_u + rnd() * (hi_u - lo_u) for _ in range(cn))
            times = []
            for u in us:
                mi = bisect_right(mcum, u)
                if mi >= len(mcum):
                    mi = len(mcum) - 1
                prev = mcum[mi - 1] if mi else 0.0
                frac = (u - prev) / mw[mi]
                times.append(t0_ms + int((mi * 60 + min(frac, 0.999999) * 60) * 1000))
            tsec = [t // 1000 for t in times]

            # --- base persons in families, shuffled over the slots
            rows = []
            fams = []  # lists of row objects of multi-member families
            twins = []
            while len(rows) < cn:
                x = rnd()
                pi = self.prov_pool.pick(rnd)
                kk = self.new_kk(pi)
                left = cn - len(rows)
                if x < a.twins_share and left >= 2:
                    r1 = Row()
                    self.base_person(r, r1, pi, kk, ages, closes)
                    r2 = Row()
                    self.base_person(r, r2, pi, kk, ages, closes, birth=r1.birth, gender=r1.gender, dom=r1.dom)
                    # a sibling's name from the same naming tradition; family names are shared
                    y = dinfo(r1.birth)[5]
                    co = 0 if y < 1975 else (1 if y < 1995 else 2)
                    for _t in range(20):
                        r2.words, r2.pre, r2.suf, r2.sep, r2.cult = make_name(rnd, r1.gender, co, pi, r1.cult)
                        if r2.words[0] != r1.words[0] and r2.words[-1] != r1.words[0]:
                            break
                    if r1.cult in SURNAME_CULTURES and len(r1.words) > 1 and len(r2.words) > 1:
                        r2.words[-1] = r1.words[-1]
                    self.fresh_contacts(r, r2)
                    rows += [r1, r2]
                    twins.append((r1, r2))
                elif x < a.twins_share + a.family_share and left >= 2:
                    size = min(left, [2, 2, 2, 2, 3, 3, 4, 5][int(rnd() * 8)])
                    members = []
                    dom = PCODES[pi] if rnd() >= 0.1 else self.mig_pool.pick(rnd)
                    for _ in range(size):
                        rr = Row()
                        self.base_person(r, rr, pi, kk, ages, closes, dom=dom)
                        members.append(rr)
                    rows += members
                    fams.append(members)
                else:
                    rr = Row()
                    self.base_person(r, rr, pi, kk, ages, closes)
                    rows.append(rr)
            r.shuffle(rows)
            for i, rr in enumerate(rows):
                rr.rid = f"{prefix}{s0 + i + 1:0{width}d}"
                rr.t = times[i]
                rr.over = None
                rr.bad = None
                rr.state = S_FREE
                rr.kind = None
                rr.excl = False
            pos = {id(rr): i for i, rr in enumerate(rows)}
            for r1, r2 in twins:
                i1, i2 = sorted((pos[id(r1)], pos[id(r2)]))
                rows[i1].state = rows[i2].state = S_SOURCE
                self.write_truth("twins", rows[i2].rid, rows[i1].rid, "same kk and birth date; different people")
            for members in fams:
                idxs = sorted(pos[id(m)] for m in members)
                for j in idxs:
                    rows[j].state = S_SOURCE
                for j in idxs[1:]:
                    self.write_truth("family", rows[j].rid, rows[idxs[0]].rid, f"kk shared by {len(idxs)} registrants")

            # --- planting helpers
            def free_slot(lo_frac=0.0):
                lo = int(cn * lo_frac)
                for _ in range(60):
                    j = lo + int(rnd() * (cn - lo))
                    if rows[j].state == S_FREE:
                        return j
                return None

            def source_before(j):
                lim = bisect_right(tsec, tsec[j] - 1)  # strictly earlier second
                if lim <= 0:
                    return None
                for _ in range(60):
                    i = int(rnd() * lim)
                    if rows[i].state in (S_FREE, S_SOURCE) and rows[i].kind is None:
                        return i
                return None

            def pair(lo_frac=0.1):
                j = free_slot(lo_frac)
                if j is None:
                    return None, None
                i = source_before(j)
                if i is None:
                    return None, None
                return i, j

            # legacy participants registering again
            for _ in range(alloc("legacy")):
                if legacy_ptr >= len(legacy_order):
                    break
                j = free_slot()
                if j is None:
                    continue
                lp = self.legacy_pool[legacy_order[legacy_ptr]]
                legacy_ptr += 1
                nik, kk, pi, bo, g, status, lw, lphone, lemail = lp
                rr = rows[j]
                self.base_person(r, rr, pi, kk, ages, closes, birth=bo, gender=g)
                rr.nik = nik
                if rnd() < 0.5 and lphone:
                    rr.pnat = lphone[3:]
                    rr.phone = phone_display(rr.pnat, int(rnd() * 100))
                if rnd() < 0.5 and lemail:
                    rr.enorm = rr.email = lemail
                rr.occ = self.eligible_pool.pick(rnd)
                rr.state, rr.kind = S_TARGET, "legacy"
                self.write_truth("already_participant" if status == "Lulus" else "revoked", rr.rid, "", f"wave {lw}")

            # a KK that already has two current legacy participants
            for _ in range(alloc("family_limit")):
                j = free_slot()
                if j is None:
                    continue
                kk, pi = self.legacy_full_kks[int(rnd() * len(self.legacy_full_kks))]
                rr = rows[j]
                self.base_person(r, rr, pi, kk, ages, closes)
                rr.occ = self.eligible_pool.pick(rnd)
                rr.state, rr.kind = S_TARGET, "family_limit"
                self.write_truth("family_limit", rr.rid, "", f"kk {kk}")

            # registrants of the previous generated wave again
            for _ in range(alloc("reregister")):
                if prev_ptr >= len(prev_order):
                    break
                j = free_slot()
                if j is None:
                    continue
                p = self.prev_wave_pool[prev_order[prev_ptr]]
                prev_ptr += 1
                rr = rows[j]
                (rr.nik, rr.kk, words, rr.pre, rr.suf, rr.sep, rr.birth, rr.gender, rr.pi, rr.dom, pnat, enorm,
                 prid) = p
                rr.words = list(words)
                if rnd() < 0.3:
                    self.fresh_contacts(r, rr)
                else:
                    rr.pnat, rr.enorm, rr.email = pnat, enorm, enorm
                    rr.phone = phone_display(pnat, int(rnd() * 100))
                self.fresh_style(r, rr)
                rr.state, rr.kind = S_TARGET, "reregister"
                self.write_truth("reregistration", rr.rid, prid, f"wave {w - 1}")

            # duplicate registrations of one NIK
            for _ in range(alloc("duplicate")):
                i, j = pair()
                if i is None:
                    continue
                src, rr = rows[i], rows[j]
                rr.person_copy(src)
                rr.pnat, rr.enorm, rr.email, rr.phone = src.pnat, src.enorm, src.email, src.phone
                rr.case, rr.bfmt, rr.glow, rr.occ = src.case, src.bfmt, src.glow, src.occ
                x = rnd()
                if x < 0.4:
                    how = "copy"
                elif x < 0.75:
                    how = "new_contacts"
                    self.fresh_contacts(r, rr)
                else:
                    how = "changed"
                    self.fresh_style(r, rr)
                src.state = S_SOURCE
                rr.state, rr.kind = S_TARGET, "duplicate"
                self.write_truth("duplicate_registration", rr.rid, src.rid, how)

            # the same person under another NIK
            for _ in range(alloc("same_person")):
                i, j = pair()
                if i is None:
                    continue
                src, rr = rows[i], rows[j]
                if src.kind is not None:
                    continue
                words, pre, suf, sep, how = name_variant(r, src.words, src.pre, src.suf, src.sep, src.gender)
                if how is None:
                    continue
                rr.person_copy(src)
                rr.words, rr.pre, rr.suf, rr.sep = words, pre, suf, sep
                rr.nik = self.new_nik(rnd, src.pi, src.birth, src.gender)
                if rnd() < 0.5:
                    rr.kk = self.new_kk(src.pi)
                self.fresh_style(r, rr)
                rr.occ = self.eligible_pool.pick(rnd) if rnd() < 0.5 else src.occ
                x = rnd()
                self.fresh_contacts(r, rr)
                shared = ""
                if x < 0.25:
                    rr.enorm = src.enorm
                    rr.email = src.enorm.upper() if rnd() < 0.2 else src.enorm
                    shared = "email"
                elif x < 0.4:
                    rr.pnat = src.pnat
                    rr.phone = phone_display(src.pnat, int(rnd() * 100))
                    shared = "phone"
                src.state = S_SOURCE
                rr.state, rr.kind = S_TARGET, "same_person"
                self.write_truth("same_person", rr.rid, src.rid, how)
                if shared:
                    self.write_truth("shared_contact", rr.rid, src.rid, shared)

            # shared contacts: with an earlier registrant or with a legacy participant
            for _ in range(alloc("shared_contact")):
                j = free_slot(0.1)
                if j is None:
                    continue
                rr = rows[j]
                x = rnd()
                what = "phone" if x < 0.45 else ("email" if x < 0.85 else "phone;email")
                if has_legacy and rnd() < 0.3:
                    lp = self.legacy_pool[int(rnd() * len(self.legacy_pool))]
                    if (("phone" in what and not lp[7]) or ("email" in what and not lp[8])
                            or lp[0] == rr.nik):
                        continue
                    if "phone" in what:
                        rr.pnat = lp[7][3:]
                        rr.phone = phone_display(rr.pnat, int(rnd() * 100))
                    if "email" in what:
                        rr.enorm = lp[8]
                        rr.email = lp[8].upper() if rnd() < 0.2 else lp[8]
                    rr.state, rr.kind = S_TARGET, "shared_contact"
                    self.write_truth("shared_contact", rr.rid, "", what + " legacy")
                    continue
                i = source_before(j)
                if i is None:
                    continue
                src = rows[i]
                if "phone" in what:
                    rr.pnat = src.pnat
                    rr.phone = phone_display(src.pnat, int(rnd() * 100))
                if "email" in what:
                    rr.enorm = src.enorm
                    rr.email = src.enorm.upper() if rnd() < 0.2 else src.enorm
                src.state = S_SOURCE
                rr.state, rr.kind = S_TARGET, "shared_contact"
                self.write_truth("shared_contact", rr.rid, src.rid, what)

            # NIK date or gender disagreeing with birth_date / gender
            for _ in range(alloc("mismatch")):
                j = free_slot()
                if j is None:
                    continue
                rr = rows[j]
                nt = dinfo(rr.birth)
                if rnd() < 0.35:
                    rr.gender = "P" if rr.gender == "L" else "L"
                    detail = "nik_gender_mismatch gender"
                else:
                    y, m, d = nt[5], nt[6], nt[7]
                    x = rnd()
                    if x < 0.3 and d <= 12 and d != m:
                        nb = dt.date(y, d, m)
                    elif x < 0.6:
                        nb = dt.date.fromordinal(rr.birth) + dt.timedelta(days=1 if d < 28 else -1)
                    elif x < 0.8:
                        nb = years_before(dt.date.fromordinal(rr.birth), 1 if rnd() < 0.5 else -1)
                    else:
                        nm = m % 12 + 1
                        nb = dt.date(y, nm, min(d, 28))
                    nbo = nb.toordinal()
                    bt = dinfo(nbo)
                    parts = [p for p, u, v in (("day", d, bt[7]), ("month", m, bt[6]), ("year", y % 100, bt[5] % 100))
                             if u != v]
                    if not parts or nbo > closes.toordinal():
                        continue
                    rr.birth = nbo
                    detail = "nik_birthdate_mismatch " + ";".join(parts)
                rr.state, rr.kind = S_TARGET, "mismatch"
                self.write_truth("nik_mismatch", rr.rid, "", detail)

            # birth dates right on the age limits
            for _ in range(alloc("age_boundary")):
                j = free_slot()
                if j is None:
                    continue
                rr = rows[j]
                x = int(rnd() * 4)
                lim = [MIN_AGE, MIN_AGE, MAX_AGE + 1, MAX_AGE + 1][x]
                bo = years_before(closes, lim).toordinal() + (1 if x in (1, 2) else 0)
                rr.birth = bo
                rr.nik = self.new_nik(rnd, rr.pi, bo, rr.gender)
                ag = age_on(bo, closes)
                rr.state, rr.kind = S_TARGET, "age_boundary"
                self.write_truth("age_boundary", rr.rid, "",
                                 f"age {ag} {'in_range' if MIN_AGE <= ag <= MAX_AGE else 'out_of_range'}")

            # invalid §4.1 fields
            for f in INVALID_FIELDS:
                for _ in range(alloc(f"f{f}")):
                    j = free_slot()
                    if j is None:
                        continue
                    rr = rows[j]
                    v = invalid_value(rnd, f, rr, closes)
                    rr.over = {f: v}
                    rr.state, rr.kind = S_TARGET, "invalid"
                    self.write_truth("invalid_data", rr.rid if f != F_ID else v, "", FIELDS[f])

            # NIKs with an invalid inner structure
            for s in NIK_STRUCT_KINDS:
                for _ in range(alloc(f"s{s}")):
                    j = free_slot()
                    if j is None:
                        continue
                    rr = rows[j]
                    rr.nik = self.planted_nik(rnd, s, rr)
                    rr.state, rr.kind = S_TARGET, "nik_structure"
                    self.write_truth("invalid_nik_structure", rr.rid, "", s)

            # row-level rejections (written at output time, where file and line are known)
            for b in ROW_KINDS:
                for _ in range(alloc(f"r{b}")):
                    j = free_slot()
                    if j is None:
                        continue
                    if b == "blank_line" and s1 == n and j == cn - 1:
                        continue
                    rows[j].bad = b
                    rows[j].state, rows[j].kind = S_TARGET, "bad"

            # exclusions (other programmes)
            for _ in range(alloc("exclusions")):
                for _t in range(30):
                    j = int(rnd() * cn)
                    rr = rows[j]
                    if rr.state != S_TARGET and not rr.excl:
                        break
                else:
                    continue
                rr.excl = True
                x = rnd()
                progs = ["BSU"] if x < 0.45 else (["DTKS"] if x < 0.85 else ["BSU", "DTKS"])
                excl.append((rr.nik, progs))
                self.write_truth("other_program", rr.rid, "", ";".join(progs))

            # natural cases: age and occupation
            cl_y, cl_md = closes.year, (closes.month, closes.day)
            for rr in rows:
                if rr.bad is not None or rr.kind == "duplicate":
                    continue
                ov = rr.over
                rid = ov.get(F_ID, rr.rid) if ov else rr.rid
                if not ov or F_BIRTH not in ov:
                    t = dinfo(rr.birth)
                    ag = cl_y - t[5] - (cl_md < (t[6], t[7]))
                    if (ag < MIN_AGE or ag > MAX_AGE) and rr.kind != "age_boundary":
                        self.write_truth("age_out_of_range", rid, "", f"age {ag}")
                if not ov or F_OCC not in ov:
                    o = rr.occ.lower()
                    if o in EXCLUDED:
                        self.write_truth("excluded_occupation", rid, "", o)

            # keep a sample of clean persons for the next wave
            for i in range(0, cn, keep_every):
                rr = rows[i]
                if rr.state != S_TARGET and len(next_pool) < 100000:
                    next_pool.append((rr.nik, rr.kk, tuple(rr.words), rr.pre, rr.suf, rr.sep, rr.birth, rr.gender,
                                      rr.pi, rr.dom, rr.pnat, rr.enorm, rr.rid))

            # --- output in shuffled order, spread over the files
            order = list(range(cn))
            r.shuffle(order)
            last_chunk = s1 == n
            if last_chunk:  # a blank line written last would be a trailing (ignored) empty line
                for q in range(cn - 1, -1, -1):
                    if rows[order[q]].bad != "blank_line":
                        order.append(order.pop(q))
                        break
            for j in order:
                rr = rows[j]
                if sticky[0] is not None:
                    fi = sticky[0]
                    sticky[0] = None
                else:
                    fi = int(rnd() * k)
                self.emit(r, files, fi, rr, closes, rings, sticky, w)
            self.flush_files(files, force=False)
            if ci % 20 == 19:
                el = time.perf_counter() - t_start
                log(f"  wave {w}: {s1:,} rows, {s1 / max(el, 1e-9):,.0f} rows/s")
        if a.planted_file_errors:
            self.plant_file_errors(r, files, w, closes)
        self.flush_files(files, force=True)
        for f in files:
            f["fh"].close()
        self.prev_wave_pool = next_pool
        self.write_exclusions(r, wave_dir, excl, ages, w)
        el = time.perf_counter() - t_start
        self.stats.append((f"wave {w}", n, el))
        log(f"wave {w}: {n} registrations in {el:.1f}s ({n / max(el, 1e-9):,.0f} rows/s)")

    # --- files ----------------------------------------------------------------------------------

    def open_registrant_files(self, r, wave_dir, k):
        files = []
        for fi in range(k):
            cols = list(range(11))
            crlf = bom = alamat = quote_all = False
            names = list(FIELDS)
            if fi == 0:
                crlf = bom = True
            elif fi == 1:
                cols.reverse()
                alamat = True
            else:
                rr = random.Random(f"{self.seed}:cols:{fi}")
                rr.shuffle(cols)
                if fi == 2:
                    names = [x.upper() for x in FIELDS]
                elif fi == 3:
                    quote_all = True
                    names = [(" " + x if i % 3 == 0 else x) for i, x in enumerate(FIELDS)]
            if k == 1:
                alamat = True
            rel = f"registrants/export-{fi + 1}.csv"
            path = os.path.join(wave_dir, rel)
            header = ",".join(names[c] for c in cols) + (",alamat" if alamat else "")
            nl = "\r\n" if crlf else "\n"
            fh = open(path, "wb")
            files.append({"fh": fh, "rel": os.path.relpath(path, self.args.out_dir), "cols": cols,
                          "get": itemgetter(*cols), "nl": nl, "alamat": alamat, "quote_all": quote_all,
                          "buf": [("\ufeff" if bom else "") + header + nl], "size": 0, "line": 2})
        return files

    def flush_files(self, files, force):
        for f in files:
            if f["buf"] and (force or f["size"] > 1 << 22):
                f["fh"].write("".join(f["buf"]).encode("utf-8", "surrogateescape"))
                f["buf"].clear()
                f["size"] = 0

    def fields_of(self, r, rr, closes):
        rnd = r.random
        bt = dinfo(rr.birth)
        g = rr.gender.lower() if rr.glow else rr.gender
        t = rr.t
        x = rnd()
        if x < 0.30:
            off, zone = 0, "Z"
        elif x < 0.55:
            off, zone = 25200, "+07:00"
        elif x < 0.92:
            off, zone = 25200, ""
        else:
            h = PROVINCES[PIDX[rr.dom]][5] if rr.dom in PIDX else 7
            off, zone = h * 3600, f"+{h:02d}:00"
        secs, ms = divmod(t, 1000)
        secs += off
        dnum, sod = divmod(secs, 86400)
        y = rnd()
        frac = "" if y < 0.8 else (f".{ms:03d}" if y < 0.95 else (f".{ms:03d}{int(rnd() * 1000):03d}" if y < 0.99
                                                                   else f".{ms // 100}"))
        ts = f"{daystr(dnum)}T{HMS[sod]}{frac}{zone}"
        fields = [rr.rid, rr.nik, rr.kk, show_name(rr.words, rr.pre, rr.suf, rr.sep, rr.case), bt[rr.bfmt], g,
                  rr.email, rr.phone, rr.dom, rr.occ, ts]
        if rr.over:
            for fi, v in rr.over.items():
                if fi == F_TS:
                    hm = HMS[sod][:5]
                    v = v.format(d=daystr(dnum), t=HMS[sod], hm=hm,
                                 dmy=daystr(dnum)[8:10] + "/" + daystr(dnum)[5:7] + "/" + daystr(dnum)[:4])
                fields[fi] = v
        if rnd() < 0.004:  # stray spaces or a tab around a value, or a doubled inner space in the name
            fi = [F_NIK, F_KK, F_GENDER, F_EMAIL, F_PHONE, F_PROV, F_OCC, F_NAME, F_NAME][int(rnd() * 9)]
            v = fields[fi]
            if fi == F_NAME:
                fields[fi] = v.replace(" ", "  ", 1) if " " in v else " " + v + " "
            else:
                fields[fi] = [" " + v, v + " ", "\t" + v, v + "  "][int(rnd() * 4)]
        return fields

    def emit(self, r, files, fi, rr, closes, rings, sticky, w):
        rnd = r.random
        f = files[fi]
        nl = f["nl"]
        line = f["line"]
        bad = rr.bad
        if bad == "blank_line":
            f["buf"].append(nl)
            f["line"] = line + 1
            f["size"] += 1
            sticky[0] = fi
            self.write_truth("bad_row", "", "", f"malformed_csv {f['rel']}:{line}")
            return
        fields = self.fields_of(r, rr, closes)
        other = ""
        if bad == "missing_id":
            fields[F_ID] = ["", " ", "  ", "\t"][int(rnd() * 4)]
        elif bad == "duplicate_id":
            cands = [x for x in range(fi + 1) if rings[x]]
            if cands:
                sf = cands[int(rnd() * len(cands))]
                ring = rings[sf]
                src_fields = ring[int(rnd() * len(ring))]
                other = src_fields[F_ID]
                if rnd() < 0.5:
                    fields = list(src_fields)  # the same row exported twice
                else:
                    fields[F_ID] = other
            else:
                bad = "missing_id"
                fields[F_ID] = ""
        elif bad == "nik_15_digits":
            n = rr.nik
            fields[F_NIK] = [n[:15], n[1:], n + "0", n[:15] + " "][int(rnd() * 4)]
        elif bad == "nik_letters":
            n = rr.nik
            p = 6 + int(rnd() * 8)
            fields[F_NIK] = [n[:p] + "O" + n[p + 1:], n[:p] + "A" + n[p + 1:], n[:4] + " " + n[4:12] + " " + n[12:],
                             n[:6] + "." + n[6:12] + "." + n[12:], "-"][int(rnd() * 5)]
        # render
        alamat = None
        extra_lines = 0
        if f["alamat"]:
            # after text following a closing quote the record ends at the line end: keep it on one line
            alamat, extra_lines = self.alamat(r, nl, single_line=bad == "text_after_quote")
        quote_all = f["quote_all"]
        if quote_all:
            vals = ['"' + v.replace('"', '""') + '"' for v in f["get"](fields)]
        else:
            vals = f["get"](fields)
            joined = ",".join(vals)
            if joined.count(",") != 10 or '"' in joined or "\n" in joined or "\r" in joined:
                vals = [csv_field(v) for v in vals]
            else:
                vals = list(vals)
        if bad == "text_after_quote":
            ws = fields[F_NAME].split()
            if len(ws) > 1:
                bad_name = '"' + ws[0] + ' "' + " ".join(ws[1:]) + '"'
            else:
                bad_name = '"' + ws[0] + '"X'
            vals[f["cols"].index(F_NAME)] = bad_name
        elif bad == "invalid_utf8":
            nm = fields[F_NAME]
            p = int(rnd() * (len(nm) + 1))
            junk = ["\udcc9", "\udce9", "\udcff", "\udc80", "\udce2\udc80", "\udcc3"][int(rnd() * 6)]
            vals[f["cols"].index(F_NAME)] = csv_field(nm[:p] + junk + nm[p:]) if not quote_all else \
                '"' + (nm[:p] + junk + nm[p:]).replace('"', '""') + '"'
        if alamat is not None:
            vals.append(alamat)
        if bad == "extra_field":
            x = rnd()
            if x < 0.4:
                vals.append("")
            elif x < 0.75:
                vals.append(["catatan", "x", "0", '"ok"'][int(rnd() * 4)])
            else:
                vals.pop()
                if alamat is not None:
                    extra_lines = 0
        text = ",".join(vals) + nl
        f["buf"].append(text)
        f["size"] += len(text)
        f["line"] = line + 1 + extra_lines
        if bad is not None:
            self.write_truth("bad_row", fields[F_ID], other, f"{ROW_REASON[bad]} {f['rel']}:{line}")
        elif not (rr.over and F_ID in rr.over):  # a normal row holding a valid id
            ring = rings[fi]
            if len(ring) < 2048:
                ring.append(fields)
            else:
                ring[int(rnd() * 2048)] = fields

    def alamat(self, r, nl, single_line=False):
        rnd = r.random
        x = rnd()
        no, rt, rw = 1 + int(rnd() * 120), 1 + int(rnd() * 12), 1 + int(rnd() * 9)
        st, desa = P_STREET.pick(rnd), P_DESA.pick(rnd)
        if x < 0.1:
            return "", 0
        if x < 0.3:
            return f"PERUM GRIYA {desa} BLOK C{no % 20}", 0
        if x < 0.65 or single_line:
            return f'"JL. {st} NO. {no}, RT {rt:02d}/RW {rw:02d}, KEL. {desa}"', 0
        return f'"JL. {st} NO. {no}, RT {rt:02d}{nl}DESA ""{desa}"""', 1

    def plant_file_errors(self, r, files, w, closes):
        f = files[-1]
        line = f["line"]
        f["buf"].append(f"R{w}-NUL,3201010101900001,3201010101900001,NUL\x00BYTE,1990-01-01,L,a@b.co,"
                        f"081234567890,32,worker,{closes.isoformat()}T10:00:00" + ("," if f["alamat"] else "") + f["nl"])
        f["line"] += 1
        self.write_truth("file_error", "", "", f"nul_byte {f['rel']}:{line}")
        f = files[0]
        line = f["line"]
        f["buf"].append(f'R{w}-UNTERMINATED,3201010101900002,3201010101900002,"UNTERMINATED QUOTE' + f["nl"])
        self.write_truth("file_error", "", "", f"unterminated_quote {f['rel']}:{line}")

    def write_exclusions(self, r, wave_dir, excl, ages, w):
        rnd = r.random
        bsu, dtks = [], []
        for nik, progs in excl:
            if "BSU" in progs:
                bsu.append(nik)
            if "DTKS" in progs:
                dtks.append(nik)
        # recipients who did not register (fresh, unique NIKs)
        for lst in (bsu, dtks):
            for _ in range(len(lst) // 2 + 1):
                pi = self.prov_pool.pick(rnd)
                lst.append(self.new_nik(rnd, pi, ages.birth(rnd), "L" if rnd() < 0.5 else "P"))
            for _ in range(len(lst) // 50):  # listed twice
                lst.append(lst[int(rnd() * len(lst))])
            r.shuffle(lst)
        os.makedirs(os.path.join(wave_dir, "exclusions"), exist_ok=True)
        for name, prog, lst in (("bsu.csv", "BSU", bsu), ("dtks.csv", "DTKS", dtks)):
            with open(os.path.join(wave_dir, "exclusions", name), "w", encoding="utf-8", newline="") as fh:
                fh.write("nik,program\n")
                fh.write("".join(f"{x},{prog}\n" for x in lst))

    def write_wave_toml(self, r, w, n, schedule, wave_dir, legacy_waves, first_wave):
        opens, closes, announce = schedule[w]
        idx = 5800 + r.random() * 1000
        seed = f"{(closes + dt.timedelta(days=1)).isoformat()} IDX close {idx:,.2f}"
        quota = round(n * 0.4)
        if w == first_wave:
            recycle = list(legacy_waves)
        else:
            recycle = [w - 2] if w - 2 >= first_wave else []
        # province quotas: population share of ~110% of quota (largest remainder)
        target = round(quota * 1.1)
        tot_pop = sum(p[2] for p in PROVINCES)
        raw = [target * p[2] / tot_pop for p in PROVINCES]
        base = [int(x) for x in raw]
        rest = target - sum(base)
        order = sorted(range(NPROV), key=lambda i: (-(raw[i] - base[i]), i))
        for i in order[:rest]:
            base[i] += 1
        lines = [
            f"# wave {w} (synthetic data: Scripts/generate.py --seed {self.seed})",
            f"wave = {w}",
            f"opens = {opens.isoformat()}",
            f"closes = {closes.isoformat()}",
            f"announce = {announce.isoformat()}",
            f'seed = "{seed}"',
            f"quota = {quota}",
        ]
        if recycle:
            lines.append(f"recycle_revoked_from = [{', '.join(map(str, recycle))}]")
        lines += ["", "[province_quota]"]
        lines += [f'"{PCODES[i]}" = {base[i]}   # {PROVINCES[i][1]}' for i in range(NPROV)]
        lines += ["", "[rules]", f"min_age = {MIN_AGE}", f"max_age = {MAX_AGE}", "family_limit = 2",
                  "purchase_days = 30", "training_fund = 1000000",
                  "excluded_occupations = [" + ", ".join(f'"{o}"' for o in EXCLUDED) + "]",
                  "max_reject_share = 0.20", "fuzzy_threshold = 0.90", "",
                  "[priority]", "laid_off = 1", "micro_business = 2", "job_seeker = 2", "worker = 3", ""]
        with open(os.path.join(wave_dir, "wave.toml"), "w", encoding="utf-8", newline="") as fh:
            fh.write("\n".join(lines))


def name_variant(r, words, pre, suf, sep, gender):
    """One §7.2 variation of a name: returns (words, pre, suf, sep, kind) or kind None."""
    rnd = r.random
    words = list(words)
    opts = [("title", 20), ("typo", 30)]
    up = " ".join(words)
    # modern -> old spelling, or back for the two-letter old forms
    spell = [(a, b) for a, b in OLD_SPELLING if a in up] + [(b, a) for a, b in OLD_SPELLING if b in up and len(b) == 2]
    if spell:
        opts.append(("old_spelling", 20))
    muh = [i for i, x in enumerate(words) if x in MUHAMMAD_SET]
    if muh:
        opts.append(("muhammad", 25))
    if len(words) >= 2:
        opts.append(("word_swap", 12))
    kind = Pool(opts).pick(rnd)
    if kind == "title":
        if pre or suf:
            return words, "", "", ", ", "title"
        if rnd() < 0.5:
            return words, (P_PRE_M if gender == "L" else P_PRE_F).pick(rnd), "", ", ", "title"
        return words, "", P_SUF.pick(rnd), ", " if rnd() < 0.7 else " ", "title"
    if kind == "old_spelling":
        a, b = spell[int(rnd() * len(spell))]
        new = up.replace(a, b).split()
        if new == words:
            return words, pre, suf, sep, None
        return new, pre, suf, sep, "old_spelling"
    if kind == "muhammad":
        i = muh[int(rnd() * len(muh))]
        cur = words[i]
        alts = [x for x in MUHAMMAD_FORMS if x != cur]
        words[i] = alts[int(rnd() * len(alts))]
        return words, pre, suf, sep, "muhammad"
    if kind == "word_swap":
        if len(words) == 2 or rnd() < 0.5:
            words[0], words[-1] = words[-1], words[0]
        else:
            i = int(rnd() * (len(words) - 1))
            words[i], words[i + 1] = words[i + 1], words[i]
        return words, pre, suf, sep, "word_swap"
    # typo in the longest plain word
    cands = sorted((i for i, x in enumerate(words) if x.isalpha() and x.isascii() and len(x) >= 4),
                   key=lambda i: (-len(words[i]), i))
    if not cands:
        return words, pre, suf, sep, None
    i = cands[0] if rnd() < 0.6 or len(cands) == 1 else cands[1]
    x = words[i]
    op = ["insert", "delete", "change", "transpose"][int(rnd() * 4)]
    p = 1 + int(rnd() * (len(x) - 1))
    if op == "insert":
        c = x[p - 1]
        nb = KEYBOARD.get(c, "A")
        y = x[:p] + (nb[int(rnd() * len(nb))] if rnd() < 0.6 else c) + x[p:]
    elif op == "delete":
        y = x[:p] + x[p + 1:]
    elif op == "change":
        c = x[p]
        nb = KEYBOARD.get(c, "A")
        y = x[:p] + nb[int(rnd() * len(nb))] + x[p + 1:]
    else:
        p = min(p, len(x) - 2)
        if x[p] == x[p + 1]:
            p = 0 if x[0] != x[1] else p
        y = x[:p] + x[p + 1] + x[p] + x[p + 2:]
    if y == x:
        return words, pre, suf, sep, None
    words[i] = y
    return words, pre, suf, sep, "typo_" + op


def csv_field(v):
    if not v:
        return v
    if "," in v or "\n" in v or "\r" in v or v[0] == '"':
        return '"' + v.replace('"', '""') + '"'
    return v


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def schedule_for(start, days, n_waves):
    """wave -> (opens, closes, announce): a wave every 21 days, open `days` days, results 5 days later."""
    sch = {}
    for w in range(1, n_waves + 1):
        o = start + dt.timedelta(days=21 * (w - 1))
        c = o + dt.timedelta(days=days - 1)
        sch[w] = (o, c, c + dt.timedelta(days=5))
    return sch


class TruthWriter:
    def __init__(self, path):
        self.fh = open(path, "w", encoding="utf-8", newline="")
        self.fh.write("kind,registration_id,other_registration_id,detail\n")
        self.buf = []

    def append(self, s):
        self.buf.append(s)
        if len(self.buf) >= 10000:
            self.flush()

    def flush(self):
        self.fh.write("".join(self.buf))
        self.buf.clear()

    def close(self):
        self.flush()
        self.fh.close()


def share(s):
    v = float(s)
    if not 0 <= v <= 0.5:
        raise argparse.ArgumentTypeError("a share must lie in 0..0.5")
    return v


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] + " Writes OUT_DIR/participants.csv and OUT_DIR/waves/<n>/.",
        epilog="The truth-file format and the planted kinds are described in this script's docstring.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("out_dir", metavar="OUT_DIR", help="DATA_DIR to write (created if missing)")
    ap.add_argument("--seed", default="42", help="random seed (any string)")
    ap.add_argument("--waves", type=int, default=1, help="number of waves to generate")
    ap.add_argument("--first-wave", type=int, default=None,
                    help="number of the first generated wave (default 4 with --participants > 0, else 1)")
    ap.add_argument("--registrations", type=int, default=10000, help="registrations (data rows) per wave")
    ap.add_argument("--files", type=int, default=4, help="registrant files per wave")
    ap.add_argument("--participants", type=int, default=0, help="legacy participants (waves 1..first-wave-1)")
    ap.add_argument("--start", default="2021-01-04", help="opening date of wave 1 (waves every 21 days)")
    ap.add_argument("--days", type=int, default=3, help="days a wave is open for registration")
    ap.add_argument("--bad-share", type=share, default=0.002,
                    help="invalid rows: 45%% row-level rejections, 40%% invalid fields, 15%% bad NIK structure")
    ap.add_argument("--exclusions-share", type=share, default=0.01, help="registrants listed in exclusions/*.csv")
    ap.add_argument("--same-person-share", type=share, default=0.01, help="same person under another NIK")
    ap.add_argument("--duplicate-share", type=share, default=0.005, help="second registration of the same NIK")
    ap.add_argument("--shared-contact-share", type=share, default=0.003, help="phone/e-mail of another NIK")
    ap.add_argument("--mismatch-share", type=share, default=0.002, help="NIK date/gender differs from the fields")
    ap.add_argument("--legacy-share", type=share, default=0.02, help="registrants who are legacy participants")
    ap.add_argument("--family-limit-share", type=share, default=0.002,
                    help="registrants whose KK has 2 current legacy participants")
    ap.add_argument("--reregister-share", type=share, default=0.03, help="registrants of the previous wave again")
    ap.add_argument("--twins-share", type=share, default=0.001, help="twin pairs (per family drawn)")
    ap.add_argument("--family-share", type=share, default=0.03, help="families with 2-5 registrants (per family)")
    ap.add_argument("--age-boundary-share", type=share, default=0.0005, help="birth dates on an age limit")
    ap.add_argument("--planted-file-errors", action="store_true",
                    help="also plant a NUL byte and an unterminated quote (file-level errors)")
    ap.add_argument("--truth", metavar="FILE", help="write the planted cases to this CSV")
    a = ap.parse_args(argv)

    if a.first_wave is None:
        a.first_wave = 4 if a.participants > 0 else 1
    if a.participants > 0 and a.first_wave < 2:
        ap.error("--participants needs --first-wave >= 2 (legacy waves are 1..first-wave-1)")
    if a.waves < 0 or a.registrations < 0 or a.files < 1 or a.participants < 0 or a.first_wave < 1 or a.days < 1:
        ap.error("counts must be >= 0, --files, --first-wave and --days >= 1")
    try:
        start = dt.date.fromisoformat(a.start)
    except ValueError:
        ap.error("--start must be YYYY-MM-DD")
    a.seed = str(a.seed)
    os.makedirs(a.out_dir, exist_ok=True)
    gen = Generator(a)
    if a.truth:
        gen.truth = TruthWriter(a.truth)
    last = a.first_wave + a.waves - 1
    schedule = schedule_for(start, a.days, max(last, a.first_wave))
    legacy = list(range(1, a.first_wave)) if a.participants > 0 else []
    t0 = time.perf_counter()
    if a.participants > 0:
        gen.write_participants(os.path.join(a.out_dir, "participants.csv"), a.participants, legacy, schedule)
    for w in range(a.first_wave, last + 1):
        gen.wave(w, a.registrations, a.files, schedule, os.path.join(a.out_dir, "waves", str(w)), legacy,
                 a.first_wave)
        if gen.truth is not None:
            gen.truth.flush()
    if gen.truth is not None:
        gen.truth.close()
    el = time.perf_counter() - t0
    log(f"done in {el:.1f}s: " + "; ".join(f"{name} {cnt:,} rows {cnt / max(s, 1e-9):,.0f}/s"
                                             for name, cnt, s in gen.stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
