"""Legacy-encoded text in many languages decodes exactly (issue #14, item 2).

Each sample is real prose of its language, a few sentences long as a short file is,
encoded in the code pages those languages were written in. A Windows-1252 decode
"succeeds" on almost any bytes, so Western is only chosen when the text is Western.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.storage.formats.text import decode_text, encoding_label

POLISH = (
    "Księga pierwsza. Gospodarstwo.\n"
    "Litwo! Ojczyzno moja! ty jesteś jak zdrowie: ile cię trzeba cenić, ten tylko się dowie, "
    "kto cię stracił. Dziś piękność twą w całej ozdobie widzę i opisuję, bo tęsknię po tobie.\n"
)
CZECH = (
    "Příliš žluťoučký kůň úpěl ďábelské ódy. Většina obyvatel žije ve městech, "
    "kde se v létě často koná mnoho kulturních akcí a výstav.\n"
)
HUNGARIAN = (
    "Árvíztűrő tükörfúrógép. A magyar nyelv az uráli nyelvcsaládba tartozik, "
    "és több mint tizenhárom millióan beszélik anyanyelvként; ő mindig szívesen olvasott.\n"
)
TURKISH = (
    "Pijamalı hasta yağız şoföre çabucak güvendi. Türkiye'nin en kalabalık şehri İstanbul, "
    "iki kıtayı birbirine bağlayan boğazın kıyısında kurulmuştur; çoğu insan oradan geçer.\n"
)
LITHUANIAN = (
    "Įlinkdama fechtuotojo špaga sublykčiojusi pragręžė apvalų arbūzą. Lietuvos sostinė "
    "yra Vilnius, o didžiausios upės – Nemunas ir Neris; ežerų šalyje yra labai daug.\n"
)
LATVIAN = (
    "Glāžšķūņa rūķīši dzērumā čiepj Baha koncertflīģeļu vākus. Rīga ir Latvijas galvaspilsēta "
    "un lielākā pilsēta Baltijas valstīs, kur dzīvo daudz cilvēku.\n"
)
RUSSIAN = (
    "Все счастливые семьи похожи друг на друга, каждая несчастливая семья несчастлива "
    "по-своему. Всё смешалось в доме Облонских.\n"
)
GREEK = (
    "Η Ελλάδα είναι χώρα της νοτιοανατολικής Ευρώπης. Η πρωτεύουσά της είναι η Αθήνα, "
    "μία από τις αρχαιότερες πόλεις του κόσμου, με πολλά μνημεία και μουσεία.\n"
)
ARABIC = (
    "اللغة العربية هي أكثر اللغات السامية تحدثاً، وإحدى أكثر اللغات انتشاراً في العالم، "
    "يتحدثها أكثر من أربعمائة مليون نسمة في الوطن العربي.\n"
)
HEBREW = (
    "עברית היא שפה שמית, ממשפחת השפות האפרו-אסיאתיות. היא שפת הרוב במדינת ישראל, "
    "ומדוברת על ידי מיליוני אנשים ברחבי העולם.\n"
)
JAPANESE = (
    "山路を登りながら、こう考えた。智に働けば角が立つ。情に棹させば流される。"
    "意地を通せば窮屈だ。とかくに人の世は住みにくい。\n"
)
CHINESE_SIMPLIFIED = (
    "中华人民共和国位于亚洲东部，太平洋西岸，是世界上人口最多的国家之一。"
    "北京是中国的首都，也是全国的政治和文化中心。\n"
)
CHINESE_TRADITIONAL = (
    "臺灣位於東亞，是一個由多個島嶼組成的地區。臺北是最大的城市，"
    "擁有許多歷史悠久的廟宇與熱鬧的夜市，吸引了世界各地的遊客。\n"
)
KOREAN = (
    "대한민국은 동아시아의 한반도 남부에 위치한 민주공화국이다. 수도는 서울이며, "
    "한국어를 공용어로 사용하고 있다. 많은 사람들이 서울에 살고 있다.\n"
)
FRENCH = (
    "Le cœur a ses raisons que la raison ne connaît point. Où êtes-vous allés l'été dernier ? "
    "« Déjà », répondit-elle, à la fenêtre de l'hôtel.\n"
)
GERMAN = (
    "Über allen Gipfeln ist Ruh, in allen Wipfeln spürest du kaum einen Hauch. "
    "Die Vögelein schweigen im Walde. Warte nur, balde ruhest du auch. Größe zählt nicht.\n"
)

CASES = [
    (POLISH, "cp1250"), (POLISH, "iso-8859-2"), (CZECH, "cp1250"), (CZECH, "iso-8859-2"),
    (HUNGARIAN, "cp1250"), (HUNGARIAN, "iso-8859-2"), (TURKISH, "cp1254"),
    (LITHUANIAN, "cp1257"), (LATVIAN, "cp1257"), (RUSSIAN, "koi8-r"), (RUSSIAN, "cp1251"),
    (GREEK, "cp1253"), (GREEK, "iso-8859-7"), (ARABIC, "cp1256"), (HEBREW, "cp1255"),
    (HEBREW, "iso-8859-8"), (JAPANESE, "shift_jis"), (JAPANESE, "euc-jp"),
    (CHINESE_SIMPLIFIED, "gb18030"), (CHINESE_TRADITIONAL, "big5"), (KOREAN, "euc-kr"),
    (FRENCH, "cp1252"), (GERMAN, "cp1252"), (GERMAN, "iso-8859-1"),
]


@pytest.mark.parametrize(("text", "codec"), CASES,
                         ids=[f"{codec}-{text[:6]}" for text, codec in CASES])
def test_real_sentences_decode_exactly(text, codec):
    decoded, _used = decode_text(text.encode(codec), "sample.txt")
    assert decoded == text


@pytest.mark.parametrize("text", [FRENCH, GERMAN])
def test_western_text_stays_western(text):
    _decoded, used = decode_text(text.encode("cp1252"), "western.txt")
    assert used == "cp1252"


def test_the_central_european_code_page_is_named_for_the_user():
    _decoded, used = decode_text(POLISH.encode("iso-8859-2"), "pl.txt")
    assert encoding_label(used) == "Central European (ISO-8859-2)"


@pytest.mark.parametrize("codec", ["cp1250", "iso-8859-2"])
def test_polish_is_not_read_as_western(codec):
    decoded, used = decode_text(POLISH.encode(codec), "pan-tadeusz.txt")
    assert "Księga" in decoded and "jesteś" in decoded
    assert used not in ("cp1252", "latin-1", "iso8859-1")


REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("CROSSLIGHT_SHARED") or REPO.parent / "shared") / "corpus" / "real"
# The files were re-encoded with "?" for what the code page lacks (cp932 has no U+2014
# EM DASH), so the reference goes through the same lossy encoding before comparing.
REENCODED = {"ja_kusamakura_sjis.txt": "cp932", "zh_qq_gb18030.txt": "gb18030",
             "fr_lemonde_latin1.txt": "latin-1", "war_and_peace_ru_koi8r.txt": "koi8-r"}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("name", sorted(REENCODED))
def test_reencoded_corpus_texts_decode_exactly(name):
    raw = (CORPUS / name).read_bytes()
    decoded, _used = decode_text(raw, name)
    reference = CORPUS / "expected" / name
    if reference.exists():
        expected = reference.read_text(encoding="utf-8", errors="strict")
        expected = expected.encode(REENCODED[name], errors="replace").decode(REENCODED[name])
    else:  # no reference kept: the codec it was written in is the reference
        expected = raw.decode(REENCODED[name])
    assert decoded.replace("\r\n", "\n") == expected.replace("\r\n", "\n")
