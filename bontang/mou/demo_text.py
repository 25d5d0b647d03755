"""The demo MoU text (Bahasa Indonesia), built from the city's commitments of 15 April 2025."""

TITLE = "Nota Kesepahaman tentang Kemitraan Penempatan dan Pelatihan Tenaga Kerja Lokal Kota Bontang"

BODY = """\
Pada hari ini, {{ tanggal }}, yang bertanda tangan di bawah ini:

1. **{{ nama_wakil }}**, {{ jabatan_wakil }}, dalam hal ini bertindak untuk dan atas nama **{{ nama_perusahaan }}**,
   beralamat di {{ alamat_perusahaan }}, selanjutnya disebut **PIHAK PERTAMA**;
2. **{{ nama_kepala_dinas }}**, dalam hal ini bertindak untuk dan atas nama Pemerintah {{ kota }} c.q. Dinas
   Ketenagakerjaan, dengan disaksikan Wali Kota {{ nama_wali_kota }} dan Wakil Wali Kota {{ nama_wakil_wali_kota }},
   selanjutnya disebut **PIHAK KEDUA**.

Dengan nomor {{ nomor_surat }}, PARA PIHAK sepakat mengikatkan diri dalam Nota Kesepahaman ini dengan ketentuan
sebagai berikut.

### Pasal 1 — Maksud dan Tujuan

Nota Kesepahaman ini dimaksudkan untuk memperkuat kolaborasi antara Pemerintah {{ kota }} dan dunia usaha dalam
menekan angka pengangguran, mengentaskan kemiskinan ekstrem menuju nol, serta mengurangi kesenjangan sosial dan
ekonomi melalui penyaluran tenaga kerja lokal yang terarah.

### Pasal 2 — Rekrutmen melalui Dinas Ketenagakerjaan

1. Seluruh proses rekrutmen tenaga kerja oleh PIHAK PERTAMA dilaksanakan melalui PIHAK KEDUA, sehingga tidak ada
   celah bagi praktik rekrutmen melalui jalur belakang.
2. PIHAK PERTAMA menyampaikan setiap permintaan tenaga kerja (lowongan) kepada PIHAK KEDUA melalui Portal Kemitraan
   Ketenagakerjaan.

### Pasal 3 — Prioritas Tenaga Kerja Lokal

1. Sesuai Peraturan Daerah Kota Bontang Nomor 10 Tahun 2018, PIHAK PERTAMA mengutamakan tenaga kerja ber-KTP
   Bontang dengan porsi paling sedikit **75% (tujuh puluh lima persen)** dari seluruh tenaga kerjanya.
2. Penerimaan tenaga kerja dari luar daerah hanya dilakukan apabila keahlian yang dibutuhkan tidak tersedia di
   Kota Bontang, disertai alasan tertulis kepada PIHAK KEDUA.

### Pasal 4 — Pelatihan Warga Miskin Bersertifikat

1. PIHAK KEDUA mendata warga miskin usia kerja dan mengarahkan mereka mengikuti pelatihan kerja yang sesuai dengan
   kebutuhan industri, bersama Balai Latihan Kerja dan lembaga pelatihan serta sertifikasi (LPK, LSP/BNSP).
2. Pelatihan mencakup keterampilan teknis (*hard skill*), *soft skill* dan *life skill*, termasuk daya tahan kerja
   dan komitmen sebagai karyawan.
3. PIHAK PERTAMA menyampaikan kebutuhan kompetensi dan, sesuai kemampuannya, mendukung pelatihan, pemagangan dan
   uji kompetensi.

### Pasal 5 — Pelaporan

PIHAK PERTAMA melaporkan kepada PIHAK KEDUA lowongan yang tersedia, tenaga kerja yang ditempatkan, dan komposisi
tenaga kerja lokal dan non-lokal secara berkala melalui Portal Kemitraan Ketenagakerjaan.

### Pasal 6 — Jangka Waktu

Nota Kesepahaman ini berlaku sejak ditandatangani PARA PIHAK sampai dengan berakhirnya masa berlaku yang tercantum
pada dokumen ini, dan dapat diperpanjang atas kesepakatan PARA PIHAK.

### Pasal 7 — Penutup

Nota Kesepahaman ini ditandatangani secara elektronik oleh PARA PIHAK sesuai Undang-Undang Informasi dan Transaksi
Elektronik Pasal 11 dan Peraturan Pemerintah Nomor 71 Tahun 2019, dan mempunyai kekuatan hukum yang sama dengan
dokumen yang ditandatangani secara basah.
"""
