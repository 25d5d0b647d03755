"""A subset of KBJI 2014 occupation codes (unit groups) relevant to Bontang's industries and services."""
from __future__ import annotations

from sqlalchemy import select

from bontang.extensions import db
from bontang.hiring.models import Occupation

KBJI = (
    ("1321", "Manajer Produksi Industri Pengolahan"), ("1323", "Manajer Konstruksi"),
    ("1324", "Manajer Pasokan, Distribusi dan Sejenisnya"), ("1342", "Manajer Pelayanan Kesehatan"),
    ("1411", "Manajer Hotel"), ("2141", "Insinyur Industri dan Produksi"), ("2142", "Insinyur Sipil"),
    ("2143", "Insinyur Lingkungan"), ("2144", "Insinyur Mekanik"), ("2145", "Insinyur Kimia"),
    ("2151", "Insinyur Listrik"), ("2152", "Insinyur Elektronika"), ("2211", "Dokter Umum"),
    ("2221", "Perawat Profesional"), ("2262", "Apoteker"),
    ("2263", "Ahli Kesehatan dan Keselamatan Kerja serta Lingkungan"), ("2411", "Akuntan"),
    ("2423", "Ahli Kepegawaian dan Pengembangan Karier"), ("2511", "Analis Sistem"),
    ("3112", "Teknisi Teknik Sipil"), ("3113", "Teknisi Listrik"), ("3114", "Teknisi Elektronika"),
    ("3115", "Teknisi Mekanik"), ("3116", "Teknisi Teknik Kimia"), ("3117", "Teknisi Pertambangan dan Metalurgi"),
    ("3122", "Pengawas Produksi Industri Pengolahan"), ("3123", "Pengawas Konstruksi"),
    ("3131", "Operator Pembangkit Listrik"), ("3132", "Operator Insinerator dan Pengolahan Air"),
    ("3133", "Pengendali Proses Pabrik Kimia"), ("3134", "Operator Kilang Minyak dan Gas Alam"),
    ("3139", "Teknisi Pengendali Proses Lainnya"), ("3151", "Masinis Kapal"), ("3152", "Perwira Dek Kapal dan Pandu"),
    ("3212", "Teknisi Laboratorium Medis dan Patologi"), ("3221", "Perawat Madya"),
    ("3257", "Inspektur Kesehatan Lingkungan dan Keselamatan Kerja"), ("3313", "Tenaga Pembukuan dan Akuntansi"),
    ("3343", "Sekretaris Administrasi dan Eksekutif"), ("4110", "Juru Tulis Umum"),
    ("4321", "Petugas Pencatat Persediaan (Gudang)"), ("4323", "Petugas Administrasi Transportasi"),
    ("5120", "Juru Masak"), ("5131", "Pramusaji"), ("5151", "Pengawas Kebersihan dan Tata Graha"),
    ("5223", "Pramuniaga"), ("5321", "Asisten Perawatan Kesehatan"), ("5414", "Petugas Keamanan (Satpam)"),
    ("7112", "Tukang Batu dan Sejenisnya"), ("7115", "Tukang Kayu"), ("7126", "Tukang Pipa dan Pemasang Pipa"),
    ("7212", "Tukang Las dan Pemotong Logam"), ("7213", "Pekerja Pelat Logam"),
    ("7214", "Pemasang Konstruksi Baja"), ("7215", "Pemasang Tali Temali dan Penyambung Kabel (Rigger)"),
    ("7223", "Penyetel dan Operator Mesin Perkakas"), ("7231", "Mekanik Kendaraan Bermotor"),
    ("7233", "Mekanik Mesin Industri dan Alat Berat"), ("7411", "Teknisi Listrik Bangunan"),
    ("7412", "Montir Listrik"), ("7421", "Mekanik dan Perbaikan Elektronika"),
    ("7543", "Penguji dan Pemeriksa Mutu Produk"), ("8131", "Operator Mesin dan Pabrik Bahan Kimia"),
    ("8182", "Operator Mesin Uap dan Boiler"), ("8189", "Operator Mesin dan Pabrik Stasioner Lainnya"),
    ("8332", "Pengemudi Truk Berat"), ("8342", "Operator Alat Berat Pemindah Tanah"), ("8343", "Operator Derek (Crane)"),
    ("8344", "Operator Forklift"), ("8350", "Awak Dek Kapal"), ("9112", "Petugas Kebersihan"),
    ("9313", "Pekerja Bangunan Gedung"), ("9321", "Pengemas Manual"), ("9333", "Buruh Angkut Barang"),
)


def ensure_occupations() -> int:
    """Insert the KBJI codes that are missing; returns how many were added."""
    known = set(db.session.scalars(select(Occupation.code)))
    missing = [Occupation(code=code, title=title) for code, title in KBJI if code not in known]
    db.session.add_all(missing)
    db.session.flush()
    return len(missing)


def occupation_titles(codes) -> dict[str, str]:
    """Titles of the given codes, in one query."""
    codes = [c for c in set(codes) if c]
    if not codes:
        return {}
    return dict(db.session.execute(select(Occupation.code, Occupation.title).where(Occupation.code.in_(codes))).all())
